import * as pulumi from "@pulumi/pulumi";
import type { NorthflankAdditionalDestination } from "./backup";
import type { BackupTarget } from "./target";

/** How many of the managed backups to keep, and for how long. Set at least one of the two. */
export interface BackupPolicyRetention {
  /**
   * Keep the newest `keepLast` completed managed backups; prune the older ones. 1–100.
   * When freshness takes a backup in the same run, it counts as one of them and the older
   * ones are pruned only after it completed.
   * @default unset: no count limit
   */
  keepLast?: number;
  /**
   * Prune completed managed backups taken more than `maxAgeDays` days ago. 1–3650.
   * @default unset: no age limit
   */
  maxAgeDays?: number;
}

/**
 * Which backups the policy manages (prunes for retention, or to make room under a vendor's
 * cap). Every filter given must match. Automatic/system backups are left alone unless
 * `includeAutomatic` is true.
 */
export interface BackupPolicyMatch {
  /** Only backups whose description (Kinsta tag, Northflank name) starts with this. @default unset: any description */
  descriptionPrefix?: string;
  /**
   * Only backups of this vendor kind, as `Backup.backupKind` reports it (`manual`,
   * `automatic`, `snapshot`, `dump`…).
   * @default unset: any kind
   */
  backupKind?: string;
  /** Also manage the vendor's automatic/scheduled backups. @default false */
  includeAutomatic?: boolean;
}

/** One native backup schedule (Northflank only; one per interval and backup type). */
export interface BackupPolicySchedule {
  /** How often the schedule runs. */
  interval: "hourly" | "daily" | "weekly";
  /** Minutes past the hour to run at, 0–59. */
  minute: number[];
  /** Hours to run at, 0–23: required for `daily` and `weekly`, not allowed for `hourly`. */
  hour?: number[];
  /** Days to run on, 0 = Monday … 6 = Sunday: required for `weekly` only. */
  day?: number[];
  /** Days Northflank keeps each scheduled backup: at most 7 (hourly), 60 (daily) or 120 (weekly). */
  retentionDays: number;
  /** Northflank backup type. @default "snapshot" */
  backupType?: "dump" | "snapshot";
}

/** Take a backup whenever the newest completed one is too old (a release gate). */
export interface BackupPolicyFreshness {
  /** The newest completed backup of the target (of any kind) may be at most this many hours old. More than 0. */
  maxAgeHours: number;
  /**
   * Description of the backups freshness takes; the provider appends a marker
   * (` hb:1a2b3c4d`), so retention recognises them as created by this provider. The
   * vendor's description rules apply (Northflank names: 3–27 characters, letters, digits,
   * spaces, `-`, `/`, `:`).
   * @default "pulumi policy"
   */
  description?: string;
}

/** Inputs of a {@link BackupPolicy}. */
export interface BackupPolicyArgs {
  /**
   * Whose backups the policy governs. Changing it replaces the policy (its schedules are
   * removed from the old target; no backup is deleted).
   * @example { vendor: "vpsorg", serverId: "12345" }
   */
  target: pulumi.Input<BackupTarget>;
  /**
   * Name of an account in the `hosting-backups:accounts` stack config. Unset: the vendor's
   * default credentials. Changes in place.
   */
  account?: pulumi.Input<string>;
  /**
   * Prune the managed backups (see `match`) beyond `keepLast` or older than `maxAgeDays`.
   * Safety: a backup that is not completed is never pruned, nor the newest completed
   * managed backup (unless freshness just took a newer one in the same run). Refused at
   * preview on WP Engine, whose API has no delete-backup endpoint.
   * @default unset: no backup is pruned for retention
   */
  retention?: pulumi.Input<BackupPolicyRetention>;
  /**
   * Which backups the policy manages.
   * @default unset: the manual backups created through this provider (by `Backup`
   * resources or policies: their description ends with ` hb:<8 hex>`)
   */
  match?: pulumi.Input<BackupPolicyMatch>;
  /**
   * Native backup schedules the policy creates and keeps (Northflank only; refused at
   * preview elsewhere, with what to use instead). A schedule deleted or changed outside
   * Pulumi shows as drift and is recreated.
   * @default unset: no schedules
   */
  schedule?: pulumi.Input<BackupPolicySchedule | BackupPolicySchedule[]>;
  /**
   * At each reconciliation, take a backup and wait for it when the newest completed backup
   * is older than `maxAgeHours`. On vendors that cap manual backups (Kinsta 5 per
   * environment, VPS.org 10 per server), the oldest managed completed backup is pruned first
   * to make room; with none to prune, `up` fails naming the cap.
   * @default unset: no backups are taken
   */
  freshness?: pulumi.Input<BackupPolicyFreshness>;
  /** WP Engine only, and required there with `freshness`: addresses WP Engine emails when a backup completes. */
  notificationEmails?: pulumi.Input<pulumi.Input<string>[]>;
  /** Northflank only, for freshness backups: `dump` or `snapshot`. @default "snapshot" */
  backupType?: pulumi.Input<"dump" | "snapshot">;
  /** Northflank only, dump backups only: `gz` or `zstd`. @default "gz" */
  compressionType?: pulumi.Input<"gz" | "zstd">;
  /** Northflank only, snapshot backups only: extra copies of freshness backups in your own destinations. */
  additionalDestinations?: pulumi.Input<pulumi.Input<NorthflankAdditionalDestination>[]>;
  /**
   * How long `pulumi up` waits for a freshness backup: `"90s"`, `"30m"`, `"2h"`. Changes in place.
   * @default "60m"
   */
  timeout?: pulumi.Input<string>;
  /**
   * Acknowledges a large first prune. A policy new to its target (created, or its target
   * changed) whose first run would prune more than half of the completed backups it manages
   * is refused at preview, with the list of those backups, unless this is `true` or a count
   * at least as large as the list. Later runs are not limited.
   * @default unset: the first run prunes at most half of the managed backups
   */
  allowInitialPrune?: pulumi.Input<boolean | number>;
}

/**
 * The backup regime a Kinsta environment, WP Engine install, VPS.org server or Northflank
 * addon must have: retention, native schedules and freshness, brought in line by every
 * reconciliation.
 *
 * Every preview plans the policy's work for the inputs being previewed (one list call per
 * target) and shows it as the properties `plannedPrunes`
 * (`"509 (2026-11-02): beyond keepLast 1 (2nd newest)"`), `plannedBackup` and
 * `plannedSchedules` (`"create daily snapshot schedule (missing at Northflank)"`), on create
 * and update alike; `up` then does that work or less — it never prunes a backup its preview
 * did not name — and reports no changes when there is nothing to do. See docs/policy.md.
 *
 * Destroying the policy deletes the schedules it created and never deletes a backup.
 * Note: by default the policy manages every backup created through this provider, including
 * those of `Backup` resources; narrow it with `match.descriptionPrefix` if those must stay.
 *
 * The resource id is `<vendor>/<target ids>/policy`.
 *
 * @example Kinsta (keep 3 of the provider's manual backups; cap: 5 manual backups)
 * new BackupPolicy("site", { target: { vendor: "kinsta", environmentId }, retention: { keepLast: 3 }, freshness: { maxAgeHours: 24 } });
 * @example WP Engine (no delete API: freshness only)
 * new BackupPolicy("site", { target: { vendor: "wpengine", installId }, freshness: { maxAgeHours: 24 }, notificationEmails: ["ops@example.com"] });
 * @example VPS.org (cap: 10 manual backups per server, room is made before a new one)
 * new BackupPolicy("server", { target: { vendor: "vpsorg", serverId: "12345" }, retention: { keepLast: 7, maxAgeDays: 30 }, freshness: { maxAgeHours: 24 } });
 * @example Northflank (native schedules plus retention of manual backups)
 * new BackupPolicy("db", { target: { vendor: "northflank", projectId, addonId }, schedule: [{ interval: "daily", hour: [3], minute: [0], retentionDays: 14 }], retention: { maxAgeDays: 30 } });
 */
export class BackupPolicy extends pulumi.dynamic.Resource {
  /** Number of backups of the target (every kind), at the last reconciliation. */
  declare readonly backupCount: pulumi.Output<number>;
  /** Number of those the policy manages (see `match`). */
  declare readonly managedCount: pulumi.Output<number>;
  /** When the newest completed backup of the target was taken (ISO-8601). */
  declare readonly newestCompletedAt: pulumi.Output<string | undefined>;
  /** The vendor's id of the newest completed backup of the target. */
  declare readonly newestCompletedBackupId: pulumi.Output<string | undefined>;
  /** When the oldest completed backup of the target was taken (ISO-8601). */
  declare readonly oldestCompletedAt: pulumi.Output<string | undefined>;
  /** Backup ids pruned by the last reconciliation that did something. */
  declare readonly lastPrunedIds: pulumi.Output<string[]>;
  /** The backup freshness took (or waited for) in the last reconciliation that did something. */
  declare readonly lastBackupId: pulumi.Output<string | undefined>;
  /** Ids of the native schedules this policy created (Northflank). */
  declare readonly scheduleIds: pulumi.Output<string[]>;
  /** `<vendor>/<target ids>`, e.g. `vpsorg/12345`. */
  declare readonly targetKey: pulumi.Output<string>;
  /** In a preview: the backups `up` will prune, `"<backupId> (<day taken>): <rule>"`. Absent when none, and after `up`. */
  declare readonly plannedPrunes: pulumi.Output<string[] | undefined>;
  /** In a preview: why `up` will take a backup. Absent when none, and after `up`. */
  declare readonly plannedBackup: pulumi.Output<string | undefined>;
  /** In a preview: the schedules `up` will create, replace or delete. Absent when none, and after `up`. */
  declare readonly plannedSchedules: pulumi.Output<string[] | undefined>;

  constructor(name: string, args: BackupPolicyArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      // The module itself, not an object built here: serialized as a require by name.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require("../provider/dynamic/backup-policy"),
      name,
      {
        ...args,
        identity: `${pulumi.getProject()}/${pulumi.getStack()}/${name}`,
        backupCount: undefined,
        managedCount: undefined,
        newestCompletedAt: undefined,
        newestCompletedBackupId: undefined,
        oldestCompletedAt: undefined,
        lastPrunedIds: undefined,
        lastBackupId: undefined,
        scheduleIds: undefined,
        targetKey: undefined,
        plannedPrunes: undefined,
        plannedBackup: undefined,
        plannedSchedules: undefined,
      },
      opts,
      "hostingbackups",
      "BackupPolicy",
    );
  }
}
