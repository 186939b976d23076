/**
 * VPS.org API v1, as its Backups API documentation page describes it (transcribed in
 * test/fixtures/vendor-specs): list, create and delete backups, and the Servers API's restore
 * (path and body only). The docs use integer ids; VPS.org's own tooling names servers by
 * UUID, so ids are an integer or a string on the wire. Reading a server is undocumented.
 */
import { z } from "zod";
import { route } from "../shared/routes";

// --- Payloads -------------------------------------------------------------------------

const wireId = z.union([z.number().int(), z.string()]);

export const backupSchema = z.object({
  id: wireId,
  server: z.object({ id: wireId, name: z.string() }),
  backup_type: z.enum(["manual", "automatic"]),
  /** `completed` and `in_progress` are documented; failure words are not. */
  status: z.string(),
  /** `null` while in progress. */
  size_mb: z.number().int().nullable(),
  created_at: z.string(),
  /** `null` for manual backups (they never expire). */
  expires_at: z.string().nullable(),
  /** A string in the docs' example; optional on create, so `null` (or nothing) is taken too. */
  description: z.string().nullish(),
});
export type VpsorgBackupPayload = z.infer<typeof backupSchema>;

/** `POST /backups/` → 201: the backup plus a `message`. */
export const createdBackupSchema = backupSchema.extend({ message: z.string() });

/** `{count, results}`; DRF-style `next`/`previous` (undocumented) are followed when present. */
export const backupListSchema = z.object({
  count: z.number().int(),
  next: z.string().nullish(),
  previous: z.string().nullish(),
  results: z.array(backupSchema),
});

/** Errors are undocumented: Django REST Framework's `{detail}` or `{field: [messages]}`. */
export const errorSchema = z.union([z.object({ detail: z.string() }), z.record(z.string(), z.array(z.string()))]);

/**
 * A server (undocumented: no Servers API document exists). The provider relies only on
 * `status`, which the sandbox reports as `restoring` while a restore runs.
 */
export const serverSchema = z.object({ id: wireId, name: z.string().nullish(), status: z.string() });
export const serverListSchema = z.object({ count: z.number().int(), results: z.array(serverSchema) });

/** The restore's answer is undocumented: any JSON object (or none); an id and status are read when present. */
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

export const createBackupBodySchema = z.object({ server_id: wireId, description: z.string().optional() });
export const restoreBodySchema = z.object({ backup_id: wireId });

// --- Routes (trailing slashes are canonical) ------------------------------------------

const NO_SERVERS_DOC = "VPS.org publishes no Servers API document (docs/vendors.md says what the provider assumes)";

export const routes = {
  listBackups: route({
    operation: "listBackups",
    spec: { operationId: "listBackups" },
    endpoint: "GET /backups/",
    query: z.object({ server_id: wireId.optional(), backup_type: z.enum(["manual", "automatic"]).optional() }).loose(),
    ok: { 200: backupListSchema },
    errors: { 401: errorSchema },
  }),
  createBackup: route({
    operation: "startBackup",
    spec: { operationId: "createBackup" },
    endpoint: "POST /backups/",
    body: createBackupBodySchema,
    ok: { 201: createdBackupSchema },
    errors: { 400: errorSchema, 401: errorSchema, 404: errorSchema },
  }),
  deleteBackup: route({
    operation: "deleteBackup",
    spec: { operationId: "deleteBackup" },
    endpoint: "DELETE /backups/{backup_id}/",
    ok: { 204: null },
    errors: { 401: errorSchema, 404: errorSchema },
  }),
  restoreServer: route({
    operation: "startRestore",
    spec: { operationId: "restoreServer" },
    endpoint: "POST /servers/{server_id}/restore/",
    body: restoreBodySchema,
    ok: { 202: restoreStartedSchema },
    errors: { 400: errorSchema, 401: errorSchema, 404: errorSchema, 409: errorSchema },
  }),
  listServers: route({
    operation: "listServers",
    spec: { undocumented: NO_SERVERS_DOC },
    endpoint: "GET /servers/",
    ok: { 200: serverListSchema },
    errors: { 401: errorSchema },
  }),
  getServer: route({
    operation: "checkRestore",
    spec: { undocumented: NO_SERVERS_DOC },
    endpoint: "GET /servers/{server_id}/",
    ok: { 200: serverSchema },
    errors: { 401: errorSchema, 404: errorSchema },
  }),
};
