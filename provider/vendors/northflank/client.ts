/**
 * Northflank client for addon backups. Everything answers 200 with `{data}`, creates
 * included; backups and restores are polled as resources. The backup's `name` carries the
 * marked description. Native backup schedules are supported.
 */
import { isErrorOf, NotFoundError, VendorApiError } from "../../core/errors";
import { createHttpClient, type HttpClient } from "../../core/http";
import {
  type BackupState,
  type NativeSchedule,
  type PendingRestore,
  type RestoreProgress,
  type VendorAccount,
  type VendorBackup,
  type VendorClient,
} from "../vendor";
import { endsWithMarker } from "../marker";
import { MAX_PAGES } from "../shared/pagination";
import { parseOptions } from "../shared/parse-options";
import { callRoute, type CallArgs, type Route } from "../shared/routes";
import {
  BACKUP_TYPES,
  errorBodySchema,
  PAGE_SIZE,
  routes,
  teamScoped,
  type NorthflankBackupPayload,
  type NorthflankSchedulePayload,
} from "./contract";
import { backupOptionsSchema, restoreOptionsSchema, type NorthflankTarget } from "./schemas";

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

/** How long a fetched schedule list classifies backups. */
const SCHEDULE_CACHE_MS = 60_000;

/** A scheduled backup starts within this long after its schedule's run time. */
export const SCHEDULE_START_SLACK_MS = 15 * 60_000;
const MINUTE_MS = 60_000;

/**
 * Whether one of the addon's schedules (same backup type) had a run at most
 * {@link SCHEDULE_START_SLACK_MS} before the backup was created. Schedules run in UTC; day 0
 * is Monday.
 */
export function madeBySchedule(backup: NorthflankBackupPayload, schedules: NorthflankSchedulePayload[]): boolean {
  const created = Date.parse(backup.createdAt);
  if (Number.isNaN(created)) return false;
  const type = backupTypeOf(backup);
  return schedules.some((schedule) => {
    if (type !== undefined && type !== schedule.backupType) return false;
    const { interval, minute, hour, day } = schedule.scheduling;
    for (
      let at = Math.floor(created / MINUTE_MS) * MINUTE_MS;
      at > created - SCHEDULE_START_SLACK_MS;
      at -= MINUTE_MS
    ) {
      const run = new Date(at);
      if (!minute.includes(run.getUTCMinutes())) continue;
      if (interval !== "hourly" && !(hour ?? []).includes(run.getUTCHours())) continue;
      if (interval === "weekly" && !(day ?? []).includes((run.getUTCDay() + 6) % 7)) continue;
      return true;
    }
    return false;
  });
}

/**
 * Addon backups carry no schedule id or expiry (only destination listings do), so the rule
 * uses what they have: a backup named with this provider's marker, or imported
 * (`fileUpload`/`externalDump`), is manual; otherwise one created on a run of one of the
 * addon's schedules is automatic. Backups of a schedule deleted since look manual; they still
 * carry no provider marker, so a policy without `match` never prunes them.
 */
export function isManual(backup: NorthflankBackupPayload, schedules: NorthflankSchedulePayload[]): boolean {
  if (endsWithMarker(backup.name)) return true;
  const source = backup.config.source?.type;
  if (source === "fileUpload" || source === "externalDump") return true;
  return !madeBySchedule(backup, schedules);
}

/** `schedules`: the addon's schedules, to tell scheduled backups from manual ones. */
export function toVendorBackup(backup: NorthflankBackupPayload, schedules: NorthflankSchedulePayload[]): VendorBackup {
  const state = STATES[backup.status];
  const size = Number(backup.config.size);
  return {
    id: backup.id,
    state,
    vendorStatus: backup.status,
    description: backup.name,
    backupType: backupTypeOf(backup),
    manual: isManual(backup, schedules),
    createdAt: backup.createdAt,
    completedAt: backup.completedAt ?? undefined,
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

export function createNorthflankClient(account: VendorAccount<"token">): VendorClient<NorthflankTarget> {
  const http: HttpClient = createHttpClient({
    vendor: DISPLAY_NAME,
    baseUrl: account.baseUrl,
    auth: { type: "bearer", token: account.credentials.token },
    timeoutMs: account.requestTimeoutMs,
    rateLimit: account.rateLimit,
    errorMessage,
    errorRequestId,
  });
  const { teamId } = account;
  // A team-scoped account calls every route under /teams/{teamId} (organisation tokens must).
  const call = <R extends Route>(r: R, args: CallArgs<R> = {}) =>
    teamId === undefined
      ? callRoute(http, r, args)
      : callRoute(http, teamScoped(r), { ...args, params: { ...args.params, teamId } });
  const addonParams = (target: NorthflankTarget) => ({ projectId: target.projectId, addonId: target.addonId });
  const ignoreNotFound = (error: unknown) => {
    if (!isErrorOf(error, NotFoundError)) throw error;
  };

  /** The addon's schedules as Northflank lists them (all pages). */
  async function fetchSchedules(target: NorthflankTarget) {
    return listAllPages(async (cursor) => {
      const { data } = await call(routes.listSchedules, {
        params: addonParams(target),
        query: { per_page: PAGE_SIZE, cursor },
      });
      return { items: data.data.schedules, pagination: data.pagination };
    });
  }

  /**
   * The schedules that tell scheduled backups from manual ones, fetched at most once a
   * minute per addon (polling a backup must not double its requests); dropped when this
   * client changes them.
   */
  const scheduleCache = new Map<string, { at: number; schedules: Promise<NorthflankSchedulePayload[]> }>();
  const addonKey = (target: NorthflankTarget) => `${target.projectId}/${target.addonId}`;
  function schedulesFor(target: NorthflankTarget): Promise<NorthflankSchedulePayload[]> {
    const cached = scheduleCache.get(addonKey(target));
    if (cached && Date.now() - cached.at < SCHEDULE_CACHE_MS) return cached.schedules;
    const schedules = fetchSchedules(target);
    scheduleCache.set(addonKey(target), { at: Date.now(), schedules });
    schedules.catch(() => scheduleCache.delete(addonKey(target)));
    return schedules;
  }

  /**
   * Every restore of one backup (all pages). A global backup (another addon's or a
   * destination's) is listed only with its source named, as on the restore call itself.
   */
  async function listRestores(target: NorthflankTarget, backupId: string, options: Record<string, unknown> = {}) {
    const { sourceProjectId, sourceAddonId } = parseOptions(restoreOptionsSchema, options, "restore options");
    return listAllPages(async (cursor) => {
      const { data } = await call(routes.listBackupRestores, {
        params: { ...addonParams(target), backupId },
        query: { per_page: PAGE_SIZE, cursor, sourceProjectId, sourceAddonId },
      });
      return { items: data.data.restores, pagination: data.pagination };
    });
  }

  /**
   * A completed backup's temporary download link, fetched only when the user asks for it
   * (`includeDownloadLink`), once the backup completed: never per poll or per list entry. A 4xx means "no link for this backup" (e.g. the
   * addon type offers none), which is not an error of the backup itself.
   */
  async function downloadLinkOf(target: NorthflankTarget, backupId: string): Promise<string | undefined> {
    try {
      const { data } = await call(routes.downloadLink, { params: { ...addonParams(target), backupId } });
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
    try {
      const { data } = await call(routes.getBackup, { params: { ...addonParams(target), backupId } });
      return toVendorBackup(data.data, await schedulesFor(target));
    } catch (error) {
      ignoreNotFound(error);
      return undefined;
    }
  }

  return {
    getBackup,
    downloadLink: downloadLinkOf,

    async listBackups(target) {
      const [backups, schedules] = await Promise.all([
        listAllPages(async (cursor) => {
          const { data } = await call(routes.listBackups, {
            params: addonParams(target),
            query: { per_page: PAGE_SIZE, cursor },
          });
          return { items: data.data.backups, pagination: data.pagination };
        }),
        schedulesFor(target),
      ]);
      return backups.map((backup) => toVendorBackup(backup, schedules));
    },

    async startBackup(target, request) {
      const options = parseOptions(backupOptionsSchema, request.options, "backup options");
      const requestedAt = new Date().toISOString();
      const { data } = await call(routes.createBackup, {
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
      await call(routes.deleteBackup, { params: { ...addonParams(target), backupId } }).catch(ignoreNotFound);
    },

    async startRestore(target, request): Promise<PendingRestore> {
      const options = parseOptions(restoreOptionsSchema, request.options, "restore options");
      const startedAt = new Date().toISOString();
      const { data } = await call(routes.restoreBackup, {
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
        const { data } = await call(routes.pitrWindow, { params: addonParams(target) });
        return {
          hasValidWindow: data.data.hasValidWindow,
          start: data.data.startTimestamp,
          end: data.data.endTimestamp,
        };
      },

      async start(target, targetTimestamp) {
        const startedAt = new Date().toISOString();
        const { data } = await call(routes.startPitr, {
          params: addonParams(target),
          body: { targetTimestamp },
        });
        return { backupId: data.data.id, startedAt };
      },

      async listRestores(target) {
        const restores = await listAllPages(async (cursor) => {
          const { data } = await call(routes.listAddonRestores, {
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
        const schedules = await fetchSchedules(target);
        scheduleCache.set(addonKey(target), { at: Date.now(), schedules: Promise.resolve(schedules) });
        return schedules.map(toNativeSchedule);
      },

      async create(target, schedule) {
        const { data } = await call(routes.createSchedule, {
          params: addonParams(target),
          body: {
            scheduling: {
              interval: schedule.interval,
              minute: schedule.minute,
              hour: schedule.hour,
              day: schedule.day,
            },
            // The policy's inputs allow only Northflank's backup types here.
            backupType: schedule.backupType as (typeof BACKUP_TYPES)[number],
            retentionTime: schedule.retentionDays,
          },
        });
        scheduleCache.delete(addonKey(target));
        return { ...schedule, id: data.data.id };
      },

      async delete(target, scheduleId) {
        await call(routes.deleteSchedule, { params: { ...addonParams(target), scheduleId } }).catch(ignoreNotFound);
        scheduleCache.delete(addonKey(target));
      },
    },
  };
}
