import * as pulumi from "@pulumi/pulumi";
import type { DynamicModule } from "../provider/dynamic/define";
import type { policyResource } from "../provider/resources/policy/definition";
import type { DeclaredInputs } from "../provider/resources/shared/definition";
import { dynamicResourceArgs, type ArgsOf, type OutputsOf } from "./shapes";

type Declared = DeclaredInputs<typeof policyResource>;

/** How many of the managed backups to keep, and for how long. Set at least one of the two. */
export type BackupPolicyRetention = NonNullable<Declared["retention"]>;
/** Which backups the policy manages. Every filter given must match. */
export type BackupPolicyMatch = NonNullable<Declared["match"]>;
/** One native backup schedule (Northflank only; one per interval and backup type). */
export type BackupPolicySchedule = Exclude<NonNullable<Declared["schedule"]>, readonly unknown[]>;
/** Take a backup whenever the newest completed one is too old (a release gate). */
export type BackupPolicyFreshness = NonNullable<Declared["freshness"]>;

/** Inputs of a {@link BackupPolicy}: the schema's inputs (docs there), each a Pulumi `Input`. */
export type BackupPolicyArgs = ArgsOf<typeof policyResource>;

/** The output properties of a {@link BackupPolicy}, from the schema's outputs (docs there). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface BackupPolicy extends OutputsOf<typeof policyResource> {}

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
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class BackupPolicy extends pulumi.dynamic.Resource {
  constructor(name: string, args: BackupPolicyArgs, opts?: pulumi.CustomResourceOptions) {
    // The module itself, not an object built here: serialized as a require by name.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    super(...dynamicResourceArgs(require("../provider/dynamic/backup-policy") as DynamicModule, name, args, opts));
  }
}
