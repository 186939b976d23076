/** A completed, provider-marked backup taken `ageHours` ago: the unit tests' seed shape. */
import { markedDescription } from "../../provider/vendors/marker";
import type { VendorBackup } from "../../provider/vendors/vendor";

export const HOUR = 3600_000;

export function seedBackup(id: string, ageHours: number, extra: Partial<VendorBackup> = {}): VendorBackup {
  return {
    id,
    state: "completed",
    vendorStatus: "completed",
    manual: true,
    description: markedDescription("seed", `0000${id.padStart(4, "0")}`),
    createdAt: new Date(Date.now() - ageHours * HOUR).toISOString(),
    ...extra,
  };
}
