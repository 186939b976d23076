import * as pulumi from "@pulumi/pulumi";
import type { BackupSelector } from "../provider/resources/restore/inputs";
import type { BackupTarget } from "./target";

/** Inputs of a {@link RestoreOperation}. */
export interface RestoreOperationArgs {
  /** Where to restore. The restore overwrites this target's live data. Changing it runs a new restore. */
  target: pulumi.Input<BackupTarget>;
  /**
   * Whose backup is restored, when it is not the target's own. Kinsta: another environment of
   * the same site (live → staging); Northflank: another addon (sent as the "global" backup's
   * `sourceProjectId`/`sourceAddonId`). WP Engine and VPS.org restore only onto the install or
   * server the backup was taken from: another source fails at preview. Same vendor as `target`.
   * Changing it runs a new restore.
   * @default the target itself
   */
  source?: pulumi.Input<BackupTarget>;
  /**
   * The backup to restore: usually another `Backup`'s `backupId` output, or a literal vendor id.
   * Exactly one of `backupId`, `backup` and `pointInTime`. Changing it runs a new restore.
   */
  backupId?: pulumi.Input<string>;
  /**
   * Restore "the latest good backup": the newest *completed* backup of `source` (or the
   * target) matching `match`, looked up once when the restore is created. The chosen id is the
   * `restoredBackupId` output; preview shows the selector, and a newer backup appearing later
   * changes nothing. Change `triggers` (e.g. the month) to run a new drill on the then-newest
   * backup. Fails at `up`, restoring nothing, when no completed backup matches.
   * `match.descriptionPrefix`: only backups whose description (Kinsta note, WP Engine
   * description, Northflank name) starts with it; `match.backupKind`: `manual` (requested by a
   * user or this provider) or `automatic` (the vendor's own or a schedule's).
   * @example { latest: true, match: { descriptionPrefix: "nightly", backupKind: "manual" } }
   */
  backup?: pulumi.Input<BackupSelector>;
  /**
   * Northflank only: put the addon back to this time (ISO-8601 with a time zone,
   * `"2026-12-03T10:42:00Z"`). `up` first reads the addon's point-in-time window and fails,
   * starting nothing, when the time is outside it (the message gives the window). Other
   * vendors refuse it at preview. Changing it runs a new restore.
   */
  pointInTime?: pulumi.Input<string>;
  /**
   * The confirmation guard, naming the target being overwritten (never the source): must equal the target's id — the `environmentId` (Kinsta),
   * `installId` (WP Engine), `serverId` (VPS.org) or `"<projectId>/<addonId>"` (Northflank).
   * Anything else fails at preview, with no API call, so a program copied from another
   * stack cannot silently restore production. Changes in place.
   */
  confirm: pulumi.Input<string>;
  /** Named account from `hosting-backups:accounts`. Changes in place. */
  account?: pulumi.Input<string>;
  /**
   * Kinsta only, required there: the company user Kinsta notifies (current restore body
   * `notified_user_id`; `GET /company/{id}/users` lists them).
   */
  notifiedUserId?: pulumi.Input<string>;
  /** WP Engine only, required there: who WP Engine emails when the restore completes. */
  notificationEmails?: pulumi.Input<pulumi.Input<string>[]>;
  /** WP Engine only: restore the database too. @default true */
  restoreDatabase?: pulumi.Input<boolean>;
  /** WP Engine only: take a checkpoint before restoring. @default true */
  createCheckpoint?: pulumi.Input<boolean>;
  /** Northflank only: the project of a backup taken on another addon. */
  sourceProjectId?: pulumi.Input<string>;
  /** Northflank only: the addon of a backup taken on another addon. */
  sourceAddonId?: pulumi.Input<string>;
  /** Any values; a change runs a new restore (a drill per release, say). */
  triggers?: pulumi.Input<unknown[]>;
  /** Follow the restore to completion where the vendor reports progress. @default true */
  waitForCompletion?: pulumi.Input<boolean>;
  /** How long `up` follows the restore: `"90s"`, `"30m"`, `"2h"`. @default "60m" */
  timeout?: pulumi.Input<string>;
}

/**
 * A restore of a backup onto a target, kept in code: a restore drill or a rollback that a
 * reviewer sees in `pulumi preview` and `pulumi up` runs. Nothing runs during preview.
 *
 * Deleting the resource only forgets the record: a restore cannot be undone.
 *
 * WP Engine reports no restore progress (it emails on completion), so there the resource
 * ends in status `accepted`, not `completed`.
 *
 * @example Kinsta
 * new RestoreOperation("drill", { target: { vendor: "kinsta", environmentId: stagingId }, backupId: backup.backupId, confirm: stagingId, notifiedUserId });
 * @example WP Engine
 * new RestoreOperation("rollback", { target: { vendor: "wpengine", installId }, backupId, confirm: installId, notificationEmails: ["ops@example.com"] });
 * @example VPS.org
 * new RestoreOperation("rollback", { target: { vendor: "vpsorg", serverId }, backupId, confirm: serverId });
 * @example Northflank
 * new RestoreOperation("drill", { target: { vendor: "northflank", projectId, addonId }, backupId, confirm: `${projectId}/${addonId}` });
 * @example Monthly drill of the latest good Kinsta live backup onto staging
 * new RestoreOperation("drill", { target: { vendor: "kinsta", environmentId: stagingId }, source: { vendor: "kinsta", environmentId: liveId }, backup: { latest: true }, triggers: ["2026-12"], confirm: stagingId, notifiedUserId });
 * @example Northflank point-in-time rollback
 * new RestoreOperation("rollback", { target: { vendor: "northflank", projectId, addonId }, pointInTime: "2026-12-03T10:42:00Z", confirm: `${projectId}/${addonId}` });
 */
export class RestoreOperation extends pulumi.dynamic.Resource {
  /** The vendor's operation or restore id, where it gives one (Kinsta, Northflank). */
  declare readonly operationId: pulumi.Output<string | undefined>;
  /** `pending`, `running`, `completed`, `accepted` (WP Engine: started, completion emailed) or `failed`. */
  declare readonly status: pulumi.Output<"pending" | "running" | "completed" | "accepted" | "failed">;
  /** When the restore was started (ISO-8601). */
  declare readonly startedAt: pulumi.Output<string>;
  /** When it completed, where the vendor reports it. */
  declare readonly completedAt: pulumi.Output<string | undefined>;
  /**
   * The backup that was restored: `backupId`, the one a `backup` selector chose, or for a
   * point-in-time restore the backup Northflank made for it.
   */
  declare readonly restoredBackupId: pulumi.Output<string>;
  /** The vendor's reason, when the restore failed. */
  declare readonly failureReason: pulumi.Output<string | undefined>;
  /** `<vendor>/<target ids>`. */
  declare readonly targetKey: pulumi.Output<string>;

  constructor(name: string, args: RestoreOperationArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require("../provider/dynamic/restore-operation"),
      name,
      {
        ...args,
        operationId: undefined,
        status: undefined,
        startedAt: undefined,
        completedAt: undefined,
        restoredBackupId: undefined,
        failureReason: undefined,
        targetKey: undefined,
      },
      opts,
      "hostingbackups",
      "RestoreOperation",
    );
  }
}
