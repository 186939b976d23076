/**
 * The functions' shapes, written once: `getBackups` and `getLatestBackup` arguments and
 * results as zod schemas, with the public documentation on their properties. The plugin's
 * invokes, the TypeScript SDK's `getBackups`/`getLatestBackup` and the plugin schema's
 * `functions` section take their types and docs from here.
 */
import { z } from "zod";
import { BACKUP_STATES } from "../vendors/vendor";
import { targetSchema } from "../vendors/registry";

/** Which backups a function returns. Every filter given must match; unset: every backup. */
const matchShape = {
  /** Only backups whose description (Kinsta note or tag, WP Engine description, VPS.org description, Northflank name) contains this text (case-sensitive). @default unset: any description */
  descriptionContains: z.string().min(1, "must not be empty").optional(),
  /** Only backups whose description starts with this text (as `RestoreOperation`'s `match.descriptionPrefix`). @default unset: any description */
  descriptionPrefix: z.string().min(1, "must not be empty").optional(),
  /**
   * Only backups whose description matches this JavaScript regular expression (no flags, e.g. `"^release v\\d+"`).
   * A backup without a description never matches.
   * @default unset: any description
   */
  descriptionPattern: z
    .string()
    .min(1, "must not be empty")
    .refine((pattern) => {
      try {
        new RegExp(pattern);
        return true;
      } catch {
        return false;
      }
    }, "must be a valid JavaScript regular expression")
    .optional(),
  /** `manual` (requested by a user or this provider) or `automatic` (the vendor's own or a schedule's). @default unset: either */
  kind: z.enum(["manual", "automatic"]).optional(),
  /** `true`: only backups this provider made (a `Backup` or a policy's freshness backup); `false`: only the others. @default unset: either */
  madeByProvider: z.boolean({ error: "must be a boolean" }).optional(),
  /** Only the backups carrying this resource marker (`hb:<marker>`, 8 hex digits): a `Backup`'s `marker` output. @default unset: any marker or none */
  marker: z
    .string()
    .regex(/^[0-9a-f]{8}$/, 'must be 8 lowercase hex digits, as a Backup\'s marker output (e.g. "1a2b3c4d")')
    .optional(),
};

export const getBackupsMatchSchema = z
  .object({
    ...matchShape,
    /** Only backups in this state: `pending`, `running`, `completed` or `failed`. @default unset: any state */
    status: z.enum(BACKUP_STATES).optional(),
  })
  .strict();
export type GetBackupsMatchInput = z.input<typeof getBackupsMatchSchema>;

/** `getLatestBackup` looks only at completed backups, so its filter has no `status`. */
export const getLatestBackupMatchSchema = z.object(matchShape).strict();
export type GetLatestBackupMatchInput = z.input<typeof getLatestBackupMatchSchema>;

const functionArgsShape = {
  /**
   * Whose backups: a Kinsta environment, WP Engine install, VPS.org server or Northflank addon,
   * as a resource's `target`.
   * @example { vendor: "vpsorg", serverId: "12345" }
   */
  target: targetSchema,
  /** Named account from `hosting-backups:accounts` (plugin: `hostingbackups:accounts`). @default the vendor's default account */
  account: z.string().min(1, "must not be empty").optional(),
};

export const getBackupsArgsSchema = z
  .object({
    ...functionArgsShape,
    /** Which backups to return. @default unset: every backup of the target */
    match: getBackupsMatchSchema.optional(),
  })
  .strict();
export type GetBackupsArgsInput = z.input<typeof getBackupsArgsSchema>;
export type GetBackupsArgsChecked = z.output<typeof getBackupsArgsSchema>;

export const getLatestBackupArgsSchema = z
  .object({
    ...functionArgsShape,
    /** Which completed backups may be the answer. @default unset: any completed backup */
    match: getLatestBackupMatchSchema.optional(),
  })
  .strict();
export type GetLatestBackupArgsInput = z.input<typeof getLatestBackupArgsSchema>;
export type GetLatestBackupArgsChecked = z.output<typeof getLatestBackupArgsSchema>;

/** One backup of the target, as the functions report it. */
export const listedBackupSchema = z.object({
  /** The vendor's backup id (a `RestoreOperation`'s `backupId`). */
  backupId: z.string(),
  /** `<vendor>/<target ids>/<backupId>`: the `Backup` resource id, for `pulumi import` or `Backup.get`. */
  resourceId: z.string(),
  /** `pending`, `running`, `completed` or `failed`. */
  status: z.enum(BACKUP_STATES),
  /** The vendor's own status word, e.g. `in_progress`. */
  vendorStatus: z.string(),
  /** `manual` (requested by a user or this provider) or `automatic` (the vendor's own or a schedule's). */
  kind: z.enum(["manual", "automatic"]),
  /** The vendor's kind of backup, as a `Backup`'s `backupKind` output: `manual`, `automatic`, `daily`, `snapshot`… */
  vendorKind: z.string().optional(),
  /** The description the backup carries at the vendor, markers included. */
  description: z.string().optional(),
  /** When the backup was requested (ISO-8601). */
  createdAt: z.string().optional(),
  /** When it completed (ISO-8601), where the vendor says. */
  completedAt: z.string().optional(),
  /** Size in bytes, where the vendor reports it (VPS.org, Northflank). */
  sizeBytes: z.number().optional(),
  /** Whether this provider made it: a manual backup whose description carries a marker (`hb:<8 hex>`). */
  madeByProvider: z.boolean(),
  /** The resource marker it carries (a `Backup`'s or a policy's `marker`), without `hb:`. */
  marker: z.string().optional(),
});
export type ListedBackup = z.output<typeof listedBackupSchema>;

export const getBackupsResultSchema = z.object({
  /** `<vendor>/<target ids>`, e.g. `vpsorg/12345`. */
  targetKey: z.string(),
  /** The matching backups, newest first (by creation time). */
  backups: z.array(listedBackupSchema),
});
export type GetBackupsResult = z.output<typeof getBackupsResultSchema>;

/** The newest completed matching backup (by completion time, else creation time), and its target. */
export const getLatestBackupResultSchema = listedBackupSchema.extend({
  /** `<vendor>/<target ids>`, e.g. `vpsorg/12345`. */
  targetKey: z.string(),
});
export type GetLatestBackupResult = z.output<typeof getLatestBackupResultSchema>;
