/**
 * One request budget per vendor account, shared by every resource of a run. The dynamic
 * provider serves all resources of a Pulumi command in one process, so a module-level
 * registry (keyed by vendor, base URL and a hash of the credential, never the credential
 * itself) makes every request of one account wait its turn in one queue instead of racing
 * into the vendor's limit.
 *
 * A budget allows at most `requests` per sliding `windowMs` (any window the vendor counts in
 * then holds no more), starts from the vendor's documented limit or the account's configured
 * one, and learns from what the vendor says: `x-ratelimit-remaining`/`reset` hold requests once the advertised budget is spent (and
 * spread the last few over the rest of the window), and a 429 holds every request of the
 * account for as long as the vendor asked and lowers the capacity to what was accepted.
 *
 * Background requests (progress polls) go only when no foreground request (lookups,
 * creates) is waiting, or once they have waited {@link BACKGROUND_MAX_WAIT_MS}: a poll
 * cannot finish a backup sooner than its create is sent.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import { paceDelayMs, type RateLimitBudget } from "./rate-limit";

/** A request limit: at most `requests` per `windowMs`. */
export interface RateLimitRule {
  requests: number;
  windowMs: number;
}

/** A 429 lowers the capacity only to at least this share of it (see `rateLimited`). */
export const MIN_LEARNT_SHARE = 0.5;

/** How long a background request may wait behind foreground ones. */
export const BACKGROUND_MAX_WAIT_MS = 15_000;

/**
 * Slack added to the window: the vendor counts arrivals, and a busy event loop (hundreds of
 * resources in one process) or the network may delay the first request of a window more
 * than the one sent a window later (measured: one 429 in a 40-backup run with 100 ms).
 */
const windowSlackMs = (windowMs: number) => Math.max(300, Math.round(windowMs * 0.02));

export type RequestPriority = "foreground" | "background";

const priorities = new AsyncLocalStorage<RequestPriority>();

/** Runs `work` with its requests queued as background (progress polls). */
export function inBackground<T>(work: () => Promise<T>): Promise<T> {
  return priorities.run("background", work);
}

/** Thrown by `acquire` when the next free slot is later than the caller may wait. */
export class BudgetWaitTooLong {
  constructor(
    /** How long the wait would have been. */
    readonly waitMs: number,
    /** The budget's current view, for the message. */
    readonly limit: number,
    readonly spentUntilReset: boolean,
  ) {}
}

interface Waiter {
  priority: RequestPriority;
  enqueuedAt: number;
  /** Latest time (ms since epoch) the request may be sent. */
  latest: number;
  resolve(): void;
  reject(reason: BudgetWaitTooLong): void;
}

export class RequestBudget {
  /** Current capacity per window: the configured limit until the vendor says otherwise. */
  limit: number;
  readonly windowMs: number;
  /** Send times inside the last window, oldest first. */
  private sent: number[] = [];
  /** When 429s came back inside the last window: those requests were not accepted. */
  private refused: number[] = [];
  /** A 429 (or a spent advertised budget) holds every request until then. */
  private heldUntil = 0;
  /** What the vendor last advertised, and how many requests left since. */
  private advertised?: RateLimitBudget & { sentSince: number };
  private lastSentAt = 0;
  private queue: Waiter[] = [];
  private timer?: NodeJS.Timeout;
  /** Counters, for diagnostics and tests. */
  readonly stats = { sent: 0, rateLimited: 0, queuedMs: 0 };

  constructor(rule: RateLimitRule) {
    this.limit = Math.max(1, Math.floor(rule.requests));
    this.windowMs = rule.windowMs;
  }

  /** The earliest time the next request may be sent (ms since epoch). */
  nextSlotAt(now = Date.now()): number {
    this.prune(now);
    let at = Math.max(now, this.heldUntil);
    if (this.sent.length >= this.limit) {
      at = Math.max(at, this.sent[this.sent.length - this.limit] + this.windowMs + windowSlackMs(this.windowMs));
    }
    const advertised = this.advertised;
    if (advertised && advertised.resetAt > now) {
      const left = advertised.remaining - advertised.sentSince;
      // The vendor's own reset (already rounded up to whole seconds) needs no slack.
      if (left <= 0) at = Math.max(at, advertised.resetAt);
      else {
        const pace = paceDelayMs({ ...advertised, remaining: left }, now);
        if (pace > 0) at = Math.max(at, this.lastSentAt + pace);
      }
    }
    return at;
  }

  /**
   * The share of the account's budget still free: 1 when nothing was sent in the window and
   * nothing waits, 0 when the next request would wait (window full, requests queued beyond
   * it, a 429 hold, or the vendor's advertised budget spent). Polls read it to decide how
   * old a shared list may be (`pollListMaxAgeMs`).
   */
  spareShare(now = Date.now()): number {
    this.prune(now);
    if (this.heldUntil > now) return 0;
    let share = (this.limit - this.sent.length - this.queue.length) / this.limit;
    const advertised = this.advertised;
    if (advertised && advertised.resetAt > now && advertised.limit > 0) {
      const left = advertised.remaining - advertised.sentSince - this.queue.length;
      share = Math.min(share, left / advertised.limit);
    }
    return Math.min(1, Math.max(0, share));
  }

  /** Why a wait is too long: the vendor's advertised budget spent until its reset, or our own window full. */
  private tooLong(waitMs: number, now: number): BudgetWaitTooLong {
    const advertised = this.advertised;
    const spent =
      advertised !== undefined && advertised.resetAt > now && advertised.remaining - advertised.sentSince <= 0;
    return new BudgetWaitTooLong(waitMs, spent ? advertised.limit : this.limit, spent);
  }

  /**
   * Resolves when the request may be sent (the slot is then taken). Rejects with
   * {@link BudgetWaitTooLong} at once when the slot is later than `latest`.
   */
  acquire(latest: number, priority: RequestPriority = "foreground", now = Date.now()): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ priority, enqueuedAt: now, latest, resolve, reject });
      this.pump(now);
    });
  }

  /** Serves waiters whose slot has come; schedules itself for the next one. */
  private pump(now = Date.now()): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.queue.length > 0) {
      const slot = this.nextSlotAt(now);
      // Expired waiters leave first, whatever their priority: they would never be served.
      const expired = this.queue.filter((w) => w.latest < slot);
      if (expired.length > 0) {
        this.queue = this.queue.filter((w) => w.latest >= slot);
        for (const w of expired) w.reject(this.tooLong(slot - now, now));
        continue;
      }
      if (slot > now) {
        this.timer = setTimeout(() => this.pump(), slot - now);
        return;
      }
      const index = this.nextWaiterIndex(now);
      const [waiter] = this.queue.splice(index, 1);
      this.record(now);
      this.stats.queuedMs += now - waiter.enqueuedAt;
      waiter.resolve();
    }
  }

  /** The first foreground waiter; a background one when none is waiting or it waited long enough. */
  private nextWaiterIndex(now: number): number {
    const starved = this.queue.findIndex(
      (w) => w.priority === "background" && now - w.enqueuedAt >= BACKGROUND_MAX_WAIT_MS,
    );
    if (starved >= 0) return starved;
    const foreground = this.queue.findIndex((w) => w.priority === "foreground");
    return foreground >= 0 ? foreground : 0;
  }

  private record(now: number): void {
    this.sent.push(now);
    this.lastSentAt = now;
    this.stats.sent += 1;
    if (this.advertised) this.advertised.sentSince += 1;
  }

  private prune(now: number): void {
    const horizon = now - this.windowMs - windowSlackMs(this.windowMs);
    for (const log of [this.sent, this.refused]) {
      let drop = 0;
      while (drop < log.length && log[drop] <= horizon) drop++;
      if (drop > 0) log.splice(0, drop);
    }
  }

  /** Learns from an answer's `x-ratelimit-*` headers (already parsed). */
  observe(advertised: RateLimitBudget | undefined, now = Date.now()): void {
    if (!advertised) return;
    // The advertised remaining and reset bound the account from here; the capacity per window
    // is not replaced, since the header names no window length.
    const known = this.advertised;
    // Answers of concurrent requests arrive out of order: within one window the lowest
    // `remaining` is the latest news.
    const sameWindow = known && Math.abs(known.resetAt - advertised.resetAt) < 1_500;
    if (!sameWindow || advertised.remaining <= known.remaining - known.sentSince) {
      this.advertised = { ...advertised, sentSince: 0 };
    }
    this.pump(now);
  }

  /**
   * A 429: every request of the account waits `waitMs` (what the vendor said), and the
   * capacity drops to the requests the vendor accepted in the last window.
   */
  rateLimited(waitMs: number | undefined, now = Date.now()): void {
    this.stats.rateLimited += 1;
    this.prune(now);
    this.refused.push(now);
    // What the vendor accepted in the last window is what it allows, when that is plausible:
    // a 429 after far fewer requests came from elsewhere (another process on the same
    // credential, a per-endpoint limit, an injected fault) and says nothing about the window.
    const accepted = this.sent.length - this.refused.length;
    if (accepted < this.limit && accepted >= this.limit * MIN_LEARNT_SHARE) this.limit = accepted;
    if (waitMs !== undefined) this.heldUntil = Math.max(this.heldUntil, now + waitMs);
    this.pump(now);
  }
}

const budgets = new Map<string, RequestBudget>();

/** Whether the shared budget is on. `HOSTING_BACKUPS_REQUEST_BUDGET=off` is for measurements only. */
export function budgetsEnabled(): boolean {
  return (process.env.HOSTING_BACKUPS_REQUEST_BUDGET ?? "").toLowerCase() !== "off";
}

/**
 * The budget of one account: `vendor`, the API's origin and path, and the credential (as
 * the `authorization` header it produces), hashed so no key holds a secret. Created with
 * `rule` on first use; later callers share it.
 */
export function budgetFor(vendor: string, baseUrl: string, authorization: string, rule: RateLimitRule): RequestBudget {
  const key = accountKey(vendor, baseUrl, authorization);
  let budget = budgets.get(key);
  if (!budget) {
    budget = new RequestBudget(rule);
    budgets.set(key, budget);
  }
  bound?.push(budget);
  return budget;
}

/** Budgets handed out while `budgetBoundBy` runs its (synchronous) factory. */
let bound: RequestBudget[] | undefined;

/**
 * Runs a synchronous client factory and returns the client with the account budget its HTTP
 * client took (`undefined` when budgets are off). Resource code learns an account's budget
 * this way without the vendor-neutral client interface carrying it.
 */
export function budgetBoundBy<T>(create: () => T): { value: T; budget?: RequestBudget } {
  const outer = bound;
  const mine: RequestBudget[] = [];
  bound = mine;
  try {
    return { value: create(), budget: mine[0] };
  } finally {
    bound = outer;
  }
}

/** The registry key of one account: a SHA-256 of vendor, base URL and credential. */
export function accountKey(vendor: string, baseUrl: string, authorization: string): string {
  return createHash("sha256").update(`${vendor}\u0000${baseUrl}\u0000${authorization}`).digest("hex");
}

/** The priority of the running work (`inBackground` or foreground). */
export function currentPriority(): RequestPriority {
  return priorities.getStore() ?? "foreground";
}

const requestCounters = new AsyncLocalStorage<{ sent: number }>();

/**
 * Runs `work` and counts the HTTP requests it sends (retries included), whatever accounts
 * they go to: the report's requests per target.
 */
export async function countingRequests<T>(work: () => Promise<T>): Promise<{ result: T; requests: number }> {
  const counter = { sent: 0 };
  const result = await requestCounters.run(counter, work);
  return { result, requests: counter.sent };
}

/** Called by the HTTP core once per request it sends. */
export function noteRequestSent(): void {
  const counter = requestCounters.getStore();
  if (counter) counter.sent += 1;
}

/** Every budget of the process (tests). */
export function allBudgets(): RequestBudget[] {
  return [...budgets.values()];
}
