/**
 * Injected faults (`/_admin/faults`): the next `count` vendor requests whose method and path
 * match (after `skip` of them went through) get a canned failure instead of (or, for
 * `delayMs`, before) normal handling.
 */
import { z } from "zod";

export const faultSpecSchema = z
  .object({
    /** HTTP method to match; absent = any. */
    method: z.string().min(1).optional(),
    /** Regular expression over the request path (vendor prefix included, query string excluded). */
    path: z.string().min(1),
    /** How many matching requests it applies to. */
    count: z.number().int().positive().default(1),
    /** Let this many matching requests through first (e.g. fail a poll, not the look before the request). */
    skip: z.number().int().nonnegative().default(0),
    /** Apply to each matching request only with this probability (random faults for scale runs). @default 1 */
    probability: z.number().min(0).max(1).optional(),
    /** Answer with this status and the vendor's error body (or `body`). */
    status: z.number().int().min(100).max(599).optional(),
    /** With `status`: a `Retry-After` header, in seconds. */
    retryAfter: z.number().int().nonnegative().optional(),
    /** With `status`: the exact JSON body to send instead of the vendor's error body. */
    body: z.unknown().optional(),
    /** Delay the response, then handle the request normally (an "ambiguous" request). */
    delayMs: z.number().int().nonnegative().optional(),
    /** Destroy the socket without any response. */
    reset: z.literal(true).optional(),
    /** Handle the request as usual, then cut its JSON answer short (same status). */
    malformed: z.literal(true).optional(),
  })
  .refine((f) => [f.status !== undefined, f.delayMs !== undefined, f.reset, f.malformed].filter(Boolean).length === 1, {
    message: 'exactly one of "status", "delayMs", "reset", "malformed" is required',
  })
  .refine(
    (f) => {
      try {
        new RegExp(f.path);
        return true;
      } catch {
        return false;
      }
    },
    { message: '"path" must be a valid regular expression', path: ["path"] },
  );

export type FaultSpec = z.infer<typeof faultSpecSchema>;

export interface Fault extends FaultSpec {
  id: number;
  /** Requests it still applies to. */
  remaining: number;
  /** Matching requests still to let through before it applies. */
  toSkip: number;
}

export class FaultList {
  private faults: Fault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): Fault {
    const fault: Fault = { ...spec, id: this.nextId++, remaining: spec.count, toSkip: spec.skip };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }

  /** The first fault matching the request (and winning its draw, if it has a probability), consuming one of its uses. */
  take(method: string, path: string, random: () => number = Math.random): Fault | undefined {
    const fault = this.faults.find(
      (f) =>
        (!f.method || f.method.toUpperCase() === method.toUpperCase()) &&
        new RegExp(f.path).test(path) &&
        (f.probability === undefined || random() < f.probability),
    );
    if (!fault) return undefined;
    if (fault.toSkip > 0) {
      fault.toSkip -= 1;
      return undefined;
    }
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return { ...fault };
  }
}
