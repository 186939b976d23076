/**
 * Northflank API v1 payloads for addon backups, restores and backup schedules
 * (reference: northflank.md). Every success is HTTP 200 with `{data}`.
 */
import { z } from "zod";
import { MARKER_LENGTH } from "../shared/descriptions";

// --- Inputs -------------------------------------------------------------------------

/** Northflank ids are slugs (destination ids are documented with this pattern). */
const SLUG = /^[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*$/;

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

/** Northflank backup names: 3–39 characters of this pattern. */
export const NAME_PATTERN = /^[a-zA-Z0-9]+((-|\s|\/|:)[a-zA-Z0-9]+)*$/;
export const NAME_MIN_LENGTH = 3;
export const NAME_MAX_LENGTH = 39;
export const MAX_DESCRIPTION_LENGTH = NAME_MAX_LENGTH - MARKER_LENGTH;

/**
 * The description becomes the backup's `name`. The marker ` hb:abcd1234` joins with a space
 * and a colon, both allowed separators, so a valid user part stays valid once marked.
 */
export const descriptionSchema = z
  .string({ error: "must be a string" })
  .refine(
    (value) => value.length >= NAME_MIN_LENGTH && value.length <= MAX_DESCRIPTION_LENGTH,
    `must be ${NAME_MIN_LENGTH}–${MAX_DESCRIPTION_LENGTH} characters so the provider's ${MARKER_LENGTH}-character marker fits Northflank's ${NAME_MAX_LENGTH}-character name limit`,
  )
  .refine(
    (value) => NAME_PATTERN.test(value),
    'must be words of letters and digits separated by single spaces, "-", "/" or ":" (Northflank\'s backup name rule), e.g. "pre migration"',
  );

export const BACKUP_TYPES = ["dump", "snapshot"] as const;
export const COMPRESSION_TYPES = ["gz", "zstd"] as const;
const DESTINATION_ID = /^[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*$/;

export const additionalDestinationSchema = z
  .object({
    /** Id of a backup destination (`/v1/backup-destinations`), 3–100 characters of letters, digits and dashes. */
    destinationId: z
      .string({ error: "is required: the id of a Northflank backup destination" })
      .min(3, "must be 3–100 characters (Northflank's destination id rule)")
      .max(100, "must be 3–100 characters (Northflank's destination id rule)")
      .regex(
        DESTINATION_ID,
        "must be letters and digits separated by single hyphens (Northflank's destination id rule)",
      ),
    /** Days the copy is kept there, 1–120. */
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
    /** Northflank only, snapshot backups only: extra copies kept in your own destinations. */
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
     */
    sourceProjectId: z.string({ error: "must be a string" }).regex(SLUG, "must be a Northflank project id").optional(),
    /** Northflank only: the addon of a backup taken on another addon, with `sourceProjectId`. */
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

// --- Wire payloads ------------------------------------------------------------------

export const STATUSES = [
  "scheduled",
  "in-progress",
  "completed",
  "aborting",
  "aborted",
  "failed",
  "not-supported",
] as const;
const statusSchema = z.enum(STATUSES);

export const paginationSchema = z.object({
  hasNextPage: z.boolean(),
  // Absent on the last page; `null` is treated as absent (a null cursor loops forever otherwise).
  cursor: z.string().nullish(),
  count: z.number().optional(),
});

export const envelope = <T extends z.ZodType>(data: T) => z.object({ data, pagination: paginationSchema.optional() });

export const backupSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: statusSchema,
  createdAt: z.string(),
  completedAt: z.string().nullish(),
  config: z.object({
    source: z.object({ type: z.string().optional() }).nullish(),
    size: z.string(),
    compressionType: z.enum(COMPRESSION_TYPES).nullish(),
    additionalDestinations: z.array(z.unknown()).nullish(),
    addonVersion: z.string().nullish(),
  }),
  customDestinationId: z.string().nullish(),
  lastRestore: z
    .object({ restoreTimestamp: z.string(), status: statusSchema, completedAt: z.string().nullish() })
    .nullish(),
});
export type NorthflankBackupPayload = z.infer<typeof backupSchema>;

/**
 * Restore ids are strings in the client's types ("668596c647fed81696a8a82c") but integers
 * (unix millis) in one docs rendering, and the restore call answers "1611305397038": they
 * are compared as strings.
 */
export const restoreIdSchema = z.union([z.string(), z.number()]).transform(String);

export const restoreSchema = z.object({
  id: restoreIdSchema,
  status: statusSchema,
  restoreTimestamp: z.string().nullish(),
  completedAt: z.string().nullish(),
  backupId: z.string().optional(),
});

/**
 * `POST …/pitr` body (docs: "Initiate point-in-time restore"), and `GET …/pitr-window`: the
 * span a point-in-time restore can reach. The sandbox validates and answers with these too.
 */
export const pitrRequestSchema = z.object({ targetTimestamp: z.iso.datetime({ offset: true }) }).strict();

export const pitrWindowSchema = z.object({
  hasValidWindow: z.boolean(),
  startTimestamp: z.string().optional(),
  endTimestamp: z.string().optional(),
});

export const INTERVALS = ["hourly", "daily", "weekly"] as const;

export const scheduleSchema = z.object({
  id: z.string(),
  backupType: z.enum(BACKUP_TYPES),
  backupCompressionType: z.enum(COMPRESSION_TYPES).nullish(),
  scheduling: z.object({
    interval: z.enum(INTERVALS),
    minute: z.array(z.number()),
    hour: z.array(z.number()).nullish(),
    day: z.array(z.number()).nullish(),
  }),
  retentionTime: z.number(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
});
export type NorthflankSchedulePayload = z.infer<typeof scheduleSchema>;

export const createBackupBodySchema = z.object({
  name: z.string(),
  backupType: z.enum(BACKUP_TYPES),
  compressionType: z.enum(COMPRESSION_TYPES).optional(),
  additionalDestinations: z
    .array(z.object({ destinationId: z.string(), retentionTime: z.number().optional(), type: z.literal("custom") }))
    .optional(),
});

export const createScheduleBodySchema = z.object({
  scheduling: z.object({
    interval: z.enum(INTERVALS),
    minute: z.array(z.number()),
    hour: z.array(z.number()).optional(),
    day: z.array(z.number()).optional(),
  }),
  backupType: z.enum(BACKUP_TYPES),
  retentionTime: z.number(),
});

export const errorBodySchema = z.object({
  error: z.object({ message: z.string().optional(), id: z.string().optional(), details: z.unknown().optional() }),
});
