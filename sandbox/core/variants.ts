/**
 * Variants: switches for the behaviours no vendor document states, each with the plausible
 * alternatives a real account might show (issue 21). The defaults are what the sandbox did
 * before the switches existed. Set them with `--variant vendor.name=value` (CLI, repeatable
 * or comma-separated), `SandboxOptions.variants`, or `POST /_admin/variants` (a partial
 * object, merged); `POST /_admin/reset` returns to the values the sandbox started with.
 * docs/sandbox.md lists them, docs/vendors.md says which vendor question each one covers.
 */
import { z } from "zod";

const ms = (max: number) => z.number().int().min(0).max(max);

export const kinstaVariantsSchema = z.object({
  /** Where the `tag` sent to `POST …/manual-backups` shows in the backups list (1.87.0 does not say). */
  tagIn: z.enum(["note", "name", "nowhere"]),
  /** How long after its operation completed a manual backup is first listed (sandbox clock), 0–60 s. */
  listLagMs: ms(60_000),
  /** The message of the 400 answering a delete of a backup Kinsta does not know (the spec's example is "Bad request format"). */
  unknownBackupMessage: z.enum(["Backup not found", "Bad request format"]),
});

export const vpsorgVariantsSchema = z.object({
  /**
   * `GET /servers/{id}/` (no Servers API document): `at-once` answers `restoring` from the
   * moment a restore is accepted; `delayed` keeps answering the old status for
   * `statusDelayMs` first; `never` never shows a restore; `absent-404` / `absent-405` answer
   * the read with that status.
   */
  serverStatus: z.enum(["at-once", "delayed", "never", "absent-404", "absent-405"]),
  /** How long `delayed` keeps the old status (sandbox clock). */
  statusDelayMs: ms(600_000),
  /** A backup created without a description is listed with `description: null` (else `""`). */
  nullDescription: z.boolean(),
});

export const northflankVariantsSchema = z.object({
  /**
   * Where the restore of a point-in-time restore is recorded: `backup` (the returned backup's
   * restores list, its `lastRestore`, and the addon's restores), `addon` (only the addon's
   * restores list), `lastRestore` (only the returned backup's `lastRestore`).
   */
  pitrRecord: z.enum(["backup", "addon", "lastRestore"]),
  /** How long the backup a point-in-time restore makes takes before the restore starts (sandbox clock), 0–5 min. */
  pitrBackupMs: ms(300_000),
  /** How that backup ends: `completed` (then the restore runs) or `failed` (no restore). */
  pitrBackupOutcome: z.enum(["completed", "failed"]),
  /** `same`: the restore call answers the id the lists show; `different`: an id of another form. */
  restoreIds: z.enum(["same", "different"]),
  /** `cursor`: pages carry a cursor; `page`: `hasNextPage` without a cursor, pages chosen by `page`. */
  pagination: z.enum(["cursor", "page"]),
});

export const variantsSchema = z.object({
  kinsta: kinstaVariantsSchema,
  vpsorg: vpsorgVariantsSchema,
  northflank: northflankVariantsSchema,
});
export type Variants = z.infer<typeof variantsSchema>;

/** A partial update (`POST /_admin/variants`, `SandboxOptions.variants`). */
export const variantsUpdateSchema = z
  .object({
    kinsta: kinstaVariantsSchema.partial().strict(),
    vpsorg: vpsorgVariantsSchema.partial().strict(),
    northflank: northflankVariantsSchema.partial().strict(),
  })
  .partial()
  .strict();
export type VariantsUpdate = z.input<typeof variantsUpdateSchema>;

export const DEFAULT_VARIANTS: Variants = {
  kinsta: { tagIn: "note", listLagMs: 0, unknownBackupMessage: "Backup not found" },
  vpsorg: { serverStatus: "at-once", statusDelayMs: 10_000, nullDescription: false },
  northflank: {
    pitrRecord: "backup",
    pitrBackupMs: 0,
    pitrBackupOutcome: "completed",
    restoreIds: "same",
    pagination: "cursor",
  },
};

/** `base` with `update` merged in, per vendor; throws a readable message on a bad update. */
export function mergeVariants(base: Variants, update: unknown): Variants {
  const parsed = variantsUpdateSchema.safeParse(update);
  if (!parsed.success) throw new VariantsError(z.prettifyError(parsed.error));
  return {
    kinsta: { ...base.kinsta, ...parsed.data.kinsta },
    vpsorg: { ...base.vpsorg, ...parsed.data.vpsorg },
    northflank: { ...base.northflank, ...parsed.data.northflank },
  };
}

export class VariantsError extends Error {}

/**
 * `--variant` values: `vendor.name=value`, comma-separated (numbers and booleans as such),
 * e.g. `kinsta.tagIn=nowhere,kinsta.listLagMs=30000`.
 */
export function parseVariantFlag(flag: string): VariantsUpdate {
  const update: Record<string, Record<string, unknown>> = {};
  for (const item of flag.split(",").filter(Boolean)) {
    const match = /^(\w+)\.(\w+)=(.*)$/.exec(item.trim());
    if (!match) throw new VariantsError(`--variant ${item}: expected vendor.name=value`);
    const [, vendor, name, raw] = match;
    const value = /^\d+$/.test(raw) ? Number(raw) : raw === "true" ? true : raw === "false" ? false : raw;
    (update[vendor] ??= {})[name] = value;
  }
  mergeVariants(DEFAULT_VARIANTS, update);
  return update as VariantsUpdate;
}
