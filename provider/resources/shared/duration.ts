/** The `timeout` inputs: a duration such as `"30m"`. */
import { z } from "zod";

/** `"90s"`, `"30m"`, `"2h"` → milliseconds. */
export const durationSchema = z
  .string()
  .regex(/^\d+(s|m|h)$/, { message: 'must be a duration such as "90s", "30m" or "2h"', abort: true })
  .refine(
    (value) => parseDuration(value) > 0 && parseDuration(value) <= 24 * 3600_000,
    "must be more than 0s and at most 24h",
  );

export function parseDuration(value: string): number {
  const amount = Number(value.slice(0, -1));
  const unit = value.slice(-1);
  return amount * (unit === "h" ? 3600_000 : unit === "m" ? 60_000 : 1000);
}
