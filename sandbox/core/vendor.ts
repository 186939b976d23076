/**
 * What every vendor emulation provides, and the context its routes get.
 * `sandbox/index.ts` mounts each vendor under its prefix and runs the shared machinery
 * (faults, rate limit, request log, persistence) around it.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Clock, NeutralState } from "./clock";
import type { RateLimiter } from "./rate-limit";
import type { Store } from "./store";
import type { SandboxState } from "./state";
import type { Variants } from "./variants";

export const VENDOR_NAMES = ["kinsta", "wpengine", "vpsorg", "northflank"] as const;
export type VendorName = (typeof VENDOR_NAMES)[number];

export interface Timing {
  /** How long a backup (and a Kinsta operation) takes from acceptance to completion. */
  backupMs: number;
  /** How long a restore takes. */
  restoreMs: number;
}

export interface SandboxContext {
  clock: Clock;
  timing: Timing;
  store: Store<SandboxState>;
  rateLimiter: RateLimiter;
  /** The switches for undocumented vendor behaviour (./variants.ts). */
  variants: Variants;
}

/** A neutral out-of-band change to a backup (`PATCH /_admin/backups/{vendor}/{id}`). */
export interface BackupPatch {
  status?: NeutralState;
  createdAt?: number;
  /** `null` clears the expiry. */
  expiresAt?: number | null;
}

/** The demo credentials and targets of one seeded account, as `/_admin/seed` shows them. */
export type SeedInfo = Record<string, unknown>;

export interface VendorModule {
  name: VendorName;
  /** Mount point, e.g. `/kinsta/v2`; below it the vendor's own paths. */
  prefix: string;
  /** Registers the vendor's routes (relative to the prefix), auth hook, 404 and error handlers. */
  routes(app: FastifyInstance, ctx: SandboxContext): void;
  /** Applies time-driven effects (completed restores, daily backups, expiry). Returns true if state changed. */
  settle(ctx: SandboxContext): boolean;
  /** The vendor's error body for a status (used by faults and the rate limiter). */
  errorBody(status: number, message?: string): unknown;
  /** The credential a request carries (rate-limit key); "" when none. */
  credential(request: FastifyRequest): string;
  /**
   * Rate-limit headers the vendor sends on every answer, 429 included (Northflank's
   * `x-ratelimit-*`, and no `Retry-After`). Vendors without it send `Retry-After` on a 429 only.
   */
  rateLimitHeaders?(decision: { limit: number; remaining: number; resetSeconds: number }): Record<string, string>;
  /** Vendor status words accepted by the admin PATCH, mapped to neutral states. */
  statusWords: Record<string, NeutralState>;
  /** First (primary) and further accounts for `/_admin/seed`. */
  seedInfo(ctx: SandboxContext): { primary: SeedInfo; others: SeedInfo[] };
  /** Vendor state for `/_admin/state`, with computed statuses added. */
  dump(ctx: SandboxContext): unknown;
  deleteBackup(ctx: SandboxContext, backupId: string): boolean;
  /** Returns the patched backup (dumped) or undefined when there is no such backup. */
  patchBackup(ctx: SandboxContext, backupId: string, patch: BackupPatch): unknown;
}

declare module "fastify" {
  interface FastifyRequest {
    /** The account the request authenticated as (set by the vendor's auth hook). */
    accountId: string;
  }
}

/** Applies the neutral admin patch fields common to every backup record. */
export function applyBackupPatch(
  record: { createdAt: number; forcedState?: NeutralState; expiresAt?: number | null },
  patch: BackupPatch,
): void {
  if (patch.status) record.forcedState = patch.status;
  if (patch.createdAt !== undefined) record.createdAt = patch.createdAt;
  if (patch.expiresAt !== undefined) record.expiresAt = patch.expiresAt;
}
