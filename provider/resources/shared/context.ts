/**
 * What every resource's lifecycle works with: the target's vendor (the registry's one typed
 * lookup), its id fields and key, and the client of the account the resource uses.
 */
import { vendorNamed } from "../../vendors/registry";
import type { VendorClient, VendorModule } from "../../vendors/vendor";
import { clientFor } from "./clients";
import { targetFields, type TargetInput } from "./target";

export interface ResourceContext {
  vendor: VendorModule;
  target: TargetInput;
  /** The target without `vendor`: what the vendor client takes. */
  fields: Record<string, string>;
  /** `<vendor>/<target ids>`, e.g. `kinsta/<environmentId>`. */
  targetKey: string;
  client: VendorClient;
  account?: string;
}

export function resourceContext(inputs: { target: TargetInput; account?: string }): ResourceContext {
  const vendor = vendorNamed(inputs.target.vendor);
  const fields = targetFields(inputs.target);
  return {
    vendor,
    target: inputs.target,
    fields,
    targetKey: vendor.targetKey(fields),
    client: clientFor(vendor, inputs.account),
    account: inputs.account,
  };
}

/** `<vendor>/<target ids>` of a target, without a client. */
export function targetKeyOf(target: TargetInput): string {
  return vendorNamed(target.vendor).targetKey(targetFields(target));
}
