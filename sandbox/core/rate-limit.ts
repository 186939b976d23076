/**
 * Per-credential fixed-window rate limiting. Each vendor has its own limit; the key is the
 * credential the client sent (so two accounts of one vendor do not share a budget).
 */

export interface RateLimitRule {
  /** Requests allowed per window. */
  limit: number;
  /** Window length in milliseconds. */
  windowMs: number;
}

export type RateLimitConfig = Record<string, RateLimitRule>;

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Real seconds until the window resets (what `Retry-After` says). */
  resetSeconds: number;
}

export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  /**
   * `realMs` turns a span of sandbox time into real time: with a clock running faster than
   * real time, windows pass faster and `Retry-After` says how long a client really waits.
   */
  constructor(
    public rules: RateLimitConfig,
    private readonly realMs: (sandboxMs: number) => number = (ms) => ms,
  ) {}

  /** Counts one request of `lane` (a vendor name, or e.g. `kinsta-create`) for `credential`. */
  hit(lane: string, credential: string, now: number): RateDecision | undefined {
    const rule = this.rules[lane];
    if (!rule) return undefined;
    const key = `${lane}\u0000${credential}`;
    let window = this.windows.get(key);
    if (!window || now - window.start >= rule.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    const resetSeconds = Math.max(1, Math.ceil(this.realMs(window.start + rule.windowMs - now) / 1000));
    return {
      allowed: window.count <= rule.limit,
      limit: rule.limit,
      remaining: Math.max(0, rule.limit - window.count),
      resetSeconds,
    };
  }

  clear(): void {
    this.windows.clear();
  }
}
