/**
 * Kinsta API v2, as its OpenAPI file "Kinsta API" 1.87.0 describes it (vendored in
 * test/fixtures/vendor-specs): the backup, operation and company-user routes, plus the site
 * reads the sandbox serves. Backup ids are numbers and timestamps epoch milliseconds.
 */
import { z } from "zod";
import { route } from "../shared/routes";

// --- Payloads -------------------------------------------------------------------------

/** Every error body: `{message, status, data}` (`data` optional). */
export const errorSchema = z.object({ message: z.string(), status: z.number(), data: z.unknown().optional() });

/** The 202 of every mutation. Only `message` and `status` are required: `operation_id` may be absent. */
export const operationAcceptedSchema = z.object({
  operation_id: z.string().optional(),
  message: z.string(),
  status: z.number(),
});

/** `GET /operations/{id}`: the HTTP status (200/202/404/500) is the state; the body repeats it. */
export const operationStatusSchema = z.object({
  message: z.string(),
  status: z.number(),
  data: z.unknown().optional(),
});

export const backupSchema = z.object({
  id: z.number(),
  name: z.string(),
  note: z.string().nullable(),
  /**
   * Not in 1.87.0: read when present, because the provider's marker (sent as `tag`) may come
   * back under that name instead of `note` or `name`.
   */
  tag: z.string().nullish(),
  /** `manual`; scheduled and system types are undocumented words (the sandbox says `daily`). */
  type: z.string(),
  created_at: z.number(),
});
export type KinstaBackupPayload = z.infer<typeof backupSchema>;

export const backupListSchema = z.object({
  environment: z.object({ display_name: z.string(), backups: z.array(backupSchema) }),
});

export const downloadableBackupSchema = z.object({
  id: z.string(),
  created_at: z.number(),
  /** `null` until generation has finished. */
  download_link: z.string().nullable(),
  expires_at: z.number(),
  is_generation_in_progress: z.boolean(),
});
export const downloadableBackupListSchema = z.object({
  environment: z.object({ display_name: z.string(), downloadable_backups: z.array(downloadableBackupSchema) }),
});

export const companyUsersSchema = z.object({
  company: z.object({
    users: z.array(
      z.object({
        user: z.object({ id: z.string(), email: z.string(), image: z.string(), full_name: z.string() }),
      }),
    ),
  }),
});

const domainSchema = z.object({
  id: z.string(),
  name: z.string(),
  site_id: z.string().nullable(),
  is_active: z.boolean(),
  type: z.string(),
});

export const environmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  display_name: z.string(),
  is_blocked: z.boolean(),
  id_edge_cache: z.string().nullable(),
  cdn_cache_id: z.string().nullable(),
  is_opt_out_from_automatic_php_update: z.boolean().nullable(),
  web_root: z.string(),
  image_optimization_type: z.enum(["off", "lossy", "lossless"]).nullable(),
  is_additional_sftp_accounts_enabled: z.boolean(),
  is_premium: z.boolean(),
  wordpress_version: z.string().nullable(),
  domains: z.array(domainSchema),
  primaryDomain: domainSchema,
  ssh_connection: z.object({ ssh_port: z.string(), ssh_ip: z.object({ external_ip: z.string() }) }),
  container_info: z.object({ id: z.string(), php_engine_version: z.string() }),
});

const siteSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  display_name: z.string(),
  status: z.string(),
  siteLabels: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
  environments: z.array(environmentSchema).optional(),
});
export const siteListSchema = z.object({ company: z.object({ sites: z.array(siteSummarySchema) }) });
export const siteSchema = z.object({
  site: z.object({
    id: z.string(),
    name: z.string(),
    display_name: z.string(),
    company_id: z.string(),
    status: z.string(),
    environments: z.array(
      environmentSchema.pick({
        id: true,
        name: true,
        display_name: true,
        is_premium: true,
        is_blocked: true,
        domains: true,
        primaryDomain: true,
      }),
    ),
  }),
});
export const siteEnvironmentsSchema = z.object({ site: z.object({ environments: z.array(environmentSchema) }) });

export const manualBackupBodySchema = z.object({ tag: z.string().optional() });
/** Both fields are required since 1.87.0 (the older `env_display_name_of_backup` body is gone). */
export const restoreBodySchema = z.object({ backup_id: z.number(), notified_user_id: z.uuid() });

// --- Routes ---------------------------------------------------------------------------

const readErrors = { 401: errorSchema, 404: errorSchema, 500: errorSchema };
/** Mutations document no 404: an unknown environment or backup is a 400. */
const writeErrors = { 400: errorSchema, 401: errorSchema, 500: errorSchema };

export const routes = {
  listSites: route({
    operation: "listSites",
    spec: { operationId: "getSites" },
    endpoint: "GET /sites",
    query: z.object({ company: z.string(), include_environments: z.enum(["true", "false"]).optional() }),
    ok: { 200: siteListSchema },
    errors: readErrors,
  }),
  getSite: route({
    operation: "getSite",
    spec: { operationId: "getSiteById" },
    endpoint: "GET /sites/{site_id}",
    ok: { 200: siteSchema },
    errors: readErrors,
  }),
  listEnvironments: route({
    operation: "listEnvironments",
    spec: { operationId: "getSiteEnvironments" },
    endpoint: "GET /sites/{site_id}/environments",
    ok: { 200: siteEnvironmentsSchema },
    errors: readErrors,
  }),
  listCompanyUsers: route({
    operation: "listCompanyUsers",
    spec: { operationId: "getCompanyUsers" },
    endpoint: "GET /company/{id}/users",
    ok: { 200: companyUsersSchema },
    errors: readErrors,
  }),
  listBackups: route({
    operation: "listBackups",
    spec: { operationId: "getBackups" },
    endpoint: "GET /sites/environments/{env_id}/backups",
    ok: { 200: backupListSchema },
    errors: readErrors,
  }),
  listDownloadableBackups: route({
    operation: "listDownloadableBackups",
    spec: { operationId: "getDownloadableBackups" },
    endpoint: "GET /sites/environments/{env_id}/downloadable-backups",
    ok: { 200: downloadableBackupListSchema },
    errors: readErrors,
  }),
  createManualBackup: route({
    operation: "startBackup",
    spec: { operationId: "addManualBackup" },
    endpoint: "POST /sites/environments/{env_id}/manual-backups",
    body: manualBackupBodySchema,
    ok: { 202: operationAcceptedSchema },
    errors: writeErrors,
  }),
  // No environment in this path: Kinsta deletes by the numeric backup id alone.
  deleteBackup: route({
    operation: "deleteBackup",
    spec: { operationId: "removeBackup" },
    endpoint: "DELETE /sites/environments/backups/{backup_id}",
    ok: { 202: operationAcceptedSchema },
    errors: writeErrors,
  }),
  restoreBackup: route({
    operation: "startRestore",
    spec: { operationId: "restoreBackup" },
    endpoint: "POST /sites/environments/{target_env_id}/backups/restore",
    body: restoreBodySchema,
    ok: { 202: operationAcceptedSchema },
    errors: writeErrors,
  }),
  // 202 running, 200 done, 500 failed, 404 unknown (also briefly right after the start).
  getOperation: route({
    operation: "getOperation",
    spec: { operationId: "getOperationStatus" },
    endpoint: "GET /operations/{operation_id}",
    ok: {
      200: operationStatusSchema,
      202: operationStatusSchema,
      404: operationStatusSchema,
      500: operationStatusSchema,
    },
    errors: {},
  }),
};
