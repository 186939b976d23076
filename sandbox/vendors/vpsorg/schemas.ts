/**
 * VPS.org API v1 backup payloads as zod schemas, per the VPS.org Backups API docs (test/fixtures/vendor-specs).
 * The servers endpoints and the restore answer are undocumented: their schemas describe what
 * the sandbox chose and are marked as such.
 */
import { z } from "zod";

export const backupStatusSchema = z.enum(["in_progress", "completed", "failed"]);

export const backupSchema = z.object({
  id: z.number().int(),
  server: z.object({ id: z.number().int(), name: z.string() }),
  backup_type: z.enum(["manual", "automatic"]),
  /** Documented: `in_progress`, `completed`; `failed` is the sandbox's choice for failures. */
  status: z.string(),
  /** null while in progress. */
  size_mb: z.number().int().nullable(),
  created_at: z.iso.datetime({ offset: true }),
  /** null for manual backups. */
  expires_at: z.iso.datetime({ offset: true }).nullable(),
  description: z.string(),
});
export type VpsorgBackupPayload = z.infer<typeof backupSchema>;

/** `GET /backups/` → `{count, results}`. */
export const listBackupsResponseSchema = z.object({ count: z.number().int(), results: z.array(backupSchema) });

/** `POST /backups/` → 201: a backup plus `message`. */
export const createBackupResponseSchema = backupSchema.extend({ message: z.string() });

export const createBackupRequestSchema = z.object({
  server_id: z.union([z.number().int(), z.string().regex(/^\d+$/)]),
  description: z.string().optional(),
});

/** `POST /servers/{server_id}/restore/` body. */
export const restoreRequestSchema = z.object({ backup_id: z.union([z.number().int(), z.string().regex(/^\d+$/)]) });

/** Restore answer (undocumented; sandbox's choice): 202. */
export const restoreResponseSchema = z.object({
  detail: z.string(),
  server_id: z.number().int(),
  backup_id: z.number().int(),
  status: z.string(),
});

/** Server (undocumented; sandbox's choice). */
export const serverSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  hostname: z.string(),
  ip_address: z.string(),
  status: z.string(),
});
export const listServersResponseSchema = z.object({ count: z.number().int(), results: z.array(serverSchema) });

/** Errors (undocumented; Django REST Framework style): `{detail}` or `{field: [messages]}`. */
export const detailErrorSchema = z.object({ detail: z.string() });
export const fieldErrorsSchema = z.record(z.string(), z.array(z.string()));
