import * as pulumi from "@pulumi/pulumi";
import type { DynamicModule } from "../provider/dynamic/define";
import type { restoreResource } from "../provider/resources/restore/definition";
import { dynamicResourceArgs, type ArgsOf, type OutputsOf } from "./shapes";

/** Inputs of a {@link RestoreOperation}: the schema's inputs (docs there), each a Pulumi `Input`. */
export type RestoreOperationArgs = ArgsOf<typeof restoreResource>;

/** The output properties of a {@link RestoreOperation}, from the schema's outputs (docs there). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface RestoreOperation extends OutputsOf<typeof restoreResource> {}

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
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class RestoreOperation extends pulumi.dynamic.Resource {
  constructor(name: string, args: RestoreOperationArgs, opts?: pulumi.CustomResourceOptions) {
    // The module itself, not an object built here: serialized as a require by name.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    super(...dynamicResourceArgs(require("../provider/dynamic/restore-operation") as DynamicModule, name, args, opts));
  }
}
