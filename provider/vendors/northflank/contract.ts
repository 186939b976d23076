/**
 * Northflank API v1, as the official client `@northflank/js-client` 0.9.5 declares it (its
 * types are vendored in test/fixtures/vendor-specs) and Northflank's API docs describe it:
 * addon backups, restores, backup schedules and point-in-time restores, which the provider
 * calls; plus the backup destinations, volume backups, imports and project/addon reads the
 * sandbox serves. Our base URL includes `/v1`, so paths start at `/projects`; every route also
 * exists under `/teams/{teamId}` (`teamScoped`), except import.
 *
 * Every success is HTTP 200 with `{data, pagination?}` (creates too); every error is
 * `{error: {message, id?, details?}}`. A route's `spec.operationId` names the client's endpoint
 * type (`GetAddonBackups` → `GetAddonBackupsResult`, `…Data`, `…Options`).
 */
import { z } from "zod";
import { route, type Route } from "../shared/routes";

// --- Constraints (Northflank's docs) ----------------------------------------------------

export const BACKUP_NAME_PATTERN = /^[a-zA-Z0-9]+((-|\s|\/|:)[a-zA-Z0-9]+)*$/;
export const BACKUP_NAME_MIN_LENGTH = 3;
export const BACKUP_NAME_MAX_LENGTH = 39;
export const DESTINATION_ID_PATTERN = /^[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*$/;
const DESTINATION_NAME_PATTERN = /^[a-zA-Z0-9]+((-|\s)[a-zA-Z0-9]+)*$/;
const DESCRIPTION_PATTERN = /^[a-zA-Z0-9.,?\s\\/'"()[\];`%^&*\-_:!]+$/;
const PREFIX_PATTERN = /^([a-zA-Z0-9-_]+)\/$/;
const VOLUME_BACKUP_NAME_PATTERN = /^[a-zA-Z]((-|\s)?[a-zA-Z0-9]+((-|\s)[a-zA-Z0-9]+)*)?$/;

export const STATUSES = [
  "scheduled",
  "in-progress",
  "completed",
  "aborting",
  "aborted",
  "failed",
  "not-supported",
] as const;
export type NorthflankStatus = (typeof STATUSES)[number];
export const BACKUP_TYPES = ["dump", "snapshot"] as const;
export const COMPRESSION_TYPES = ["gz", "zstd"] as const;
export const INTERVALS = ["hourly", "daily", "weekly"] as const;
/** Maximum retention (days) per schedule interval. */
export const RETENTION_MAX_DAYS = { hourly: 7, daily: 60, weekly: 120 } as const;

const statusSchema = z.enum(STATUSES);
const backupNameSchema = z.string().min(BACKUP_NAME_MIN_LENGTH).max(BACKUP_NAME_MAX_LENGTH).regex(BACKUP_NAME_PATTERN);
const destinationIdSchema = z.string().min(3).max(100).regex(DESTINATION_ID_PATTERN);

// --- Payloads -------------------------------------------------------------------------

export const paginationSchema = z.object({
  hasNextPage: z.boolean(),
  // Absent on the last page; `null` is read as absent (a null cursor loops forever otherwise).
  cursor: z.string().nullish(),
  count: z.number().optional(),
});

/** Every success body: `{data, pagination?}`. */
export const envelope = <T extends z.ZodType>(data: T) => z.object({ data, pagination: paginationSchema.optional() });

export const errorBodySchema = z.object({
  error: z.object({ message: z.string().optional(), id: z.string().optional(), details: z.unknown().optional() }),
});

export const additionalDestinationSchema = z.object({
  destinationId: destinationIdSchema,
  retentionTime: z.number().int().min(1).max(120).optional(),
  type: z.literal("custom"),
});

/**
 * One addon backup (`GetAddonBackupResult`, and each of `GetAddonBackupsResult.backups`). The
 * client reads leniently: `null` where the types say absent, any source type.
 */
export const backupSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: statusSchema,
  createdAt: z.string(),
  completedAt: z.string().nullish(),
  config: z.object({
    source: z.object({ type: z.string().optional() }).nullish(),
    size: z.string(),
    compressionType: z.enum(COMPRESSION_TYPES).nullish(),
    additionalDestinations: z.array(z.unknown()).nullish(),
    addonVersion: z.string().nullish(),
  }),
  customDestinationId: z.string().nullish(),
  lastRestore: z
    .object({ restoreTimestamp: z.string(), status: statusSchema, completedAt: z.string().nullish() })
    .nullish(),
});
export type NorthflankBackupPayload = z.infer<typeof backupSchema>;

/**
 * Restore ids are strings in the client's types ("668596c647fed81696a8a82c") but integers
 * (unix millis) in one docs rendering, and the restore call answers "1611305397038": they
 * are compared as strings.
 */
export const restoreIdSchema = z.union([z.string(), z.number()]).transform(String);

export const restoreSchema = z.object({
  id: restoreIdSchema,
  status: statusSchema,
  restoreTimestamp: z.string().nullish(),
  completedAt: z.string().nullish(),
  backupId: z.string().optional(),
});

const schedulingSchema = z.object({
  interval: z.enum(INTERVALS),
  minute: z.array(z.number().int().min(0).max(59)).min(1),
  hour: z.array(z.number().int().min(0).max(23)).min(1).optional(),
  /** 0 = Monday … 6 = Sunday. */
  day: z.array(z.number().int().min(0).max(6)).min(1).optional(),
});

export const scheduleSchema = z.object({
  id: z.string(),
  backupType: z.enum(BACKUP_TYPES),
  backupCompressionType: z.enum(COMPRESSION_TYPES).nullish(),
  additionalDestinations: z.array(z.unknown()).nullish(),
  customDestinationId: z.string().nullish(),
  scheduling: z.object({
    interval: z.enum(INTERVALS),
    minute: z.array(z.number()),
    hour: z.array(z.number()).nullish(),
    day: z.array(z.number()).nullish(),
  }),
  retentionTime: z.number(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
});
export type NorthflankSchedulePayload = z.infer<typeof scheduleSchema>;

/** `GET …/pitr-window`: the span a point-in-time restore can reach. */
export const pitrWindowSchema = z.object({
  hasValidWindow: z.boolean(),
  startTimestamp: z.string().optional(),
  endTimestamp: z.string().optional(),
});

const destinationSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  type: z.literal("s3"),
  prefix: z.string(),
  credentials: z.object({
    accessKey: z.string(),
    secretKey: z.string(),
    bucketName: z.string(),
    region: z.string(),
    endpoint: z.string(),
  }),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
});

export const destinationBackupSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: statusSchema,
  project: z.object({ id: z.string().optional(), name: z.string().optional() }).optional(),
  addon: z.object({ id: z.string().optional(), name: z.string().optional() }).optional(),
  config: z.object({
    addonVersion: z.string().optional(),
    addonType: z.string().optional(),
    source: z.object({ type: z.string().optional() }).optional(),
    size: z.string(),
  }),
  schedules: z.array(schedulingSchema).optional(),
  /** Epoch milliseconds (a number, unlike the other timestamps). */
  expiredBy: z.number(),
  createdAt: z.string(),
  completedAt: z.string().optional(),
});

export const volumeBackupSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  status: z.string(),
  spec: z.object({ storageSize: z.number().optional() }).optional(),
  source: z
    .object({
      type: z.string().optional(),
      sourceObject: z
        .object({
          id: z.string(),
          spec: z
            .object({
              accessMode: z.string().optional(),
              storageSize: z.number().optional(),
              storageClassName: z.string().optional(),
            })
            .optional(),
        })
        .optional(),
    })
    .optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
});

const projectSchema = z.object({ id: z.string(), name: z.string(), description: z.string().optional() });
const addonSchema = z.object({
  id: z.string(),
  name: z.string(),
  spec: z.object({ type: z.string(), version: z.string() }),
  status: z.string(),
});

// --- Request bodies (the sandbox validates with these; the client's bodies are typed by them) ---

/** `POST …/backups` (`BackupAddonData`): every field optional. */
export const createBackupBodySchema = z.object({
  name: backupNameSchema.optional(),
  backupType: z.enum(BACKUP_TYPES).optional(),
  compressionType: z.enum(COMPRESSION_TYPES).optional(),
  customDestinationId: destinationIdSchema.optional(),
  additionalDestinations: z.array(additionalDestinationSchema).optional(),
});

/** `POST …/backup-schedules` (`CreateAddonBackupscheduleData`); per-interval rules are the sandbox's. */
export const createScheduleBodySchema = z.object({
  scheduling: schedulingSchema,
  backupType: z.enum(BACKUP_TYPES),
  retentionTime: z.number().int().min(1).max(120),
  compressionType: z.enum(COMPRESSION_TYPES).optional(),
  customDestinationId: destinationIdSchema.optional(),
  additionalDestinations: z.array(additionalDestinationSchema).optional(),
});

/** `POST …/pitr` (docs: "Initiate point-in-time restore"). */
export const pitrBodySchema = z.object({ targetTimestamp: z.iso.datetime({ offset: true }) }).strict();

export const abortRestoreBodySchema = z.object({ restoreId: z.string().min(1) });

/** `POST …/import`: a connection string or an archive URL. */
export const importBackupBodySchema = z.union([
  z.object({
    name: backupNameSchema.optional(),
    connectionString: z.string().min(1),
    importAllDatabases: z.boolean().optional(),
    compressionType: z.enum(COMPRESSION_TYPES).optional(),
    customDestinationId: destinationIdSchema.optional(),
  }),
  z.object({
    name: backupNameSchema.optional(),
    importUrl: z.string().min(1),
    customDestinationId: destinationIdSchema.optional(),
  }),
]);

const credentialsSchema = z.object({
  accessKey: z.string().min(1),
  secretKey: z.string().min(1),
  bucketName: z.string().min(1),
  region: z.string().min(1),
  endpoint: z.string().min(1),
});
export const createDestinationBodySchema = z.object({
  name: z.string().min(3).max(100).regex(DESTINATION_NAME_PATTERN),
  description: z.string().max(200).regex(DESCRIPTION_PATTERN).optional(),
  type: z.literal("s3"),
  prefix: z.string().regex(PREFIX_PATTERN),
  credentials: credentialsSchema,
});
/** PATCH: `type` and `prefix` cannot change. */
export const patchDestinationBodySchema = z.strictObject({
  name: z.string().min(3).max(100).regex(DESTINATION_NAME_PATTERN).optional(),
  description: z.string().max(200).regex(DESCRIPTION_PATTERN).optional(),
  credentials: credentialsSchema.optional(),
});
export const createVolumeBackupBodySchema = z.object({
  name: z.string().min(3).max(39).regex(VOLUME_BACKUP_NAME_PATTERN),
  description: z.string().max(200).regex(DESCRIPTION_PATTERN).optional(),
});

// --- Query parameters -------------------------------------------------------------------

/** Northflank's `per_page` maximum. */
export const PAGE_SIZE = 100;
/** Page-based with a cursor naming the next page; numbers arrive as text. */
export const pageQuerySchema = z.object({
  per_page: z.coerce.number().int().min(1).max(PAGE_SIZE).optional(),
  page: z.coerce.number().int().min(1).optional(),
  cursor: z.string().optional(),
});
/** A "global" backup (another addon's or a destination's) is named by its source addon. */
const globalSourceQuerySchema = z.object({
  sourceProjectId: z.string().optional(),
  sourceAddonId: z.string().optional(),
});

// --- Routes ---------------------------------------------------------------------------

const addon = "/projects/{projectId}/addons/{addonId}";
const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
};
const empty = envelope(z.unknown().optional()).nullish();
const notInClient = (what: string) => ({
  undocumented: `${what} is in Northflank's API docs but not in @northflank/js-client 0.9.5`,
});

export const routes = {
  // The provider's calls.
  listBackups: route({
    operation: "listBackups",
    spec: { operationId: "GetAddonBackups" },
    endpoint: `GET ${addon}/backups`,
    query: pageQuerySchema,
    ok: { 200: envelope(z.object({ backups: z.array(backupSchema) })) },
    errors,
  }),
  getBackup: route({
    operation: "getBackup",
    spec: { operationId: "GetAddonBackup" },
    endpoint: `GET ${addon}/backups/{backupId}`,
    ok: { 200: envelope(backupSchema) },
    errors,
  }),
  createBackup: route({
    operation: "startBackup",
    spec: { operationId: "BackupAddon" },
    endpoint: `POST ${addon}/backups`,
    body: createBackupBodySchema,
    ok: { 200: envelope(backupSchema) },
    errors,
  }),
  downloadLink: route({
    operation: "getDownloadLink",
    spec: { operationId: "GetAddonBackupDownload" },
    endpoint: `GET ${addon}/backups/{backupId}/download-link`,
    ok: { 200: envelope(z.object({ downloadLink: z.string() })) },
    errors,
  }),
  deleteBackup: route({
    operation: "deleteBackup",
    spec: { operationId: "DeleteBackup" },
    endpoint: `DELETE ${addon}/backups/{backupId}`,
    ok: { 200: empty },
    errors,
  }),
  // Restore takes no body; the source of a "global" backup goes in the query.
  restoreBackup: route({
    operation: "startRestore",
    spec: { operationId: "RestoreAddonBackup" },
    endpoint: `POST ${addon}/backups/{backupId}/restore`,
    query: globalSourceQuerySchema,
    ok: { 200: envelope(z.object({ restoreId: restoreIdSchema })) },
    errors,
  }),
  listBackupRestores: route({
    operation: "checkRestore",
    spec: { operationId: "GetAddonBackupRestores" },
    endpoint: `GET ${addon}/backups/{backupId}/restores`,
    query: pageQuerySchema.extend(globalSourceQuerySchema.shape),
    // `restores` is optional in the client's types: absent means none.
    ok: { 200: envelope(z.object({ restores: z.array(restoreSchema).optional().default([]) })) },
    errors,
  }),
  // Every restore of the addon, with the backup each restored (point-in-time restores too).
  listAddonRestores: route({
    operation: "checkRestore",
    spec: { operationId: "GetAddonRestores" },
    endpoint: `GET ${addon}/restores`,
    query: pageQuerySchema,
    ok: {
      200: envelope(
        z.object({
          restores: z
            .array(restoreSchema.extend({ backupId: z.string() }))
            .optional()
            .default([]),
        }),
      ),
    },
    errors,
  }),
  pitrWindow: route({
    operation: "getPointInTimeWindow",
    spec: notInClient("GET …/pitr-window"),
    endpoint: `GET ${addon}/pitr-window`,
    ok: { 200: envelope(pitrWindowSchema) },
    errors,
  }),
  // Answers the backup Northflank made for the restore; its restore record follows it.
  startPitr: route({
    operation: "startPointInTimeRestore",
    spec: notInClient("POST …/pitr"),
    endpoint: `POST ${addon}/pitr`,
    body: pitrBodySchema,
    ok: { 200: envelope(backupSchema) },
    errors,
  }),
  listSchedules: route({
    operation: "listSchedules",
    spec: { operationId: "GetAddonBackupschedules" },
    endpoint: `GET ${addon}/backup-schedules`,
    query: pageQuerySchema,
    // `schedules` is optional in the client's types: absent means none.
    ok: { 200: envelope(z.object({ schedules: z.array(scheduleSchema).optional().default([]) })) },
    errors,
  }),
  createSchedule: route({
    operation: "createSchedule",
    spec: { operationId: "CreateAddonBackupschedule" },
    endpoint: `POST ${addon}/backup-schedules`,
    body: createScheduleBodySchema,
    ok: { 200: envelope(z.object({ id: z.string() })) },
    errors,
  }),
  deleteSchedule: route({
    operation: "deleteSchedule",
    spec: { operationId: "DeleteAddonBackupschedule" },
    endpoint: `DELETE ${addon}/backup-schedules/{scheduleId}`,
    ok: { 200: empty },
    errors,
  }),

  // Served by the sandbox for users and tests; the provider does not call them.
  abortBackup: route({
    operation: "abortBackup",
    spec: { operationId: "AbortAddonBackup" },
    endpoint: `POST ${addon}/backups/{backupId}/abort`,
    ok: { 200: empty },
    errors,
  }),
  retainBackup: route({
    operation: "retainBackup",
    spec: { operationId: "RetainAddonBackup" },
    endpoint: `POST ${addon}/backups/{backupId}/retain`,
    ok: { 200: empty },
    errors,
  }),
  abortRestore: route({
    operation: "abortRestore",
    spec: { operationId: "AbortAddonRestore" },
    endpoint: `POST ${addon}/backups/{backupId}/abort-restore`,
    body: abortRestoreBodySchema,
    ok: { 200: empty },
    errors,
  }),
  importBackup: route({
    operation: "importBackup",
    spec: { operationId: "ImportAddonBackup" },
    endpoint: `POST ${addon}/import`,
    body: importBackupBodySchema,
    ok: { 200: envelope(backupSchema) },
    errors,
  }),
  listProjects: route({
    operation: "listProjects",
    spec: { operationId: "ListProjects" },
    endpoint: "GET /projects",
    query: pageQuerySchema,
    ok: { 200: envelope(z.object({ projects: z.array(projectSchema) })) },
    errors,
  }),
  getProject: route({
    operation: "getProject",
    spec: { operationId: "GetProject" },
    endpoint: "GET /projects/{projectId}",
    ok: { 200: envelope(projectSchema) },
    errors,
  }),
  listAddons: route({
    operation: "listAddons",
    spec: { operationId: "ListAddons" },
    endpoint: "GET /projects/{projectId}/addons",
    query: pageQuerySchema,
    ok: { 200: envelope(z.object({ addons: z.array(addonSchema) })) },
    errors,
  }),
  getAddon: route({
    operation: "getAddon",
    spec: { operationId: "GetAddon" },
    endpoint: `GET ${addon}`,
    ok: { 200: envelope(addonSchema) },
    errors,
  }),
  listVolumeBackups: route({
    operation: "listVolumeBackups",
    spec: { operationId: "GetVolumeBackups" },
    endpoint: "GET /projects/{projectId}/volumes/{volumeId}/backups",
    query: pageQuerySchema,
    ok: { 200: envelope(z.array(volumeBackupSchema)) },
    errors,
  }),
  createVolumeBackup: route({
    operation: "createVolumeBackup",
    spec: { operationId: "BackupVolume" },
    endpoint: "POST /projects/{projectId}/volumes/{volumeId}/backups",
    body: createVolumeBackupBodySchema,
    ok: { 200: envelope(volumeBackupSchema) },
    errors,
  }),
  getVolumeBackup: route({
    operation: "getVolumeBackup",
    spec: { operationId: "GetVolumeBackup" },
    endpoint: "GET /projects/{projectId}/volumes/{volumeId}/backups/{backupId}",
    ok: { 200: envelope(volumeBackupSchema) },
    errors,
  }),
  deleteVolumeBackup: route({
    operation: "deleteVolumeBackup",
    spec: { operationId: "DeleteVolumeBackup" },
    endpoint: "DELETE /projects/{projectId}/volumes/{volumeId}/backups/{backupId}",
    ok: { 200: empty },
    errors,
  }),
  listDestinations: route({
    operation: "listDestinations",
    spec: { operationId: "ListBackupdestinations" },
    endpoint: "GET /backup-destinations",
    query: pageQuerySchema,
    // Listed destinations carry no id or timestamps in the client's types.
    ok: {
      200: envelope(
        z.object({
          backupDestinations: z.array(destinationSchema.omit({ id: true, createdAt: true, updatedAt: true })),
        }),
      ),
    },
    errors,
  }),
  createDestination: route({
    operation: "createDestination",
    spec: { operationId: "AddBackupdestination" },
    endpoint: "POST /backup-destinations",
    body: createDestinationBodySchema,
    ok: { 200: envelope(destinationSchema) },
    errors,
  }),
  getDestination: route({
    operation: "getDestination",
    spec: { operationId: "GetBackupdestination" },
    endpoint: "GET /backup-destinations/{destinationId}",
    ok: { 200: envelope(destinationSchema) },
    errors,
  }),
  patchDestination: route({
    operation: "patchDestination",
    spec: { operationId: "PatchBackupdestination" },
    endpoint: "PATCH /backup-destinations/{destinationId}",
    body: patchDestinationBodySchema,
    ok: { 200: envelope(destinationSchema) },
    errors,
  }),
  deleteDestination: route({
    operation: "deleteDestination",
    spec: { operationId: "DeleteBackupdestination" },
    endpoint: "DELETE /backup-destinations/{destinationId}",
    ok: { 200: empty },
    errors,
  }),
  listDestinationBackups: route({
    operation: "listDestinationBackups",
    spec: { operationId: "ListBackupdestinationsbackups" },
    endpoint: "GET /backup-destinations/{destinationId}/backups",
    query: pageQuerySchema,
    // `data` is an array here, not wrapped.
    ok: { 200: envelope(z.array(destinationBackupSchema)) },
    errors,
  }),
};

/** The same route for a team-scoped token: `/teams/{teamId}/projects/…`. */
export const teamScoped = <R extends Route>(r: R): R => ({ ...r, path: `/teams/{teamId}${r.path}` });
