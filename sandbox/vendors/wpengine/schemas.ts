/**
 * WP Engine Hosting Platform API payloads as zod schemas: the current 1.17 surface (backup
 * list, restore, archives, the enriched Backup object), per the WP Engine Swagger 1.17.0 (test/fixtures/vendor-specs).
 * The older Swagger 1.6.15 definitions must accept the same payloads (checked in the tests).
 */
import { z } from "zod";

/** 1.17 status enum; `initiated` is the deprecated name of `in_progress`. */
export const backupStatusSchema = z.enum(["requested", "in_progress", "initiated", "completed", "aborted"]);

export const backupSchema = z.object({
  id: z.uuid(),
  status: backupStatusSchema,
  description: z.string().nullable().optional(),
  create_time: z.iso.datetime({ offset: true }).nullable().optional(),
  /** null until the backup completes. */
  complete_time: z.iso.datetime({ offset: true }).nullable().optional(),
  wordpress_version: z.string().nullable().optional(),
});
export type WpengineBackupPayload = z.infer<typeof backupSchema>;

/** Offset pagination envelope; `previous`/`next` are absolute URLs or null. */
export const paginated = <T extends z.ZodType>(item: T) =>
  z.object({
    previous: z.string().nullable(),
    next: z.string().nullable(),
    count: z.number().int(),
    results: z.array(item),
  });

export const installationSchema = z.object({
  id: z.uuid(),
  name: z.string().regex(/^[a-z][a-z0-9]{2,13}$/),
  account: z.object({ id: z.uuid() }),
  php_version: z.string().nullable(),
  status: z.enum(["active", "pending"]).optional(),
  site: z.object({ id: z.uuid() }).nullable().optional(),
  cname: z.string().optional(),
  stable_ips: z.array(z.string()).nullable().optional(),
  environment: z.enum(["production", "staging", "development"]).nullable().optional(),
  primary_domain: z.string().nullable().optional(),
  is_multisite: z.boolean().nullable().optional(),
});

export const listInstallsResponseSchema = paginated(installationSchema);
export const listBackupsResponseSchema = paginated(backupSchema);

export const archiveSchema = z.object({
  id: z.uuid(),
  backup: z.object({ id: z.uuid() }),
  state: z.enum(["requested", "in_progress", "completed", "aborted"]),
  notification_emails: z.array(z.string()).optional(),
  create_time: z.iso.datetime({ offset: true }).nullable().optional(),
  start_time: z.iso.datetime({ offset: true }).nullable().optional(),
  complete_time: z.iso.datetime({ offset: true }).nullable().optional(),
  abort_time: z.iso.datetime({ offset: true }).nullable().optional(),
  download_uri: z.string().nullable().optional(),
});
export const listArchivesResponseSchema = paginated(archiveSchema);

/** `POST /installs/{install_id}/backups` body. */
export const createBackupRequestSchema = z.object({
  description: z.string(),
  notification_emails: z.array(z.string()),
});

/** `POST /installs/{install_id}/backups/{backup_id}/restore` body (202, no response body). */
export const restoreBackupRequestSchema = z.object({
  notification_emails: z.array(z.string()),
  restore_database: z.boolean().optional(),
  create_checkpoint: z.boolean().optional(),
});

/** `POST /installs/{install_id}/archives` body. */
export const createArchiveRequestSchema = z.object({
  backup_id: z.uuid(),
  notification_emails: z.array(z.string()),
});

export const resourceErrorSchema = z.object({
  resource: z.string(),
  field: z.string(),
  type: z.string(),
  code: z.string(),
  message: z.string(),
});

/** 400/401/403/404/500 bodies; 400 may carry `errors`. 429/503 have no documented body. */
export const errorSchema = z.object({
  message: z.string(),
  documentation_url: z.string().optional(),
  errors: z.array(resourceErrorSchema).optional(),
});
