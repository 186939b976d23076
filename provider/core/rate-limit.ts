/**
 * A vendor's advertised request budget, read from `x-ratelimit-limit`, `x-ratelimit-remaining`
 * and `x-ratelimit-reset` (Northflank sends them on every answer and documents no
 * `Retry-After`). Pure functions, so the HTTP core and a per-account budget can share them.
 */

export interface RateLimitBudget {
  /** Requests allowed per window. */
  limit: number;
  /** Requests left in the current window. */
  remaining: number;
  /** When the window resets (ms since epoch). */
  resetAt: number;
}

type Headers = Record<string, string | string[] | undefined>;

/** A reset above this many seconds cannot be a delay: it is an epoch time (seconds or ms). */
const EPOCH_SECONDS_FROM = 1_000_000_000;
const EPOCH_MS_FROM = 1_000_000_000_000;

function numberHeader(headers: Headers, name: string): number | undefined {
  const raw = headers[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Number(value);
}

/**
 * The budget an answer advertises, or `undefined` when it carries no complete set of headers.
 * Northflank documents `x-ratelimit-reset` as seconds until the reset; an epoch value (seconds
 * or milliseconds), which other APIs send under the same name, is recognised by its size.
 */
export function parseRateLimitHeaders(headers: Headers, now = Date.now()): RateLimitBudget | undefined {
  const limit = numberHeader(headers, "x-ratelimit-limit");
  const remaining = numberHeader(headers, "x-ratelimit-remaining");
  const reset = numberHeader(headers, "x-ratelimit-reset");
  if (limit === undefined || remaining === undefined || reset === undefined) return undefined;
  const resetAt =
    reset >= EPOCH_MS_FROM ? reset : reset >= EPOCH_SECONDS_FROM ? reset * 1000 : now + Math.round(reset * 1000);
  return { limit, remaining, resetAt: Math.max(now, resetAt) };
}

/** Below this share of the limit left, requests are spread over the rest of the window. */
export const LOW_BUDGET_SHARE = 0.05;

/**
 * How long to hold the next request so the budget lasts until the reset: nothing while more
 * than {@link LOW_BUDGET_SHARE} of the limit is left; then the time to the reset shared
 * evenly among the requests left; the whole time to the reset when none is left.
 */
export function paceDelayMs(budget: RateLimitBudget | undefined, now = Date.now()): number {
  if (!budget) return 0;
  const untilReset = budget.resetAt - now;
  if (untilReset <= 0) return 0;
  if (budget.remaining <= 0) return untilReset;
  if (budget.remaining > budget.limit * LOW_BUDGET_SHARE) return 0;
  return Math.ceil(untilReset / (budget.remaining + 1));
}
