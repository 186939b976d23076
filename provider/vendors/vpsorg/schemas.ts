/** VPS.org inputs: the target, the description and the options (wire payloads: contract.ts). */
import { z } from "zod";
import { MARKER_LENGTH, printableDescription } from "../shared/descriptions";
import { UUID_PATTERN } from "../shared/ids";

// --- Inputs -------------------------------------------------------------------------

export const targetSchema = z
  .object({
    /** The server id (digits in VPS.org's docs; kept as a string). */
    serverId: z
      .string({ error: 'is required: the VPS.org server id, e.g. "12345"' })
      .refine(
        (value) => /^\d+$/.test(value) || UUID_PATTERN.test(value),
        'must be a VPS.org server id: digits (e.g. "12345") or a UUID',
      ),
  })
  .strict();
export type VpsorgTarget = z.infer<typeof targetSchema>;

/**
 * The description is optional at VPS.org and has no documented limit (uncertain): we
 * assume the 255-character column limit of a Django CharField, minus the marker.
 */
export const DESCRIPTION_MAX_LENGTH = 255;
export const MAX_DESCRIPTION_LENGTH = DESCRIPTION_MAX_LENGTH - MARKER_LENGTH;
export const descriptionSchema = printableDescription(
  MAX_DESCRIPTION_LENGTH,
  `so the provider's ${MARKER_LENGTH}-character marker fits the ${DESCRIPTION_MAX_LENGTH}-character limit we assume for a VPS.org backup description`,
);

export const backupOptionsSchema = z.object({}).strict();
export const restoreOptionsSchema = z.object({}).strict();
