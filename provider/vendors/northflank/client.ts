/**
 * Northflank client for addon backups. Everything answers 200 with `{data}`, creates
 * included; backups and restores are polled as resources. The backup's `name` carries the
 * marked description. Native backup schedules are supported.
 */
import type { z } from "zod";
import { isErrorOf, NotFoundError, VendorApiError } from "../../core/errors";
import { createHttpClient, type HttpClient } from "../../core/http";
import type {
  BackupState,
  NativeSchedule,
  PendingRestore,
  RestoreProgress,
  VendorAccount,
  VendorBackup,
  VendorClient,
} from "../../core/vendor";
import { MAX_PAGES, parseOptions } from "../shared/options";
import { callRoute } from "../shared/routes";
import { PAGE_SIZE, routes } from "./routes";
import {
  backupOptionsSchema,
  errorBodySchema,
  pitrRequestSchema,
  restoreOptionsSchema,
  type NorthflankBackupPayload,
  type NorthflankSchedulePayload,
  type NorthflankTarget,
} from "./schemas";

export const DISPLAY_NAME = "Northflank";

/** How long a started restore may be missing from the restores list before that is an error. */
export const RESTORE_LISTING_GRACE_MS = 120_000;

type Status = NorthflankBackupPayload["status"];

const STATES: Record<Status, BackupState> = {
  scheduled: "pending",
  "in-progress": "running",
  // Aborting ends in `aborted`; keep polling until it gets there.
  aborting: "running",
  completed: "completed",
  aborted: "failed",
  failed: "failed",
  "not-supported": "failed",
};

const FAILURE_REASONS: Partial<Record<Status, string>> = {
  aborted: "the backup was aborted",
  failed: "Northflank reports the backup failed",
  "not-supported": "Northflank cannot back up this addon type or version",
};

export function errorMessage(body: unknown): string | undefined {
  const parsed = errorBodySchema.safeParse(body);
  return parsed.success ? parsed.data.error.message : undefined;
}

export function errorRequestId(body: unknown): string | undefined {
  const parsed = errorBodySchema.safeParse(body);
  return parsed.success ? parsed.data.error.id : undefined;
}

/**
 * `config.source.type` says where the data came from: `snapshot` for snapshots, and
 * `liveInstance` for a dump taken from the running addon.
 */
export function backupTypeOf(backup: NorthflankBackupPayload): string | undefined {
  const source = backup.config.source?.type;
  if (source === "snapshot") return "snapshot";
  if (source === "liveInstance" || backup.config.compressionType) return "dump";
  return source;
}

/**
 * The reference shows no schedule marker on addon backups. A backup that names its
 * schedule, or that expires (scheduled backups are temporary), is automatic; others manual.
 */
export function isManual(backup: NorthflankBackupPayload): boolean {
  return !backup.scheduleId && (backup.expiredBy === null || backup.expiredBy === undefined);
}

export function toVendorBackup(backup: NorthflankBackupPayload): VendorBackup {
  const state = STATES[backup.status];
  const size = Number(backup.config.size);
  const expiredBy = backup.expiredBy === null || backup.expiredBy === undefined ? undefined : Number(backup.expiredBy);
  return {
    id: backup.id,
    state,
    vendorStatus: backup.status,
    description: backup.name,
    backupType: backupTypeOf(backup),
    manual: isManual(backup),
    createdAt: backup.createdAt,
    completedAt: backup.completedAt ?? undefined,
    expiresAt: expiredBy !== undefined && Number.isFinite(expiredBy) ? new Date(expiredBy).toISOString() : undefined,
    // A running backup reports size "0": only a finished size is meaningful.
    sizeBytes: Number.isFinite(size) && state === "completed" ? size : undefined,
    addonVersion: backup.config.addonVersion ?? undefined,
    failureReason: FAILURE_REASONS[backup.status],
  };
}

export function toNativeSchedule(schedule: NorthflankSchedulePayload): NativeSchedule {
  return {
    id: schedule.id,
    interval: schedule.scheduling.interval,
    backupType: schedule.backupType,
    retentionDays: schedule.retentionTime,
    minute: schedule.scheduling.minute,
    hour: schedule.scheduling.hour ?? undefined,
    day: schedule.scheduling.day ?? undefined,
  };
}

/** Cursor pagination: follow `cursor` until it is absent (or `hasNextPage` is false). */
async function listAllPages<T>(
  fetchPage: (
    cursor: string | undefined,
  ) => Promise<{ items: T[]; pagination?: { hasNextPage: boolean; cursor?: string | null } }>,
) {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await fetchPage(cursor);
    items.push(...result.items);
    const next = result.pagination?.cursor;
    if (!result.pagination?.hasNextPage || !next || next === cursor) break;
    cursor = next;
  }
  return items;
}

export function createNorthflankClient(account: VendorAccount): VendorClient<NorthflankTarget> {
  const http: HttpClient = createHttpClient({
    vendor: DISPLAY_NAME,
    baseUrl: account.baseUrl,
    auth: { type: "bearer", token: account.credentials.token },
    timeoutMs: account.requestTimeoutMs,
    errorMessage,
    errorRequestId,
  });
  const addonParams = (target: NorthflankTarget) => ({ projectId: target.projectId, addonId: target.addonId });
  const ignoreNotFound = (error: unknown) => {
    if (!isErrorOf(error, NotFoundError)) throw error;
  };

  /**
   * Every restore of one backup (all pages). A global backup (another addon's or a
   * destination's) is listed only with its source named, as on the restore call itself.
   */
  async function listRestores(target: NorthflankTarget, backupId: string, options: Record<string, unknown> = {}) {
    const { sourceProjectId, sourceAddonId } = parseOptions(restoreOptionsSchema, options, "restore options");
    return listAllPages(async (cursor) => {
      const { data } = await callRoute(http, routes.listBackupRestores, {
        params: { ...addonParams(target), backupId },
        query: { per_page: PAGE_SIZE, cursor, sourceProjectId, sourceAddonId },
      });
      return { items: data.data.restores, pagination: data.pagination };
    });
  }

  /**
   * A completed backup's temporary download link. Fetched for single-backup reads only (a
   * list would cost one call per backup). A 4xx means "no link for this backup" (e.g. the
   * addon type offers none), which is not an error of the backup itself.
   */
  async function downloadLinkOf(target: NorthflankTarget, backupId: string): Promise<string | undefined> {
    try {
      const { data } = await callRoute(http, routes.downloadLink, { params: { ...addonParams(target), backupId } });
      return data.data.downloadLink;
    } catch (error) {
      if (
        isErrorOf(error, VendorApiError) &&
        error.status !== undefined &&
        error.status >= 400 &&
        error.status < 500 &&
        error.status !== 429
      )
        return undefined;
      throw error;
    }
  }

  async function getBackup(target: NorthflankTarget, backupId: string): Promise<VendorBackup | undefined> {
    let backup: VendorBackup;
    try {
      const { data } = await callRoute(http, routes.getBackup, { params: { ...addonParams(target), backupId } });
      backup = toVendorBackup(data.data);
    } catch (error) {
      ignoreNotFound(error);
      return undefined;
    }
    if (backup.state === "completed") backup.downloadUrl = await downloadLinkOf(target, backupId);
    return backup;
  }

  return {
    getBackup,

    async listBackups(target) {
      const backups = await listAllPages(async (cursor) => {
        const { data } = await callRoute(http, routes.listBackups, {
          params: addonParams(target),
          query: { per_page: PAGE_SIZE, cursor },
        });
        return { items: data.data.backups, pagination: data.pagination };
      });
      return backups.map(toVendorBackup);
    },

    async startBackup(target, request) {
      const options = parseOptions(backupOptionsSchema, request.options, "backup options");
      const requestedAt = new Date().toISOString();
      const { data } = await callRoute(http, routes.createBackup, {
        params: addonParams(target),
        body: {
          name: request.description,
          backupType: options.backupType,
          compressionType: options.compressionType,
          additionalDestinations: options.additionalDestinations,
        },
      });
      return { backupId: data.data.id, requestedAt };
    },

    async checkBackup(target, pending) {
      if (!pending.backupId) return { state: "failed", reason: "no Northflank backup id was recorded" };
      const backup = await getBackup(target, pending.backupId);
      if (!backup) return { state: "failed", reason: `Northflank no longer knows backup ${pending.backupId}` };
      if (backup.state === "completed") return { state: "completed", backup };
      if (backup.state === "failed")
        return { state: "failed", reason: backup.failureReason ?? backup.vendorStatus, backup };
      return { state: backup.state, backup };
    },

    async deleteBackup(target, backupId) {
      await callRoute(http, routes.deleteBackup, { params: { ...addonParams(target), backupId } }).catch(
        ignoreNotFound,
      );
    },

    async startRestore(target, request): Promise<PendingRestore> {
      const options = parseOptions(restoreOptionsSchema, request.options, "restore options");
      const startedAt = new Date().toISOString();
      const { data } = await callRoute(http, routes.restoreBackup, {
        params: { ...addonParams(target), backupId: request.backupId },
        query: { sourceProjectId: options.sourceProjectId, sourceAddonId: options.sourceAddonId },
      });
      return { operationId: data.data.restoreId, backupId: request.backupId, startedAt, options: request.options };
    },

    async checkRestore(target, pending): Promise<RestoreProgress> {
      const restores = await listRestores(target, pending.backupId, pending.options);
      // A point-in-time restore is known by the backup Northflank made for it, restored once.
      const restore = pending.operationId
        ? restores.find((r) => r.id === pending.operationId)
        : restores.sort((a, b) => (b.restoreTimestamp ?? "").localeCompare(a.restoreTimestamp ?? ""))[0];
      if (!restore) {
        // Just started and not listed yet; but a restore that never appears must not read
        // as "pending" until the timeout.
        if (Date.now() - Date.parse(pending.startedAt) < RESTORE_LISTING_GRACE_MS) return { state: "pending" };
        const what = pending.operationId ? `restore ${pending.operationId}` : "the point-in-time restore";
        throw new VendorApiError(
          { vendor: DISPLAY_NAME, operation: "checkRestore" },
          `${what} of backup ${pending.backupId} is not in Northflank's restores list ${RESTORE_LISTING_GRACE_MS / 1000}s after it was started`,
        );
      }
      const state = STATES[restore.status];
      if (state === "completed") return { state: "completed", completedAt: restore.completedAt ?? undefined };
      if (state === "failed") return { state: "failed", reason: `the restore ended as "${restore.status}"` };
      return { state };
    },

    async listRestoreIds(target, backupId, options) {
      return (await listRestores(target, backupId, options)).map((r) => r.id);
    },

    pointInTime: {
      async window(target) {
        const { data } = await callRoute(http, routes.pitrWindow, { params: addonParams(target) });
        return {
          hasValidWindow: data.data.hasValidWindow,
          start: data.data.startTimestamp,
          end: data.data.endTimestamp,
        };
      },

      async start(target, targetTimestamp) {
        const startedAt = new Date().toISOString();
        const { data } = await callRoute(http, routes.startPitr, {
          params: addonParams(target),
          body: { targetTimestamp } satisfies z.input<typeof pitrRequestSchema>,
        });
        return { backupId: data.data.id, startedAt };
      },

      async listRestores(target) {
        const restores = await listAllPages(async (cursor) => {
          const { data } = await callRoute(http, routes.listAddonRestores, {
            params: addonParams(target),
            query: { per_page: PAGE_SIZE, cursor },
          });
          return { items: data.data.restores, pagination: data.pagination };
        });
        return restores.map((r) => ({ id: r.id, backupId: r.backupId }));
      },
    },

    schedules: {
      async list(target) {
        const schedules = await listAllPages(async (cursor) => {
          const { data } = await callRoute(http, routes.listSchedules, {
            params: addonParams(target),
            query: { per_page: PAGE_SIZE, cursor },
          });
          return { items: data.data.schedules, pagination: data.pagination };
        });
        return schedules.map(toNativeSchedule);
      },

      async create(target, schedule) {
        const { data } = await callRoute(http, routes.createSchedule, {
          params: addonParams(target),
          body: {
            scheduling: {
              interval: schedule.interval,
              minute: schedule.minute,
              hour: schedule.hour,
              day: schedule.day,
            },
            backupType: schedule.backupType,
            retentionTime: schedule.retentionDays,
          },
        });
        return { ...schedule, id: data.data.id };
      },

      async delete(target, scheduleId) {
        await callRoute(http, routes.deleteSchedule, { params: { ...addonParams(target), scheduleId } }).catch(
          ignoreNotFound,
        );
      },
    },
  };
}
