/**
 * Clients re-read their options through the vendor's schema: the resource layer validated
 * them already, but parsing here gives typed values and defaults, and a stray caller
 * gets a ValidationError instead of a malformed request to the vendor.
 */
import type { z } from "zod";
import { ValidationError } from "../../core/errors";

export function parseOptions<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue.path.map(String).join(".");
  throw new ValidationError(path ? `${what}.${path}` : what, issue.message);
}
