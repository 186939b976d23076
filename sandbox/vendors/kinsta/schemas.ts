/**
 * Kinsta API v2 payloads (backups, environments, operations) as zod schemas, faithful to
 * Kinsta API 1.87.0 (test/fixtures/vendor-specs). Shared by the sandbox tests and the provider's client.
 * Objects are not strict: Kinsta may add fields.
 */
import { z } from "zod";

const domain = z.object({
  id: z.string(),
  name: z.string(),
  site_id: z.string().optional(),
  is_active: z.boolean().optional(),
  type: z.string().optional(),
});

export const environmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  display_name: z.string(),
  is_blocked: z.boolean().optional(),
  is_premium: z.boolean().optional(),
  id_edge_cache: z.string().optional(),
  cdn_cache_id: z.string().optional(),
  wordpress_version: z.string().optional(),
  domains: z.array(domain).optional(),
  primaryDomain: domain.optional(),
  ssh_connection: z.object({ ssh_port: z.string(), ssh_ip: z.object({ external_ip: z.string() }) }).optional(),
  container_info: z.object({ id: z.string(), php_engine_version: z.string() }).optional(),
});

export const siteSchema = z.object({
  id: z.string(),
  name: z.string(),
  display_name: z.string(),
  status: z.string().optional(),
  company_id: z.string().optional(),
  siteLabels: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
  environments: z.array(environmentSchema).optional(),
});

/** `GET /sites?company=…` */
export const listSitesResponseSchema = z.object({ company: z.object({ sites: z.array(siteSchema) }) });
/** `GET /sites/{site_id}` */
export const getSiteResponseSchema = z.object({ site: siteSchema });
/** `GET /sites/{site_id}/environments` */
export const listEnvironmentsResponseSchema = z.object({
  site: z.object({ environments: z.array(environmentSchema) }),
});

/** `GET /company/{company_id}/users` (shape from third-party clients). */
export const companyUsersResponseSchema = z.object({
  company: z.object({
    users: z.array(
      z.object({
        user: z.object({
          id: z.string(),
          email: z.string(),
          full_name: z.string().optional(),
          image: z.string().optional(),
        }),
      }),
    ),
  }),
});

export const backupSchema = z.object({
  /** A number, not a string. */
  id: z.number().int(),
  name: z.string(),
  note: z.string().nullable().optional(),
  /** `manual`; automatic types are undocumented (the sandbox says `daily`). */
  type: z.string(),
  /** Epoch milliseconds. */
  created_at: z.number().int(),
});
export type KinstaBackupPayload = z.infer<typeof backupSchema>;

/** `GET /sites/environments/{env_id}/backups` */
export const listBackupsResponseSchema = z.object({
  environment: z.object({ display_name: z.string(), backups: z.array(backupSchema) }),
});

export const downloadableBackupSchema = z.object({
  id: z.string(),
  created_at: z.number().int(),
  /** Present once generation has finished. */
  download_link: z.string().optional(),
  expires_at: z.number().int(),
  is_generation_in_progress: z.boolean(),
});

/** `GET /sites/environments/{env_id}/downloadable-backups` */
export const listDownloadableBackupsResponseSchema = z.object({
  environment: z.object({ display_name: z.string(), downloadable_backups: z.array(downloadableBackupSchema) }),
});

/** 202 from every mutation (manual backup, delete, restore, downloadable backup). */
export const operationAcceptedSchema = z.object({
  operation_id: z.string(),
  message: z.string(),
  status: z.literal(202),
});

/** `GET /operations/{operation_id}`: the HTTP status (200/202/404/500) is the state and is repeated in `status`. */
export const operationStatusSchema = z.object({
  message: z.string(),
  status: z.number().int(),
  data: z.unknown().optional(),
});

/** `POST /sites/environments/{target_env_id}/backups/restore` body: current and legacy forms. */
export const restoreRequestSchema = z.union([
  z.object({ backup_id: z.number().int(), notified_user_id: z.string() }),
  z.object({ backup_id: z.number().int(), env_display_name_of_backup: z.string() }),
]);

/** `POST /sites/environments/{env_id}/manual-backups` body. */
export const manualBackupRequestSchema = z.object({ tag: z.string().optional() });

/** Error body (third-party fixtures; unconfirmed officially): `{status, message, data}`. */
export const errorSchema = z.object({
  status: z.number().int(),
  message: z.string(),
  data: z.unknown().optional(),
});
