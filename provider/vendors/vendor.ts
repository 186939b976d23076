/**
 * The vendor-neutral interface. Resource providers (`provider/resources/`) talk to a vendor
 * only through a `VendorModule` from the registry beside this file; everything
 * vendor-specific (paths, payloads, status names, target and credential shapes, config
 * names, option rules, capabilities, limits) lives in `provider/vendors/<vendor>/`.
 */
import type { z } from "zod";
import type { RateLimitRule } from "../core/request-budget";

/** Neutral backup lifecycle. The vendor's own word is kept in `VendorBackup.vendorStatus`. */
export const BACKUP_STATES = ["pending", "running", "completed", "failed"] as const;
export type BackupState = (typeof BACKUP_STATES)[number];

/** A backup as every resource sees it, whatever the vendor. */
export interface VendorBackup {
  /** The vendor's backup id, as a string (Kinsta and VPS.org use numbers on the wire). */
  id: string;
  state: BackupState;
  /** The vendor's status word, e.g. `in_progress`, `in-progress`, `completed`. */
  vendorStatus: string;
  /** The description / tag / name the backup carries at the vendor. */
  description?: string;
  /** `manual`, `automatic`, `daily`, `snapshot`-schedule, ... as the vendor says it. */
  backupType?: string;
  /** True for backups a user (or this provider) requested, false for the vendor's own. */
  manual: boolean;
  /** ISO-8601 timestamps. */
  createdAt?: string;
  completedAt?: string;
  expiresAt?: string;
  sizeBytes?: number;
  wordpressVersion?: string;
  addonVersion?: string;
  /** Set only where the vendor offers a download without side effects. */
  downloadUrl?: string;
  /** Why the vendor says it failed, when it says. */
  failureReason?: string;
}

/** What a vendor can and cannot do. `check` refuses unsupported combinations at preview. */
export interface VendorCapabilities {
  /** The vendor has a delete-backup API. */
  deleteBackup: boolean;
  /** The vendor can restore a backup through its API. */
  restore: boolean;
  /** `tracked`: the provider can follow the restore to completion; `accepted-only`: the vendor only emails. */
  restoreTracking: "tracked" | "accepted-only";
  /** Native backup schedules (only Northflank). */
  schedules: boolean;
  /** A side-effect-free download link for a backup. */
  downloadUrl: boolean;
  /** Documented cap on manual backups per target, if any. */
  manualBackupLimit?: number;
  /** What `deletionPolicy` defaults to on this vendor. */
  defaultDeletionPolicy: "retain" | "delete";
  /** Maximum length of the user's description once the provider's marker is appended. */
  maxDescriptionLength: number;
  /**
   * Whether the backups list shows a backup while it is still being taken. Kinsta lists a
   * manual backup only once its operation completed, so there a short look at the list
   * cannot prove that an unanswered create did not arrive. @default true
   */
  listsPendingBackups?: boolean;
  /**
   * Whose backups a restore can put onto a target: `same-target` (only the target's own),
   * `same-site` (another environment of the same site, Kinsta), `any-addon` (another addon's
   * or a destination's "global" backups, Northflank).
   */
  crossTargetRestore: "same-target" | "same-site" | "any-addon";
  /** Restores to a point in time inside a window the vendor reports (Northflank). */
  pointInTimeRestore: boolean;
}

/** A backup request that the vendor accepted but that may not be finished yet. */
export interface PendingBackup {
  /** Known immediately on most vendors; Kinsta only reveals it when the operation ends. */
  backupId?: string;
  /** Vendor operation id, where the vendor tracks the work as an operation (Kinsta). */
  operationId?: string;
  /** When we asked, ISO-8601; used to find the new backup in a list. */
  requestedAt: string;
}

export type BackupProgress =
  | { state: "pending" | "running"; backup?: VendorBackup }
  | { state: "completed"; backup: VendorBackup }
  | { state: "failed"; reason: string; backup?: VendorBackup };

export interface PendingRestore {
  /** Vendor operation / restore id; absent where the vendor gives none (WP Engine, VPS.org). */
  operationId?: string;
  /** The backup restored; for a point-in-time restore, the backup the vendor made for it. */
  backupId: string;
  startedAt: string;
  /** The vendor restore options the restore was started with (e.g. a global backup's source). */
  options?: Record<string, unknown>;
}

/** The span a point-in-time restore can reach, as the vendor reports it. */
export interface PointInTimeWindow {
  /** False when the target has no window at all (e.g. its type cannot do it). */
  hasValidWindow: boolean;
  start?: string;
  end?: string;
}

export type RestoreProgress =
  | { state: "pending" | "running" }
  | { state: "completed"; completedAt?: string }
  /** The vendor accepted the restore but offers no way to follow it (WP Engine). */
  | { state: "accepted" }
  | { state: "failed"; reason: string };

export interface BackupRequest {
  /** The description to send, marker already appended. */
  description: string;
  /** Vendor-specific options, already validated by `backupOptionsSchema`. */
  options: Record<string, unknown>;
}

export interface RestoreRequest {
  backupId: string;
  /** Vendor-specific restore options, already validated by `restoreOptionsSchema`. */
  options: Record<string, unknown>;
}

export interface NativeSchedule {
  id: string;
  interval: "hourly" | "daily" | "weekly";
  backupType: string;
  retentionDays: number;
  minute: number[];
  hour?: number[];
  day?: number[];
}

/** One vendor account's API, bound to a base URL and credential. Target is the vendor's own target shape. */
export interface VendorClient<Target = Record<string, string>> {
  startBackup(target: Target, request: BackupRequest): Promise<PendingBackup>;
  checkBackup(target: Target, pending: PendingBackup, description: string): Promise<BackupProgress>;
  /** Resolves `undefined` when the backup no longer exists. */
  getBackup(target: Target, backupId: string): Promise<VendorBackup | undefined>;
  listBackups(target: Target): Promise<VendorBackup[]>;
  /**
   * A completed backup's download link, where `capabilities.downloadUrl` (one request per
   * backup: called only when a resource asks for the link).
   */
  downloadLink?(target: Target, backupId: string): Promise<string | undefined>;
  deleteBackup(target: Target, backupId: string): Promise<void>;
  startRestore(target: Target, request: RestoreRequest): Promise<PendingRestore>;
  checkRestore(target: Target, pending: PendingRestore): Promise<RestoreProgress>;
  /**
   * Ids of the restores the vendor lists for one backup, where it lists them (Northflank). With
   * it, a restore request that got no answer is found by its new id instead of being started
   * a second time over live data.
   */
  listRestoreIds?(target: Target, backupId: string, options?: Record<string, unknown>): Promise<string[]>;
  /** Present only where `capabilities.pointInTimeRestore` is true. */
  pointInTime?: {
    window(target: Target): Promise<PointInTimeWindow>;
    /** Starts the restore; `checkRestore` follows the pending restore it answers. */
    start(target: Target, targetTimestamp: string): Promise<PendingRestore>;
    /** Every restore of the target, so an unanswered request is found by its new id, not sent twice. */
    listRestores(target: Target): Promise<{ id: string; backupId: string }[]>;
  };
  /** Present only where `capabilities.schedules` is true. */
  schedules?: {
    list(target: Target): Promise<NativeSchedule[]>;
    create(target: Target, schedule: Omit<NativeSchedule, "id">): Promise<NativeSchedule>;
    delete(target: Target, scheduleId: string): Promise<void>;
  };
}

/** The resolved credential and endpoint of one vendor account. */
export interface VendorAccount<Credential extends string = string> {
  /** Base URL including the version path, e.g. `https://api.kinsta.com/v2`. */
  baseUrl: string;
  /** Credential fields by name (e.g. `apiKey`, or `user` + `password`). Never logged. */
  credentials: Record<Credential, string>;
  /** Per-request timeout in milliseconds. */
  requestTimeoutMs?: number;
  /** The account's request limit (configured, or the vendor's documented one). */
  rateLimit?: RateLimitRule;
  /**
   * Northflank: the team whose `/teams/{teamId}/…` routes the token uses (required for
   * organisation-scoped tokens). Other vendors refuse it in config.
   */
  teamId?: string;
}

/** Everything the provider knows about one vendor. Registered once in `provider/vendors/registry.ts`. */
export interface VendorModule<
  Target extends Record<string, string> = Record<string, string>,
  Name extends string = string,
  Credential extends string = string,
> {
  /** The `target.vendor` value and the registry key, e.g. `wpengine`. */
  name: Name;
  /** Human name for messages, e.g. `WP Engine`. */
  displayName: string;
  capabilities: VendorCapabilities;
  /** What a target is, in messages about counts per target: `environment`, `server`… */
  targetNoun: string;
  /**
   * Where `capabilities.schedules` is false: why, and what to use instead, for the message
   * that refuses a policy's `schedule`.
   */
  scheduleAlternative?: string;
  /** The target fields besides `vendor`, e.g. `{ environmentId }`. */
  targetSchema: z.ZodType<Target>;
  /** A stable string identifying the target, e.g. `kinsta/<environmentId>`. */
  targetKey(target: Target): string;
  /** Rules for `Backup.description` on this vendor (before the marker is appended). */
  descriptionSchema: z.ZodType<string>;
  /** Vendor options of a backup (Northflank `backupType`, WP Engine `notificationEmails`, ...). */
  backupOptionsSchema: z.ZodType<Record<string, unknown>>;
  /** Vendor options of a restore (Kinsta `notifiedUserId`, WP Engine `notificationEmails`, ...). */
  restoreOptionsSchema: z.ZodType<Record<string, unknown>>;
  /**
   * The restore options naming `source` as the owner of the backup, where the vendor needs
   * them (Northflank's global-backup parameters). Only called when source ≠ target.
   */
  sourceRestoreOptions?(source: Target): Record<string, unknown>;
  /** Default base URL of the real API, and the environment variable and stack config key overriding it. */
  defaultBaseUrl: string;
  baseUrlEnv: string;
  baseUrlConfig: string;
  /** Credential fields → environment variable names, e.g. `{ apiKey: "KINSTA_API_KEY" }`. */
  credentialEnv: Record<Credential, string>;
  /** Credential fields → stack config keys (namespace `hosting-backups`), e.g. `{ apiKey: "kinstaApiKey" }`. */
  credentialConfig: Record<Credential, string>;
  /**
   * Where the vendor's tokens can be scoped to a team (Northflank): the default account's
   * config key and environment variable, and the rule a team id follows.
   */
  teamScope?: { config: string; env: string; schema: z.ZodType<string> };
  /** What the vendor allows one account (documented, else a conservative default); config can lower or raise it. */
  rateLimit: RateLimitRule;
  createClient(account: VendorAccount<Credential>): VendorClient<Target>;
}
