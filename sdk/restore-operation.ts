import * as pulumi from "@pulumi/pulumi";
import type { BackupTarget } from "./target";

/** Inputs of a {@link RestoreOperation}. */
export interface RestoreOperationArgs {
  /** Where to restore. The restore overwrites this target's live data. Changing it runs a new restore. */
  target: pulumi.Input<BackupTarget>;
  /**
   * The backup to restore: usually another `Backup`'s `backupId` output, or a literal vendor id.
   * Changing it runs a new restore on the next `up`.
   */
  backupId: pulumi.Input<string>;
  /**
   * The confirmation guard: must equal the target's id — the `environmentId` (Kinsta),
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
  /** The backup that was restored. */
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
