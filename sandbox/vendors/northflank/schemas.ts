/**
 * Northflank API v1 backup payloads as zod schemas, per /work/shared/reference/northflank.md
 * (constraints from the docs, shapes from the official JS client). The request schemas are the
 * ones the sandbox validates with; the response schemas are for clients and tests.
 */
import { z } from "zod";

// Exact patterns from the docs.
export const BACKUP_NAME_PATTERN = /^[a-zA-Z0-9]+((-|\s|\/|:)[a-zA-Z0-9]+)*$/;
export const DESTINATION_ID_PATTERN = /^[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*$/;
export const DESTINATION_NAME_PATTERN = /^[a-zA-Z0-9]+((-|\s)[a-zA-Z0-9]+)*$/;
export const DESCRIPTION_PATTERN = /^[a-zA-Z0-9.,?\s\\/'"()[\];`%^&*\-_:!]+$/;
export const PREFIX_PATTERN = /^([a-zA-Z0-9-_]+)\/$/;
export const VOLUME_BACKUP_NAME_PATTERN = /^[a-zA-Z]((-|\s)?[a-zA-Z0-9]+((-|\s)[a-zA-Z0-9]+)*)?$/;

export const statusSchema = z.enum([
  "scheduled",
  "in-progress",
  "completed",
  "aborting",
  "aborted",
  "failed",
  "not-supported",
]);
export type NorthflankStatus = z.infer<typeof statusSchema>;

/** Maximum retention (days) per schedule interval. */
export const RETENTION_MAX_DAYS = { hourly: 7, daily: 60, weekly: 120 } as const;

const destinationId = z.string().min(3).max(100).regex(DESTINATION_ID_PATTERN);

export const additionalDestinationSchema = z.object({
  destinationId,
  retentionTime: z.number().int().min(1).max(120).optional(),
  type: z.literal("custom"),
});

/** `POST …/addons/{addonId}/backups` body (all optional). */
export const createBackupRequestSchema = z.object({
  name: z.string().min(3).max(39).regex(BACKUP_NAME_PATTERN).optional(),
  backupType: z.enum(["dump", "snapshot"]).optional(),
  compressionType: z.enum(["gz", "zstd"]).optional(),
  customDestinationId: destinationId.optional(),
  additionalDestinations: z.array(additionalDestinationSchema).optional(),
});

/** `POST …/addons/{addonId}/import` body: a connection string or an archive URL. */
export const importBackupRequestSchema = z.union([
  z.object({
    name: z.string().min(3).max(39).regex(BACKUP_NAME_PATTERN).optional(),
    connectionString: z.string().min(1),
    importAllDatabases: z.boolean().optional(),
    compressionType: z.enum(["gz", "zstd"]).optional(),
    customDestinationId: destinationId.optional(),
  }),
  z.object({
    name: z.string().min(3).max(39).regex(BACKUP_NAME_PATTERN).optional(),
    importUrl: z.string().min(1),
    customDestinationId: destinationId.optional(),
  }),
]);

const schedulingSchema = z.object({
  interval: z.enum(["hourly", "daily", "weekly"]),
  minute: z.array(z.number().int().min(0).max(59)).min(1),
  hour: z.array(z.number().int().min(0).max(23)).min(1).optional(),
  /** 0 = Monday … 6 = Sunday. */
  day: z.array(z.number().int().min(0).max(6)).min(1).optional(),
});

/** `POST …/backup-schedules` body; per-interval rules are checked by the route. */
export const createScheduleRequestSchema = z.object({
  scheduling: schedulingSchema,
  backupType: z.enum(["dump", "snapshot"]),
  retentionTime: z.number().int().min(1).max(120),
  compressionType: z.enum(["gz", "zstd"]).optional(),
  customDestinationId: destinationId.optional(),
  additionalDestinations: z.array(additionalDestinationSchema).optional(),
});

const credentialsSchema = z.object({
  accessKey: z.string().min(1),
  secretKey: z.string().min(1),
  bucketName: z.string().min(1),
  region: z.string().min(1),
  endpoint: z.string().min(1),
});

export const createDestinationRequestSchema = z.object({
  name: z.string().min(3).max(100).regex(DESTINATION_NAME_PATTERN),
  description: z.string().max(200).regex(DESCRIPTION_PATTERN).optional(),
  type: z.literal("s3"),
  prefix: z.string().regex(PREFIX_PATTERN),
  credentials: credentialsSchema,
});

/** PATCH: `type` and `prefix` cannot change. */
export const patchDestinationRequestSchema = z.strictObject({
  name: z.string().min(3).max(100).regex(DESTINATION_NAME_PATTERN).optional(),
  description: z.string().max(200).regex(DESCRIPTION_PATTERN).optional(),
  credentials: credentialsSchema.optional(),
});

export const createVolumeBackupRequestSchema = z.object({
  name: z.string().min(3).max(39).regex(VOLUME_BACKUP_NAME_PATTERN),
  description: z.string().max(200).regex(DESCRIPTION_PATTERN).optional(),
});

export const abortRestoreRequestSchema = z.object({ restoreId: z.string().min(1) });

// ---- responses ----

/** Every success: HTTP 200 with `{data, pagination?}`. */
export const envelope = <T extends z.ZodType>(data: T) => z.object({ data });

/** List pagination; `cursor` is absent (not null) on the last page. */
export const paginationSchema = z.object({
  hasNextPage: z.boolean(),
  cursor: z.string().optional(),
  count: z.number().int(),
});

export const backupSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: statusSchema,
  createdAt: z.iso.datetime(),
  completedAt: z.iso.datetime().optional(),
  config: z.object({
    source: z
      .object({ type: z.enum(["fileUpload", "liveInstance", "snapshot", "externalDump", "sameAddon"]).optional() })
      .optional(),
    size: z.string(),
    compressionType: z.enum(["gz", "zstd"]).optional(),
    additionalDestinations: z.array(additionalDestinationSchema).optional(),
    addonVersion: z.string().optional(),
  }),
  customDestinationId: z.string().optional(),
  lastRestore: z
    .object({ restoreTimestamp: z.iso.datetime(), status: statusSchema, completedAt: z.iso.datetime().optional() })
    .optional(),
});
export type NorthflankBackupPayload = z.infer<typeof backupSchema>;

export const getBackupResponseSchema = envelope(backupSchema);
export const listBackupsResponseSchema = z.object({
  data: z.object({ backups: z.array(backupSchema) }),
  pagination: paginationSchema,
});

export const restoreResponseSchema = envelope(z.object({ restoreId: z.string() }));

export const restoreSchema = z.object({
  id: z.string(),
  status: statusSchema,
  restoreTimestamp: z.iso.datetime(),
  completedAt: z.iso.datetime().optional(),
  backupId: z.string().optional(),
});
export const listRestoresResponseSchema = z.object({
  data: z.object({ restores: z.array(restoreSchema).optional() }),
  pagination: paginationSchema,
});

export const downloadLinkResponseSchema = envelope(z.object({ downloadLink: z.string() }));
export const emptyResponseSchema = envelope(z.object({}));

export const scheduleSchema = z.object({
  id: z.string(),
  backupType: z.enum(["dump", "snapshot"]),
  backupCompressionType: z.enum(["gz", "zstd"]).optional(),
  additionalDestinations: z.array(additionalDestinationSchema).optional(),
  customDestinationId: z.string().optional(),
  scheduling: schedulingSchema,
  retentionTime: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export const listSchedulesResponseSchema = z.object({
  data: z.object({ schedules: z.array(scheduleSchema).optional() }),
  pagination: paginationSchema,
});
export const createScheduleResponseSchema = envelope(z.object({ id: z.string() }));

export const destinationSchema = z.object({
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
  createdAt: z.iso.datetime().optional(),
  updatedAt: z.iso.datetime().optional(),
});
export const listDestinationsResponseSchema = z.object({
  data: z.object({ backupDestinations: z.array(destinationSchema) }),
  pagination: paginationSchema,
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
  createdAt: z.iso.datetime(),
  completedAt: z.iso.datetime().optional(),
});
/** `data` is an array here, not wrapped. */
export const listDestinationBackupsResponseSchema = z.object({
  data: z.array(destinationBackupSchema),
  pagination: paginationSchema,
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
  createdAt: z.iso.datetime().optional(),
  updatedAt: z.iso.datetime().optional(),
});
export const listVolumeBackupsResponseSchema = z.object({
  data: z.array(volumeBackupSchema),
  pagination: paginationSchema,
});

/** Errors: any non-200 status with `{error: {message, id?, details?}}`. */
export const errorSchema = z.object({
  error: z.object({ message: z.string(), id: z.string().optional(), details: z.unknown().optional() }),
});
