/**
 * The Northflank inputs a user writes (target, description, backup and restore options),
 * checked with Northflank's own rules. Wire payloads are in contract.ts.
 */
import { z } from "zod";
import { MARKER_LENGTH } from "../shared/descriptions";
import {
  BACKUP_NAME_MAX_LENGTH,
  BACKUP_NAME_MIN_LENGTH,
  BACKUP_NAME_PATTERN,
  BACKUP_TYPES,
  COMPRESSION_TYPES,
  DESTINATION_ID_PATTERN,
} from "./contract";

// --- Inputs -------------------------------------------------------------------------

/** Northflank ids are slugs (destination ids are documented with this pattern). */
const SLUG = DESTINATION_ID_PATTERN;

export const targetSchema = z
  .object({
    /** The project id. */
    projectId: z
      .string({ error: "is required: the Northflank project id" })
      .regex(SLUG, "must be a Northflank project id: letters, digits and single hyphens, e.g. my-project"),
    /** The addon id within the project. */
    addonId: z
      .string({ error: "is required: the Northflank addon id" })
      .regex(SLUG, "must be a Northflank addon id: letters, digits and single hyphens, e.g. my-postgres"),
  })
  .strict();
export type NorthflankTarget = z.infer<typeof targetSchema>;

/** Team ids are slugs, like Northflank's other ids (a team-scoped account's `teamId`). */
export const teamIdSchema = z
  .string()
  .regex(SLUG, "must be a Northflank team id: letters, digits and single hyphens, e.g. my-team");

export const MAX_DESCRIPTION_LENGTH = BACKUP_NAME_MAX_LENGTH - MARKER_LENGTH;

/**
 * The description becomes the backup's `name`. The marker ` hb:abcd1234` joins with a space
 * and a colon, both allowed separators, so a valid user part stays valid once marked.
 */
export const descriptionSchema = z
  .string({ error: "must be a string" })
  .refine(
    (value) => value.length >= BACKUP_NAME_MIN_LENGTH && value.length <= MAX_DESCRIPTION_LENGTH,
    `must be ${BACKUP_NAME_MIN_LENGTH}–${MAX_DESCRIPTION_LENGTH} characters so the provider's ${MARKER_LENGTH}-character marker fits Northflank's ${BACKUP_NAME_MAX_LENGTH}-character name limit`,
  )
  .refine(
    (value) => BACKUP_NAME_PATTERN.test(value),
    'must be words of letters and digits separated by single spaces, "-", "/" or ":" (Northflank\'s backup name rule), e.g. "pre migration"',
  );

export const additionalDestinationSchema = z
  .object({
    /** Id of a backup destination (`/v1/backup-destinations`), 3–100 characters of letters, digits and dashes. */
    destinationId: z
      .string({ error: "is required: the id of a Northflank backup destination" })
      .min(3, "must be 3–100 characters (Northflank's destination id rule)")
      .max(100, "must be 3–100 characters (Northflank's destination id rule)")
      .regex(
        DESTINATION_ID_PATTERN,
        "must be letters and digits separated by single hyphens (Northflank's destination id rule)",
      ),
    /** Days the copy is kept there, 1–120. @default unset: not sent, Northflank's own retention applies */
    retentionTime: z
      .number({ error: "must be a whole number of days" })
      .int("must be a whole number of days")
      .min(1, "must be 1–120 days (Northflank's retention limit for additional destinations)")
      .max(120, "must be 1–120 days (Northflank's retention limit for additional destinations)")
      .optional(),
    /** Destination type; Northflank accepts only `custom`. @default "custom" */
    type: z.literal("custom", { error: 'must be "custom", the only type Northflank accepts' }).default("custom"),
  })
  .strict();

export const backupOptionsSchema = z
  .object({
    /** Northflank only (for a policy: of its freshness backups): `dump` or `snapshot`. @default "snapshot" */
    backupType: z.enum(BACKUP_TYPES, { error: 'must be "dump" or "snapshot"' }).default("snapshot"),
    /** Northflank only, dump backups only: `gz` or `zstd`. @default "gz" */
    compressionType: z.enum(COMPRESSION_TYPES, { error: 'must be "gz" or "zstd"' }).optional(),
    /**
     * Northflank only, snapshot backups only: extra copies kept in your own destinations.
     * @default unset: the backup is kept in Northflank's own storage only
     */
    additionalDestinations: z
      .array(additionalDestinationSchema, { error: "must be a list of destinations" })
      .optional(),
  })
  .strict()
  .superRefine((options, ctx) => {
    if (options.compressionType !== undefined && options.backupType !== "dump") {
      ctx.addIssue({
        code: "custom",
        path: ["compressionType"],
        message: 'applies only to backupType "dump" (Northflank compresses dumps, not snapshots)',
      });
    }
    if (options.additionalDestinations !== undefined && options.backupType !== "snapshot") {
      ctx.addIssue({
        code: "custom",
        path: ["additionalDestinations"],
        message:
          'applies only to backupType "snapshot" (Northflank copies snapshots, not dumps, to additional destinations)',
      });
    }
  });

export const restoreOptionsSchema = z
  .object({
    /**
     * Northflank only: the project of a backup taken on another addon (a "global" backup),
     * with `sourceAddonId`.
     * @default unset: `source`'s project when `source` is set, else the backup is the target addon's own
     */
    sourceProjectId: z.string({ error: "must be a string" }).regex(SLUG, "must be a Northflank project id").optional(),
    /**
     * Northflank only: the addon of a backup taken on another addon, with `sourceProjectId`.
     * @default unset: `source`'s addon when `source` is set, else the backup is the target addon's own
     */
    sourceAddonId: z.string({ error: "must be a string" }).regex(SLUG, "must be a Northflank addon id").optional(),
  })
  .strict()
  .superRefine((options, ctx) => {
    if ((options.sourceProjectId === undefined) !== (options.sourceAddonId === undefined)) {
      const missing = options.sourceProjectId === undefined ? "sourceProjectId" : "sourceAddonId";
      ctx.addIssue({
        code: "custom",
        path: [missing],
        message:
          "is required together with the other: sourceProjectId and sourceAddonId name the source addon as a pair",
      });
    }
  });
