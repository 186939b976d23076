/**
 * WP Engine Hosting Platform API v1, as its Swagger 1.17.0 describes it (vendored in
 * test/fixtures/vendor-specs): every backup endpoint (list, create, show, restore, archives)
 * plus the install reads and `/status` the sandbox serves. `x-nullable` fields are
 * `.nullable()`; fields the spec does not require are `.optional()`.
 */
import { z } from "zod";
import { route } from "../shared/routes";

// --- Payloads -------------------------------------------------------------------------

/** 1.17.0 statuses, plus `initiated`: the spec names it the deprecated word for `in_progress`. */
export const BACKUP_STATUSES = ["requested", "in_progress", "initiated", "completed", "aborted"] as const;

export const backupSchema = z.object({
  id: z.string(),
  status: z.enum(BACKUP_STATUSES),
  description: z.string().nullish(),
  create_time: z.string().nullish(),
  /** `null` while the backup is still in progress. */
  complete_time: z.string().nullish(),
  wordpress_version: z.string().nullish(),
});
export type WpengineBackupPayload = z.infer<typeof backupSchema>;

/** Offset pagination; `previous`/`next` are absolute URLs or null. No field is required. */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({
    previous: z.string().nullish(),
    next: z.string().nullish(),
    count: z.number().int().optional(),
    results: z.array(item).optional(),
  });

export const backupPageSchema = page(backupSchema);

export const archiveSchema = z.object({
  id: z.string(),
  backup: z.object({ id: z.string().optional() }),
  state: z.enum(["requested", "in_progress", "completed", "aborted"]),
  notification_emails: z.array(z.string()).optional(),
  /** Not nullable: absent until known. */
  create_time: z.string().optional(),
  start_time: z.string().optional(),
  complete_time: z.string().nullish(),
  abort_time: z.string().nullish(),
  download_uri: z.string().nullish(),
});
export const archivePageSchema = page(archiveSchema);

export const installationSchema = z.object({
  id: z.string(),
  name: z.string().regex(/^[a-z][a-z0-9]{2,13}$/),
  account: z.object({ id: z.string().optional() }),
  php_version: z.string().nullable(),
  status: z.enum(["active", "pending"]).optional(),
  site: z.object({ id: z.string().optional() }).nullish(),
  cname: z.string().optional(),
  stable_ips: z.array(z.string()).nullish(),
  environment: z.enum(["production", "staging", "development"]).nullish(),
  primary_domain: z.string().nullish(),
  is_multisite: z.boolean().nullish(),
  created_at: z.string().optional(),
  wp_version: z.string().nullish(),
});
export const installationPageSchema = page(installationSchema);

export const statusSchema = z.object({ success: z.boolean().optional(), created_on: z.string().optional() });

export const resourceErrorSchema = z.object({
  resource: z.string(),
  field: z.string(),
  type: z.string(),
  code: z.string(),
  message: z.string(),
});
/** 400/401/403/404/500 bodies; a 400 may list `errors`. 429/502/503 document no body. */
export const errorSchema = z.object({
  message: z.string(),
  documentation_url: z.string().optional(),
  errors: z.array(resourceErrorSchema).optional(),
});

export const createBackupBodySchema = z.object({
  description: z.string(),
  notification_emails: z.array(z.string()),
});
export const restoreBodySchema = z.object({
  notification_emails: z.array(z.string()),
  /** @default true */
  restore_database: z.boolean().optional(),
  /** @default true */
  create_checkpoint: z.boolean().optional(),
});

export const pageQuerySchema = z.object({ limit: z.number().int().optional(), offset: z.number().int().optional() });

// --- Routes ---------------------------------------------------------------------------

export const routes = {
  status: route({
    operation: "status",
    spec: { operationId: "status" },
    endpoint: "GET /status",
    ok: { 200: statusSchema },
  }),
  listInstalls: route({
    operation: "listInstalls",
    spec: { operationId: "listInstalls" },
    endpoint: "GET /installs",
    query: pageQuerySchema.extend({ account_id: z.string().optional() }),
    ok: { 200: installationPageSchema },
    errors: { 400: errorSchema, 401: errorSchema },
  }),
  getInstall: route({
    operation: "getInstall",
    spec: { operationId: "getInstall" },
    endpoint: "GET /installs/{install_id}",
    ok: { 200: installationSchema },
    errors: { 401: errorSchema, 404: errorSchema },
  }),
  listBackups: route({
    operation: "listBackups",
    spec: { operationId: "listBackups" },
    endpoint: "GET /installs/{install_id}/backups",
    query: pageQuerySchema,
    ok: { 200: backupPageSchema },
    errors: { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
  }),
  createBackup: route({
    operation: "startBackup",
    spec: { operationId: "createBackup" },
    endpoint: "POST /installs/{install_id}/backups",
    body: createBackupBodySchema,
    ok: { 202: backupSchema },
    errors: { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
  }),
  getBackup: route({
    operation: "getBackup",
    spec: { operationId: "showBackup" },
    endpoint: "GET /installs/{install_id}/backups/{backup_id}",
    ok: { 200: backupSchema },
    // No 403: another account's install is a 404 here.
    errors: { 400: errorSchema, 401: errorSchema, 404: errorSchema },
  }),
  // 202 with no body; completion is only emailed.
  restoreBackup: route({
    operation: "startRestore",
    spec: { operationId: "restoreBackup" },
    endpoint: "POST /installs/{install_id}/backups/{backup_id}/restore",
    body: restoreBodySchema,
    ok: { 202: null },
    errors: { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 500: errorSchema },
  }),
  // Creating archives is in no version of the spec: only the list is served.
  listArchives: route({
    operation: "listArchives",
    spec: { operationId: "listArchives" },
    endpoint: "GET /installs/{install_id}/archives",
    query: pageQuerySchema,
    ok: { 200: archivePageSchema },
    errors: { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 500: errorSchema },
  }),
};

/** WP Engine's `limit` maximum. */
export const PAGE_SIZE = 100;
