/**
 * The sandbox clock and the lazy lifecycle of asynchronous work.
 *
 * Nothing in the sandbox runs on timers: a backup or restore stores when it started and how
 * long it takes, and its status is computed from the clock whenever somebody looks. That keeps
 * tests deterministic (delay 0 = done at once) and lets `/_admin/clock` jump forward in time,
 * or run faster than real time (`rate`), so 3-minute backups take seconds in a benchmark.
 */

export class Clock {
  /** Real time and sandbox time at the last change of rate or offset. */
  private realAnchorMs = Date.now();
  private sandboxAnchorMs = this.realAnchorMs;
  /** Sandbox milliseconds per real millisecond (1: real time). */
  private rateFactor = 1;

  constructor(rate = 1) {
    this.setRate(rate);
  }

  /** Current sandbox time, epoch milliseconds. */
  now(): number {
    return this.sandboxAnchorMs + (Date.now() - this.realAnchorMs) * this.rateFactor;
  }

  /** Moves the sandbox clock forward (tests use it instead of sleeping). */
  advance(ms: number): void {
    this.sandboxAnchorMs += ms;
  }

  /** How many sandbox milliseconds pass per real one. */
  get rate(): number {
    return this.rateFactor;
  }

  /**
   * Makes the clock run `rate` times faster than real time from now on (a benchmark sees
   * 3-minute backups complete in seconds); the time reached so far is kept.
   */
  setRate(rate: number): void {
    if (!Number.isFinite(rate) || rate <= 0) throw new RangeError(`clock rate must be a positive number, got ${rate}`);
    this.sandboxAnchorMs = this.now();
    this.realAnchorMs = Date.now();
    this.rateFactor = rate;
  }

  /** A span of sandbox time in real milliseconds (what a client waiting for it waits). */
  realMs(sandboxMs: number): number {
    return sandboxMs / this.rateFactor;
  }
}

/** The vendor-neutral state of any piece of asynchronous work. Vendors map it to their words. */
export type NeutralState = "pending" | "running" | "completed" | "failed";
export const NEUTRAL_STATES: readonly NeutralState[] = ["pending", "running", "completed", "failed"];

/** Anything with a lazily computed lifecycle: a backup, a restore, an operation. */
export interface Timed {
  /** When the work was accepted (epoch ms). */
  createdAt: number;
  /** How long it takes from acceptance to completion. */
  durationMs: number;
  /** Set by `/_admin` (or an abort) to override the computed state. */
  forcedState?: NeutralState;
}

/**
 * The first quarter of the duration is the "accepted" phase (pending), the rest "in progress".
 * With durationMs 0 the work is completed immediately.
 */
export function stateAt(work: Timed, now: number): NeutralState {
  if (work.forcedState) return work.forcedState;
  const elapsed = now - work.createdAt;
  if (elapsed >= work.durationMs) return "completed";
  return elapsed < work.durationMs / 4 ? "pending" : "running";
}

/** When the work completed (or will), epoch ms; never later than now for forced completions. */
export function completionTime(work: Timed, now: number): number {
  return Math.min(work.createdAt + work.durationMs, now);
}

export const iso = (ms: number): string => new Date(ms).toISOString();

export const DAY_MS = 24 * 60 * 60 * 1000;
export const HOUR_MS = 60 * 60 * 1000;

/** Start of the UTC day containing `ms`. */
export function utcDayStart(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/**
 * The daily run times (`hourUtc` o'clock) in the half-open range (after, upTo].
 * Used to materialise automatic daily backups lazily.
 */
export function dailyRuns(after: number, upTo: number, hourUtc: number): number[] {
  const runs: number[] = [];
  for (let day = utcDayStart(after); day <= upTo; day += DAY_MS) {
    const run = day + hourUtc * HOUR_MS;
    if (run > after && run <= upTo) runs.push(run);
  }
  return runs;
}

/** Parses an ISO string or epoch-ms number given to `/_admin`. */
export function parseTime(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string") {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return ms;
  }
  return undefined;
}
