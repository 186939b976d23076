/** The `timeout` inputs: a duration such as `"30m"`. */
import { AsyncLocalStorage } from "node:async_hooks";
import { z } from "zod";

/** `"90s"`, `"30m"`, `"2h"` → milliseconds. */
export const durationSchema = z
  .string()
  .regex(/^\d+(s|m|h)$/, { message: 'must be a duration such as "90s", "30m" or "2h"', abort: true })
  .refine(
    (value) => parseDuration(value) > 0 && parseDuration(value) <= 24 * 3600_000,
    "must be more than 0s and at most 24h",
  );

export function parseDuration(value: string): number {
  const amount = Number(value.slice(0, -1));
  const unit = value.slice(-1);
  return amount * (unit === "h" ? 3600_000 : unit === "m" ? 60_000 : 1000);
}

export type TimedOperation = "create" | "update" | "delete";

/**
 * The engine's `customTimeouts` for the running operation, in seconds. Only the provider
 * plugin receives them (in Create/Update/Delete requests); the engine never sends them to a
 * dynamic provider, so on that path the `timeout` input alone bounds the work.
 */
const customTimeouts = new AsyncLocalStorage<{ operation: TimedOperation; seconds: number }>();

/** Runs a plugin operation under the engine's timeout for it (`seconds` ≤ 0: none was set). */
export function withCustomTimeout<T>(operation: TimedOperation, seconds: number, work: () => Promise<T>): Promise<T> {
  return seconds > 0 ? customTimeouts.run({ operation, seconds }, work) : work();
}

/** How long an operation may take, and how messages name that bound. */
export interface TimeBound {
  ms: number;
  /** `timeout 60m`, or `customTimeouts.create 2s` when the engine's is the smaller. */
  label: string;
}

/** The `timeout` input, or the operation's `customTimeouts` (plugin path) when that is smaller. */
export function timeBoundOf(timeout: string): TimeBound {
  const fromInput = parseDuration(timeout);
  const custom = customTimeouts.getStore();
  if (custom && custom.seconds * 1000 < fromInput) {
    return { ms: custom.seconds * 1000, label: `customTimeouts.${custom.operation} ${custom.seconds}s` };
  }
  return { ms: fromInput, label: `timeout ${timeout}` };
}
