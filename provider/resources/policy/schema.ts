/**
 * The `BackupPolicy` resource's shape, written once: its inputs (and their parts: retention,
 * match, schedule, freshness) and outputs as zod schemas, with the public documentation on
 * their properties. `check` (inputs.ts), the lifecycle, the plan and the SDK's
 * `BackupPolicyArgs` take their types from here.
 */
import { z } from "zod";
import type { FieldClasses } from "../shared/definition";
import { intBetween } from "../../core/number-rules";
import { backupOptionsShape, scheduleSpecSchema, targetSchema, type ScheduleSpec } from "../../vendors/registry";
import { durationSchema } from "../shared/duration";

export const DEFAULT_POLICY_DESCRIPTION = "pulumi policy";
export const DEFAULT_POLICY_TIMEOUT = "60m";

/** How many of the managed backups to keep, and for how long. Set at least one of the two. */
export const retentionSchema = z
  .object({
    /**
     * Keep the newest `keepLast` completed managed backups; prune the older ones. 1–100.
     * When freshness takes a backup in the same run, it counts as one of them and the older
     * ones are pruned only after it completed.
     * @default unset: no count limit
     */
    keepLast: intBetween(1, 100).optional(),
    /**
     * Prune completed managed backups taken more than `maxAgeDays` days ago. 1–3650.
     * @default unset: no age limit
     */
    maxAgeDays: intBetween(1, 3650).optional(),
  })
  .strict()
  .refine((r) => r.keepLast !== undefined || r.maxAgeDays !== undefined, {
    error: "must set keepLast, maxAgeDays or both",
  });
export type PolicyRetention = z.output<typeof retentionSchema>;

/**
 * Which backups the policy manages (prunes for retention, or to make room under a vendor's
 * cap). Every filter given must match. Automatic/system backups are left alone unless
 * `includeAutomatic` is true.
 */
export const matchSchema = z
  .object({
    /** Only backups whose description (Kinsta tag, Northflank name) starts with this. @default unset: any description */
    descriptionPrefix: z.string().min(1, "must not be empty").optional(),
    /**
     * Only backups of this vendor kind, as `Backup.backupKind` reports it (`manual`,
     * `automatic`, `snapshot`, `dump`…).
     * @default unset: any kind
     */
    backupKind: z.string().min(1, "must not be empty").optional(),
    /** Also manage the vendor's automatic/scheduled backups. @default false */
    includeAutomatic: z.boolean().optional(),
  })
  .strict();
export type PolicyMatch = z.output<typeof matchSchema>;

/** One native backup schedule: Northflank's (the vendor's schema and rules, through the registry). */
export const scheduleSchema = scheduleSpecSchema;
export type { ScheduleSpec };

/** Take a backup whenever the newest completed one is too old (a release gate). */
export const freshnessSchema = z
  .object({
    /** The newest completed backup of the target (of any kind) may be at most this many hours old. More than 0. */
    maxAgeHours: z
      .number()
      .refine((n) => Number.isFinite(n) && n > 0, { error: (i) => `must be more than 0, got ${String(i.input)}` }),
    /**
     * Description of the backups freshness takes; the provider appends a marker
     * (` hb:1a2b3c4d`), so retention recognises them as created by this provider. The
     * vendor's description rules apply (Northflank names: 3–27 characters, letters, digits,
     * spaces, `-`, `/`, `:`).
     * @default "pulumi policy"
     */
    description: z.string().default(DEFAULT_POLICY_DESCRIPTION),
  })
  .strict();
export type PolicyFreshness = z.output<typeof freshnessSchema>;

export const policyInputsSchema = z
  .object({
    /**
     * Whose backups the policy governs. Changing it replaces the policy (its schedules are
     * removed from the old target; no backup is deleted).
     * @example { vendor: "vpsorg", serverId: "12345" }
     */
    target: targetSchema,
    /**
     * Name of an account in the `hosting-backups:accounts` stack config. Unset: the vendor's
     * default credentials. Changes in place.
     * @default unset: the vendor's default credentials
     */
    account: z.string().min(1, "must not be empty").optional(),
    /**
     * Prune the managed backups (see `match`) beyond `keepLast` or older than `maxAgeDays`.
     * Safety: a backup that is not completed is never pruned, nor the newest completed
     * managed backup (unless freshness just took a newer one in the same run). Refused at
     * preview on WP Engine, whose API has no delete-backup endpoint.
     * @default unset: no backup is pruned for retention
     */
    retention: retentionSchema.optional(),
    /**
     * Which backups the policy manages.
     * @default unset: the manual backups created through this provider (by `Backup`
     * resources or policies: their description ends with ` hb:<8 hex>`)
     */
    match: matchSchema.optional(),
    /**
     * Native backup schedules the policy creates and keeps (Northflank only; refused at
     * preview elsewhere, with what to use instead). A schedule deleted or changed outside
     * Pulumi shows as drift and is recreated. After `check`, always a list.
     * @default unset: no schedules
     */
    schedule: z
      .union([scheduleSchema, z.array(scheduleSchema)])
      .transform((value) => (Array.isArray(value) ? value : [value]))
      .optional(),
    /**
     * At each reconciliation, take a backup and wait for it when the newest completed backup
     * is older than `maxAgeHours`. On vendors that cap manual backups (Kinsta 5 per
     * environment, VPS.org 10 per server), the oldest managed completed backup is pruned first
     * to make room; with none to prune, `up` fails naming the cap. The vendor options
     * (`notificationEmails`, `backupType`…) apply to the backups it takes.
     * @default unset: no backups are taken
     */
    freshness: freshnessSchema.optional(),
    ...backupOptionsShape,
    /**
     * How long `pulumi up` waits for a freshness backup: `"90s"`, `"30m"`, `"2h"`; a delete's
     * rate-limit waits and retries end then too. TypeScript package (a dynamic resource): this is the
     * only bound, since Pulumi's `customTimeouts` never reach a dynamic provider. Provider plugin
     * (YAML, Go…): the resource's `customTimeouts` (create, update, delete) bound the same work,
     * and when both are set the smaller wins. Changes in place.
     * @default "60m"
     */
    timeout: durationSchema.default(DEFAULT_POLICY_TIMEOUT),
    /**
     * Acknowledges a large first prune. A policy new to its target (created, or its target
     * changed) whose first run would prune more than half of the completed backups it manages
     * is refused at preview, with the list of those backups, unless this is `true` or a count
     * at least as large as the list. Later runs are not limited.
     * @default unset: the first run prunes at most half of the managed backups
     */
    allowInitialPrune: z
      .union([z.boolean(), z.number().int().min(1)], {
        error: (i) => `must be true, false or a count of at least 1, got ${JSON.stringify(i.input)}`,
      })
      .optional(),
    /** `<project>/<stack>/<resource name>`, set by the SDK class (not a program input); part of the backups' markers. */
    identity: z.string().optional(),
  })
  .strict();

/** The vendor options apply to the backups freshness takes next: no existing backup changes. */
const optionFields = Object.fromEntries(Object.keys(backupOptionsShape).map((key) => [key, "updates"])) as Record<
  keyof typeof backupOptionsShape,
  "updates"
>;

/**
 * What changing each input does (see shared/definition.ts): a new input left out of this list,
 * or a key that is no input, does not compile.
 */
export const policyFields = {
  target: "replaces",
  account: "updates",
  retention: "updates",
  match: "updates",
  schedule: "updates",
  freshness: "updates",
  ...optionFields,
  timeout: "updates",
  allowInitialPrune: "updates",
  identity: "internal",
} as const satisfies FieldClasses<typeof policyInputsSchema>;

/** The inputs as a program declares them. */
export type PolicyDeclaredInputs = z.input<typeof policyInputsSchema>;
/** The inputs after `check`: defaults filled, `schedule` always an array. */
export type PolicyInputs = z.output<typeof policyInputsSchema>;

/** What `BackupPolicy` reports besides its inputs. */
export const policyOutputsSchema = z.object({
  /** Number of backups of the target (every kind), at the last reconciliation. */
  backupCount: z.number(),
  /** Number of those the policy manages (see `match`). */
  managedCount: z.number(),
  /** When the newest completed backup of the target was taken (ISO-8601). */
  newestCompletedAt: z.string().optional(),
  /** The vendor's id of the newest completed backup of the target. */
  newestCompletedBackupId: z.string().optional(),
  /** When the oldest completed backup of the target was taken (ISO-8601). */
  oldestCompletedAt: z.string().optional(),
  /** Backup ids pruned by the last reconciliation that did something. */
  lastPrunedIds: z.array(z.string()),
  /** The backup freshness took (or waited for) in the last reconciliation that did something. */
  lastBackupId: z.string().optional(),
  /** Ids of the native schedules this policy created (Northflank). */
  scheduleIds: z.array(z.string()),
  /** `<vendor>/<target ids>`, e.g. `vpsorg/12345`. */
  targetKey: z.string(),
  /** In a preview: the backups `up` will prune, `"<backupId> (<day taken>): <rule>"`. Absent when none, and after `up`. */
  plannedPrunes: z.array(z.string()).optional(),
  /** In a preview: why `up` will take a backup. Absent when none, and after `up`. */
  plannedBackup: z.string().optional(),
  /** In a preview: the schedules `up` will create, replace or delete. Absent when none, and after `up`. */
  plannedSchedules: z.array(z.string()).optional(),
});
export type PolicyOutputs = z.output<typeof policyOutputsSchema>;

/** The input property names, so `read` can hand Pulumi the inputs back. */
export const POLICY_INPUT_KEYS = Object.keys(policyInputsSchema.shape) as (keyof PolicyInputs)[];
