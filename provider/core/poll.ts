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
 * While the account could still send this many poll waves (one list for every backup waiting
 * on it) without waiting, a poll of a backup in flight reads a list asked for after the one it
 * read last: a completion is noticed at the next poll, and polls at the same moment share the
 * list in flight. Twenty: 8 Backups (the engine's default slots on 2 cores) on Northflank's
 * 1000 requests an hour are plenty, 150 at once on one token are not (each fresh wave would
 * spend 15 % of the hour).
 */
export const PLENTY_WAVES = 20;
/** With fewer spare requests, the age a shared list may have per backup waiting on its target… */
export const SHARED_LIST_AGE_PER_WAITER_MS = 500;
/** …and at most (a target then costs at most one poll list per 5 s, however many backups wait). */
export const SHARED_LIST_MAX_AGE_MS = 5_000;

/** What decides how old a shared list may be. */
export interface PollPressure {
  /** Requests the account can still send without waiting (`RequestBudget.spareRequests`; Infinity without a budget). */
  spareRequests: number;
  /** Backups of this process waiting on the account, and on the target polled. */
  waitingOnAccount: number;
  waitingOnTarget: number;
}

/**
 * How old (ms) a shared list may be to answer a poll. 0 means "newer than the list this poll
 * read last": while the account's spare requests cover {@link PLENTY_WAVES} lists for every
 * backup waiting on it. Below that, the age grows linearly with the shortfall, to
 * {@link SHARED_LIST_AGE_PER_WAITER_MS} per backup waiting on the target (at most
 * {@link SHARED_LIST_MAX_AGE_MS}) when nothing is spare: waiters then share older lists,
 * trading latency for requests only when requests are scarce.
 */
export function pollListMaxAgeMs({ spareRequests, waitingOnAccount, waitingOnTarget }: PollPressure): number {
  const plenty = PLENTY_WAVES * Math.max(1, waitingOnAccount);
  if (spareRequests >= plenty) return 0;
  const scarcity = 1 - Math.max(0, spareRequests) / plenty;
  const shared = Math.min(SHARED_LIST_MAX_AGE_MS, Math.max(1, waitingOnTarget) * SHARED_LIST_AGE_PER_WAITER_MS);
  return Math.round(scarcity * shared);
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
