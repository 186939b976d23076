/** Kinsta inputs: the target, the description and the options (wire payloads: contract.ts). */
import { z } from "zod";
import { MARKER_LENGTH, printableDescription } from "../shared/descriptions";
import { UUID_PATTERN } from "../shared/ids";

// --- Inputs -------------------------------------------------------------------------

export const targetSchema = z
  .object({
    /** The environment's UUID (MyKinsta → Site → environment, or `GET /sites/{id}/environments`). */
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
    /**
     * Kinsta only, required there: the company user Kinsta notifies (current restore body
     * `notified_user_id`, required since API 1.87.0; `GET /company/{id}/users` lists them).
     * @default unset: refused at preview on Kinsta; other vendors take no user
     */
    notifiedUserId: z
      .string({ error: "is required: Kinsta's restore API notifies a company user (id from GET /company/{id}/users)" })
      .regex(UUID_PATTERN, "must be the id (a UUID) of a Kinsta company user, who is notified about the restore"),
  })
  .strict();
