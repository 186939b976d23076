/**
 * The `RestoreOperation` resource's shape, written once: its inputs and outputs as zod
 * schemas, with the public documentation on their properties. `check` (inputs.ts), the
 * lifecycle and the SDK's `RestoreOperationArgs` take their types from here.
 */
import { z } from "zod";
import type { FieldClasses } from "../shared/definition";
import { restoreOptionsShape, targetSchema } from "../../vendors/registry";
import { durationSchema } from "../shared/duration";

export const DEFAULT_RESTORE_TIMEOUT = "60m";

/** Which completed backups a `backup: { latest: true }` selector may pick. */
export const backupSelectorSchema = z
  .object({
    /** Must be `true`: the selector picks the newest completed backup. */
    latest: z.literal(true, { error: "must be true: the selector picks the newest completed backup" }),
    /** Which backups may be picked. @default unset: any completed backup */
    match: z
      .object({
        /** Only backups whose description (Kinsta note, WP Engine description, Northflank name) starts with it. @default unset: any description */
        descriptionPrefix: z.string().min(1, "must not be empty").optional(),
        /** `manual` (requested by a user or this provider) or `automatic` (the vendor's own or a schedule's). @default unset: either kind */
        backupKind: z.enum(["manual", "automatic"], { error: 'must be "manual" or "automatic"' }).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type BackupSelector = z.infer<typeof backupSelectorSchema>;

export const restoreInputsSchema = z
  .object({
    /** Where to restore. The restore overwrites this target's live data. Changing it runs a new restore. */
    target: targetSchema,
    /**
     * Whose backup is restored, when it is not the target's own. Kinsta: another environment of
     * the same site (live → staging); Northflank: another addon (sent as the "global" backup's
     * `sourceProjectId`/`sourceAddonId`). WP Engine and VPS.org restore only onto the install or
     * server the backup was taken from: another source fails at preview. Same vendor as `target`.
     * Changing it runs a new restore.
     * @default the target itself
     */
    source: targetSchema.optional(),
    /** Named account from `hosting-backups:accounts`. Changes in place. @default unset: the vendor's default credentials */
    account: z.string().min(1, "must not be empty").optional(),
    /**
     * The backup to restore: usually another `Backup`'s `backupId` output, or a literal vendor id.
     * Exactly one of `backupId`, `backup` and `pointInTime`. Changing it runs a new restore.
     * @default unset: `backup` or `pointInTime` says what to restore
     */
    backupId: z
      .union([z.string().min(1, "must not be empty"), z.number().int()])
      .transform(String)
      .optional(),
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
     * @default unset: `backupId` or `pointInTime` says what to restore
     */
    backup: backupSelectorSchema.optional(),
    /**
     * Northflank only: put the addon back to this time (ISO-8601 with a time zone,
     * `"2026-12-03T10:42:00Z"`). `up` first reads the addon's point-in-time window and fails,
     * starting nothing, when the time is outside it (the message gives the window). Other
     * vendors refuse it at preview. Changing it runs a new restore.
     * @default unset: a backup (`backupId` or `backup`) is restored
     */
    pointInTime: z
      .string({ error: "must be an ISO-8601 date-time string" })
      .refine(
        (value) =>
          /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
          !Number.isNaN(Date.parse(value)),
        'must be an ISO-8601 date-time with a time zone, e.g. "2026-12-03T10:42:00Z"',
      )
      .optional(),
    /**
     * The confirmation guard, naming the target being overwritten (never the source): must equal the target's id — the `environmentId` (Kinsta),
     * `installId` (WP Engine), `serverId` (VPS.org) or `"<projectId>/<addonId>"` (Northflank).
     * Anything else fails at preview, with no API call, so a program copied from another
     * stack cannot silently restore production. Changes in place.
     */
    confirm: z.string({ error: "is required: set it to the target's id to allow overwriting it" }),
    ...restoreOptionsShape,
    /** Any values; a change runs a new restore (a drill per release, say). @default unset: only the other inputs decide when a new restore runs */
    triggers: z.array(z.unknown()).optional(),
    /** Follow the restore to completion where the vendor reports progress. @default true */
    waitForCompletion: z.boolean().default(true),
    /**
     * How long `up` follows the restore: `"90s"`, `"30m"`, `"2h"`. A restore still running then
     * stays in the state and the next `up` keeps following it. TypeScript package (a dynamic resource): this is the
     * only bound, since Pulumi's `customTimeouts` never reach a dynamic provider. Provider plugin
     * (YAML, Go…): the resource's `customTimeouts` (create, update, delete) bound the same work,
     * and when both are set the smaller wins.
     * @default "60m"
     */
    timeout: durationSchema.default(DEFAULT_RESTORE_TIMEOUT),
  })
  .strict();

/** Every vendor option of a restore defines the restore run. */
const optionFields = Object.fromEntries(Object.keys(restoreOptionsShape).map((key) => [key, "replaces"])) as Record<
  keyof typeof restoreOptionsShape,
  "replaces"
>;

/**
 * What changing each input does (see shared/definition.ts): a new input left out of this list,
 * or a key that is no input, does not compile.
 */
export const restoreFields = {
  target: "replaces",
  source: "replaces",
  account: "updates",
  backupId: "replaces",
  backup: "replaces",
  pointInTime: "replaces",
  confirm: "updates",
  ...optionFields,
  triggers: "replaces",
  waitForCompletion: "updates",
  timeout: "updates",
} as const satisfies FieldClasses<typeof restoreInputsSchema>;

/** The inputs as a program declares them. */
export type RestoreDeclaredInputs = z.input<typeof restoreInputsSchema>;
/** The inputs after `check`: defaults filled; `source` kept only when it differs from `target`. */
export type RestoreInputs = z.output<typeof restoreInputsSchema>;

export const RESTORE_STATUSES = ["pending", "running", "completed", "accepted", "failed"] as const;
export type RestoreStatus = (typeof RESTORE_STATUSES)[number];

/** What `RestoreOperation` reports besides its inputs. */
export const restoreOutputsSchema = z.object({
  /** The vendor's operation or restore id, where it gives one (Kinsta, Northflank). */
  operationId: z.string().optional(),
  /** `pending`, `running`, `completed`, `accepted` (WP Engine: started, completion emailed) or `failed`. */
  status: z.enum(RESTORE_STATUSES),
  /** When the restore was started (ISO-8601). */
  startedAt: z.string(),
  /** When it completed, where the vendor reports it. */
  completedAt: z.string().optional(),
  /**
   * The backup that was restored: `backupId`, the one a `backup` selector chose, or for a
   * point-in-time restore the backup Northflank made for it.
   */
  restoredBackupId: z.string(),
  /** The vendor's reason, when the restore failed. */
  failureReason: z.string().optional(),
  /** `<vendor>/<target ids>`. */
  targetKey: z.string(),
});
export type RestoreOutputs = z.output<typeof restoreOutputsSchema>;

/** The vendor options among the inputs, so `check` hands them to the target's vendor. */
export const RESTORE_OPTION_KEYS = Object.keys(restoreOptionsShape) as (keyof typeof restoreOptionsShape)[];
/** The input property names, so `read` can hand Pulumi the inputs back. */
export const RESTORE_INPUT_KEYS = Object.keys(restoreInputsSchema.shape) as (keyof RestoreInputs)[];
