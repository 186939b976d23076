/** WP Engine inputs: the target, the description and the options (wire payloads: contract.ts). */
import { z } from "zod";
import { MARKER_LENGTH, printableDescription } from "../shared/descriptions";
import { UUID_PATTERN } from "../shared/ids";

// --- Inputs -------------------------------------------------------------------------

export const targetSchema = z
  .object({
    /** The install's UUID (`GET /installs`). */
    installId: z
      .string({ error: "is required: the WP Engine install id (a UUID)" })
      .regex(UUID_PATTERN, "must be a WP Engine install id (a UUID such as 294deacc-d8b8-4005-82c4-0727ba8ddde0)"),
  })
  .strict();
export type WpengineTarget = z.infer<typeof targetSchema>;

/**
 * WP Engine requires a description but documents no maximum (uncertain): we assume the
 * common 255-character column limit, minus the marker.
 */
export const DESCRIPTION_MAX_LENGTH = 255;
export const MAX_DESCRIPTION_LENGTH = DESCRIPTION_MAX_LENGTH - MARKER_LENGTH;
export const descriptionSchema = printableDescription(
  MAX_DESCRIPTION_LENGTH,
  `so the provider's ${MARKER_LENGTH}-character marker fits the ${DESCRIPTION_MAX_LENGTH}-character limit we assume for a WP Engine backup description`,
);

const notificationEmailsSchema = z
  .array(z.email({ error: "must be an email address such as ops@example.com" }), {
    error: "is required: WP Engine's API needs at least one address to email when it is done",
  })
  .min(1, "must list at least one email address: WP Engine's API requires an address to notify");

export const backupOptionsSchema = z
  .object({
    /**
     * WP Engine only, and required there (for a policy: with `freshness`): addresses WP Engine
     * emails when the backup completes.
     * @default unset: refused at preview on WP Engine; other vendors take no addresses
     */
    notificationEmails: notificationEmailsSchema,
  })
  .strict();

export const restoreOptionsSchema = z
  .object({
    /**
     * WP Engine only, required there: who WP Engine emails when the restore completes.
     * @default unset: refused at preview on WP Engine; other vendors take no addresses
     */
    notificationEmails: notificationEmailsSchema,
    /** WP Engine only: restore the database too. @default true (WP Engine's default) */
    restoreDatabase: z.boolean({ error: "must be true or false" }).optional(),
    /** WP Engine only: take a checkpoint before restoring. @default true (WP Engine's default) */
    createCheckpoint: z.boolean({ error: "must be true or false" }).optional(),
  })
  .strict();
