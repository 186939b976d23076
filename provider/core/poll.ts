/**
 * The one polling loop. Backups, restores and operations all wait through `waitUntil`,
 * so interval growth and deadlines behave the same for every vendor.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { isErrorOf, RateLimitedError, WaitTimeoutError } from "./errors";

export interface WaitOptions {
  /** Absolute deadline (ms since epoch). */
  deadline: number;
  /** What we are waiting for, for the timeout message. */
  what: string;
  /** First interval between polls; grows ×1.5 up to `maxIntervalMs`. */
  initialIntervalMs?: number;
  maxIntervalMs?: number;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const deadlines = new AsyncLocalStorage<number>();

/**
 * Runs `work` with an absolute deadline (ms since epoch, e.g. a resource's `timeout`): the
 * HTTP core lets no rate-limit wait of a request made inside it last past the deadline.
 */
export function withDeadline<T>(deadline: number, work: () => Promise<T>): Promise<T> {
  return deadlines.run(deadline, work);
}

/** The deadline `withDeadline` set for the running work, if any. */
export function currentDeadline(): number | undefined {
  return deadlines.getStore();
}

/** Polls `probe` until it returns a value other than `undefined`, or the deadline passes. */
export async function waitUntil<T>(probe: () => Promise<T | undefined>, options: WaitOptions): Promise<T> {
  let interval = options.initialIntervalMs ?? 250;
  const maxInterval = options.maxIntervalMs ?? 5_000;
  for (;;) {
    let result: T | undefined;
    try {
      result = await withDeadline(options.deadline, probe);
    } catch (error) {
      // A probe near the deadline may find no slot in the account's budget before it (or be
      // asked to wait past it): the deadline ends the wait, and reads as the timeout it is.
      if (
        isErrorOf(error, RateLimitedError) &&
        Date.now() + ((error as RateLimitedError).retryAfterSeconds ?? 0) * 1000 >= options.deadline
      )
        throw new WaitTimeoutError(`timed out waiting for ${options.what}`);
      throw error;
    }
    if (result !== undefined) return result;
    const remaining = options.deadline - Date.now();
    if (remaining <= 0) throw new WaitTimeoutError(`timed out waiting for ${options.what}`);
    await sleep(Math.min(interval, remaining));
    interval = Math.min(Math.ceil(interval * 1.5), maxInterval);
  }
}

/**
 * After a request that got no usable answer: probes at 1 s, 2 s, 4 s … (at most 8 s apart)
 * for what the request would have made, until `until` (ms since epoch). `undefined` when it
 * never appeared.
 */
export async function lookFor<T>(probe: () => Promise<T | undefined>, until: number): Promise<T | undefined> {
  for (let delay = 1_000; Date.now() < until; delay = Math.min(delay * 2, 8_000)) {
    await sleep(Math.min(delay, Math.max(0, until - Date.now())));
    const found = await probe();
    if (found !== undefined) return found;
  }
  return undefined;
}
