/** A resource's checked `target`, and the resource ids built from it. */
import type { z } from "zod";
import { isVendorName, targetFieldNames, vendorNamed, type targetSchema } from "../../vendors/registry";
import type { VendorModule } from "../../vendors/vendor";

/** A checked `target`: one of the vendors' target shapes (the registry's union). */
export type TargetInput = z.output<typeof targetSchema>;

/** Strips `vendor` from a target input, leaving what the vendor client expects. */
export function targetFields(target: TargetInput): Record<string, string> {
  const { vendor: _vendor, ...fields } = target;
  return fields;
}

/**
 * Parses a resource id `<vendor>/<target ids…>/<last>` (e.g. `kinsta/<environmentId>/123`)
 * back into the target and the last segment; `undefined` when it is not such an id.
 * Used by `Backup.get`, which hands `read` nothing but the id.
 */
export function parseResourceId(id: string): { vendor: VendorModule; target: TargetInput; last: string } | undefined {
  const [vendorName, ...rest] = id.split("/");
  if (!isVendorName(vendorName)) return undefined;
  const vendor = vendorNamed(vendorName);
  const fieldNames = targetFieldNames(vendorName);
  if (rest.length !== fieldNames.length + 1) return undefined;
  const fields = Object.fromEntries(fieldNames.map((name, i) => [name, rest[i]]));
  if (vendor.targetKey(fields) !== [vendorName, ...rest.slice(0, -1)].join("/")) return undefined;
  return { vendor, target: { vendor: vendor.name, ...fields } as TargetInput, last: rest[rest.length - 1] };
}
