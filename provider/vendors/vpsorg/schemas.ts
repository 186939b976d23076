/**
 * VPS.org API v1 payloads (reference: vpsorg.md). The docs use integer ids; VPS.org's own
 * tooling uses UUIDs for servers, so ids are kept opaque (number or string on the wire).
 */
import { z } from "zod";
import { MARKER_LENGTH, printableDescription } from "../shared/descriptions";
import { UUID_PATTERN } from "../shared/options";

// --- Inputs -------------------------------------------------------------------------

export const targetSchema = z
  .object({
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

// --- Wire payloads ------------------------------------------------------------------

const wireId = z.union([z.number().int(), z.string()]);

export const backupSchema = z.object({
  id: wireId,
  server: z.object({ id: wireId, name: z.string().nullish() }),
  backup_type: z.string(),
  /** `completed` and `in_progress` are documented; failure statuses are not. */
  status: z.string(),
  size_mb: z.number().nullish(),
  created_at: z.string(),
  expires_at: z.string().nullish(),
  description: z.string().nullish(),
  /** Only in the create response. */
  message: z.string().optional(),
});
export type VpsorgBackupPayload = z.infer<typeof backupSchema>;

/** `{count, results}`; DRF-style `next`/`previous` are followed when present. */
export const backupListSchema = z.object({
  count: z.number().optional(),
  next: z.string().nullish(),
  previous: z.string().nullish(),
  results: z.array(backupSchema),
});

export const createBackupBodySchema = z.object({ server_id: wireId, description: z.string().optional() });

export const restoreBodySchema = z.object({ backup_id: wireId });

/**
 * `GET /servers/{id}/`. Undocumented (uncertain): we rely only on `status`, which the
 * sandbox reports as `restoring` while a restore runs.
 */
export const serverSchema = z.object({ id: wireId, name: z.string().nullish(), status: z.string() });

/**
 * The restore response is undocumented (uncertain). We accept any JSON object (or no body)
 * and read an id and status when it carries them.
 */
export const restoreStartedSchema = z
  .object({
    id: wireId.optional(),
    restore_id: wireId.optional(),
    task_id: wireId.optional(),
    status: z.string().optional(),
    detail: z.string().optional(),
  })
  .loose()
  .nullish();
