/** Vendor id formats shared by several vendors. */
import { ValidationError } from "../../core/errors";

/** The vendor's ids that are numbers on the wire (Kinsta and VPS.org backups). */
export function numericId(id: string, field: string, vendor: string): number {
  if (!/^\d+$/.test(id))
    throw new ValidationError(field, `must be a ${vendor} backup id (digits only), got ${JSON.stringify(id)}`);
  return Number(id);
}

export const UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
