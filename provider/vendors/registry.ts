/**
 * Every vendor, by name. Resource providers reach vendors only through this registry.
 */
import { ConfigurationError } from "../core/errors";
import type { VendorModule, VendorName } from "../core/vendor";
import { VENDOR_NAMES } from "../core/vendor";
import { kinsta } from "./kinsta";
import { northflank } from "./northflank";
import { vpsorg } from "./vpsorg";
import { wpengine } from "./wpengine";

// `any` only here: each module is typed with its own target shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const vendors = { kinsta, wpengine, vpsorg, northflank } satisfies Record<VendorName, VendorModule<any>>;

export function getVendor(name: string): VendorModule {
  if (!(VENDOR_NAMES as readonly string[]).includes(name)) {
    throw new ConfigurationError(`unknown vendor "${name}": expected one of ${VENDOR_NAMES.join(", ")}`);
  }
  return vendors[name as VendorName] as unknown as VendorModule;
}
