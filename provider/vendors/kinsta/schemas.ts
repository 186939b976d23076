/**
 * Kinsta API v2 payloads (reference: kinsta.md). Backup ids are numbers and timestamps
 * are epoch milliseconds on the wire.
 */
import { z } from "zod";
import { MARKER_LENGTH, printableDescription } from "../shared/descriptions";
import { UUID_PATTERN } from "../shared/options";

// --- Inputs -------------------------------------------------------------------------

export const targetSchema = z
  .object({
    environmentId: z
      .string({ error: "is required: the Kinsta environment id (a UUID)" })
      .regex(UUID_PATTERN, "must be a Kinsta environment id (a UUID such as c84ce214-69b9-4a32-8e67-880672cf1d38)"),
  })
  .strict();
export type KinstaTarget = z.infer<typeof targetSchema>;

/**
 * Kinsta documents no limit for a manual backup's `tag` (uncertain): we choose 100
 * characters for the whole tag including the marker, i.e. 88 for the user's part.
 */
export const TAG_MAX_LENGTH = 100;
export const MAX_DESCRIPTION_LENGTH = TAG_MAX_LENGTH - MARKER_LENGTH;
export const descriptionSchema = printableDescription(
  MAX_DESCRIPTION_LENGTH,
  `so the provider's ${MARKER_LENGTH}-character marker fits the ${TAG_MAX_LENGTH}-character limit we assume for a Kinsta backup tag`,
);

/** Kinsta's manual backup takes only a tag: no options. */
export const backupOptionsSchema = z.object({}).strict();

/**
 * The current restore body needs `notified_user_id` (a company user who is emailed). The
 * legacy body (`env_display_name_of_backup`) is not supported: current docs replaced it.
 */
export const restoreOptionsSchema = z
  .object({
    notifiedUserId: z
      .string({ error: "is required: Kinsta's restore API notifies a company user (id from GET /company/{id}/users)" })
      .regex(UUID_PATTERN, "must be the id (a UUID) of a Kinsta company user, who is notified about the restore"),
  })
  .strict();

// --- Wire payloads ------------------------------------------------------------------

/** The 202 envelope of every mutation. */
export const operationStartedSchema = z.object({
  operation_id: z.string(),
  message: z.string().optional(),
  status: z.number().optional(),
});

/** `GET /operations/{id}`: the HTTP status is the state; the body repeats it. */
export const operationStatusSchema = z.object({
  message: z.string().optional(),
  status: z.number().optional(),
  data: z.unknown().optional(),
});

export const backupSchema = z.object({
  id: z.number(),
  name: z.string().nullish(),
  /** A manual backup's tag shows up here (uncertain but agreed by third parties). */
  note: z.string().nullish(),
  /** Only "manual" is documented; scheduled/system values are not. */
  type: z.string(),
  created_at: z.number(),
});
export type KinstaBackupPayload = z.infer<typeof backupSchema>;

export const backupListSchema = z.object({
  environment: z.object({
    display_name: z.string().nullish(),
    backups: z.array(backupSchema),
  }),
});

export const manualBackupBodySchema = z.object({ tag: z.string() });

export const restoreBodySchema = z.object({ backup_id: z.number(), notified_user_id: z.string() });

/** Kinsta's error body per third-party fixtures (uncertain): `{status, message, data}`. */
export const errorBodySchema = z.object({ message: z.string().optional(), error: z.string().optional() }).loose();
