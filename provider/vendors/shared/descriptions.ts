/**
 * Rules for the user's part of a backup description. The provider appends a marker
 * ` hb:<8 hex>` (12 characters) so it can find its own backups after an interrupted run;
 * every vendor's limit is therefore the vendor's own limit minus 12.
 */
import { z } from "zod";

export { MARKER_LENGTH } from "../marker";

/** Control characters would be mangled (or rejected) by every vendor's UI. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const PRINTABLE = /^[^\u0000-\u001f\u007f]*$/;

/**
 * A printable description of 1..`max` characters. `why` explains where `max` comes from,
 * so the message names the rule, e.g. "must be at most 100 characters (…)".
 */
export function printableDescription(max: number, why: string) {
  return z
    .string({ error: "must be a string" })
    .refine((value) => value.trim().length > 0, "must not be empty or only spaces")
    .refine((value) => value.length <= max, `must be at most ${max} characters ${why}`)
    .refine((value) => PRINTABLE.test(value), "must not contain control characters such as newlines or tabs");
}
