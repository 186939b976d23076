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

/** The vendor's ids that are numbers on the wire (Kinsta and VPS.org backups). */
export function numericId(id: string, field: string, vendor: string): number {
  if (!/^\d+$/.test(id))
    throw new ValidationError(field, `must be a ${vendor} backup id (digits only), got ${JSON.stringify(id)}`);
  return Number(id);
}

export const UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Epoch milliseconds → ISO-8601. */
export const isoFromEpochMs = (ms: number) => new Date(ms).toISOString();

/** The query parameters of a `next` link, so pagination keeps our own base URL and path. */
export function queryOfLink(link: string): Record<string, string> {
  const url = new URL(link, "http://placeholder.invalid");
  return Object.fromEntries(url.searchParams.entries());
}

/** Stops runaway pagination (a vendor that always says "there is more"). */
export const MAX_PAGES = 1_000;
