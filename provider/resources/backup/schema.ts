/**
 * The `Backup` resource's shape, written once: its inputs and outputs as zod schemas, with
 * the public documentation on their properties. Everything else takes its types from here:
 * `check` (inputs.ts), the lifecycle, and the SDK's `BackupArgs` and output properties.
 */
import { z } from "zod";
import type { FieldClasses } from "../shared/definition";
import { BACKUP_STATES } from "../../vendors/vendor";
import { backupOptionsShape, targetSchema } from "../../vendors/registry";
import { durationSchema } from "../shared/duration";

export const DEFAULT_DESCRIPTION = "pulumi backup";
export const DEFAULT_TIMEOUT = "60m";

export const backupInputsSchema = z
  .object({
    /**
     * What to back up. Changing it takes a new backup (replacement).
     * @example { vendor: "kinsta", environmentId: "…" }
     */
    target: targetSchema,
    /**
     * Name of an account in the `hosting-backups:accounts` stack config, for agencies with
     * several accounts of one vendor. Unset: the vendor's default credentials
     * (`hosting-backups:kinstaApiKey`… or `KINSTA_API_KEY`…). Changes in place.
     * @default unset: the vendor's default credentials
     */
    account: z.string().min(1, "must not be empty").optional(),
    /**
     * Kinsta's backup tag, WP Engine's description, VPS.org's description, Northflank's backup
     * name. The provider appends a 12-character marker (` hb:1a2b3c4d`) so it can recognise its
     * own backups; each vendor's length and pattern rules apply to the rest. Changing it takes
     * a new backup.
     * @default "pulumi backup"
     */
    description: z.string().default(DEFAULT_DESCRIPTION),
    ...backupOptionsShape,
    /**
     * Any values; when one changes, a new backup is taken (replacement). The release pattern:
     * `triggers: [releaseVersion]` gives one fresh backup per release.
     * @default unset: only the other inputs decide when a new backup is taken
     */
    triggers: z.array(z.unknown()).optional(),
    /**
     * Wait until the vendor reports the backup completed (or failed). `false` returns as soon
     * as the vendor accepted the backup, so the engine's slots are not held while it is taken:
     * a release pipeline then waits for all its backups at once with one `BackupGate`
     * (docs/release-pipeline.md). On Kinsta, whose backup id is known only once the backup is
     * listed, `backupId` stays empty and `operationId` is set until a refresh, a wait or a
     * delete resolves it. Changes in place (switching it on waits then).
     * @default true
     */
    waitForCompletion: z.boolean().default(true),
    /**
     * Fetch the vendor's download link into `downloadUrl` once the backup completed
     * (Northflank only: refused at preview elsewhere). It costs one request per backup, so it
     * is off unless asked for; turning it on later fetches the link in place.
     * @default false
     */
    includeDownloadLink: z.boolean().optional(),
    /**
     * How long `pulumi up` waits for the backup: `"90s"`, `"30m"`, `"2h"`. A backup still
     * running then stays in the state and the next `up` waits again; a delete's rate-limit
     * waits and retries end then too. TypeScript package (a dynamic resource): this is the
     * only bound, since Pulumi's `customTimeouts` never reach a dynamic provider. Provider plugin
     * (YAML, Go…): the resource's `customTimeouts` (create, update, delete) bound the same work,
     * and when both are set the smaller wins. Changes in place.
     * @default "60m"
     */
    timeout: durationSchema.default(DEFAULT_TIMEOUT),
    /**
     * What happens to the vendor's backup when this resource is destroyed or replaced.
     * `delete` is refused at preview on WP Engine, whose API cannot delete backups.
     * @default "delete" on Kinsta, VPS.org and Northflank (manual backups count against caps); "retain" on WP Engine
     */
    deletionPolicy: z.enum(["retain", "delete"]).optional(),
    /**
     * Bring an existing vendor backup under management instead of taking a new one
     * (`pulumi import` does not work for dynamic resources). Changing it replaces.
     * @default unset: a new backup is taken
     */
    adoptBackupId: z.string().min(1, "must not be empty").optional(),
    /**
     * `<project>/<stack>/<resource name>`, set by the SDK class (not a program input); makes
     * the marker stable.
     */
    identity: z.string().optional(),
  })
  .strict();

/** Every vendor option of a backup defines the backup taken. */
const optionFields = Object.fromEntries(Object.keys(backupOptionsShape).map((key) => [key, "replaces"])) as Record<
  keyof typeof backupOptionsShape,
  "replaces"
>;

/**
 * What changing each input does (see shared/definition.ts): a new input left out of this list,
 * or a key that is no input, does not compile.
 */
export const backupFields = {
  target: "replaces",
  account: "updates",
  description: "replaces",
  ...optionFields,
  triggers: "replaces",
  waitForCompletion: "updates",
  includeDownloadLink: "updates",
  timeout: "updates",
  deletionPolicy: "updates",
  adoptBackupId: "replaces",
  identity: "internal",
} as const satisfies FieldClasses<typeof backupInputsSchema>;

/** The inputs as a program declares them (before `check` fills the defaults). */
export type BackupDeclaredInputs = z.input<typeof backupInputsSchema>;
/** The inputs after `check`: defaults filled, vendor rules applied. */
export type BackupInputs = z.output<typeof backupInputsSchema>;

/** What `Backup` reports besides its inputs. */
export const backupOutputsSchema = z.object({
  /** The vendor's backup id. */
  backupId: z.string(),
  /**
   * Kinsta, `waitForCompletion: false`: the operation taking the backup, while its backup id is
   * not known yet (Kinsta lists a backup only once it completed); `backupId` is empty until a
   * refresh fills it in. A `BackupGate` waits through it.
   */
  operationId: z.string().optional(),
  /** `pending`, `running`, `completed` or `failed`. */
  status: z.enum(BACKUP_STATES),
  /** The vendor's own status word, e.g. `in_progress`. */
  vendorStatus: z.string(),
  /** When the backup was requested (ISO-8601). */
  createdAt: z.string().optional(),
  /** When it completed (ISO-8601), where the vendor says. */
  completedAt: z.string().optional(),
  /** Size in bytes, where the vendor reports it (VPS.org, Northflank). */
  sizeBytes: z.number().optional(),
  /** When the vendor will expire it, where it does. */
  expiresAt: z.string().optional(),
  /** The vendor's kind of backup: `manual`, `automatic`, `daily`… (named `backupKind` because Northflank's `backupType` input means dump/snapshot). */
  backupKind: z.string().optional(),
  /** WP Engine: the WordPress version backed up. */
  wordpressVersion: z.string().optional(),
  /** Northflank: the addon version backed up. */
  addonVersion: z.string().optional(),
  /** A temporary download link (Northflank, with `includeDownloadLink`); stored as a secret. */
  downloadUrl: z.string().optional(),
  /** The vendor's reason, when the backup failed. */
  failureReason: z.string().optional(),
  /** The marker (`hb:<marker>`) appended to the description, stable for these inputs. */
  marker: z.string(),
  /** `<vendor>/<target ids>`, e.g. `kinsta/<environmentId>`. */
  targetKey: z.string(),
});
export type BackupOutputs = z.output<typeof backupOutputsSchema>;

/** The vendor options among the inputs, so `check` hands them to the target's vendor. */
export const BACKUP_OPTION_KEYS = Object.keys(backupOptionsShape) as (keyof typeof backupOptionsShape)[];
/** The input property names, so `read` can hand Pulumi the inputs back. */
export const BACKUP_INPUT_KEYS = Object.keys(backupInputsSchema.shape) as (keyof BackupInputs)[];
