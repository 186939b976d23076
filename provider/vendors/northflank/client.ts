/**
 * Northflank client for addon backups. Everything answers 200 with `{data}`, creates
 * included; backups and restores are polled as resources. The backup's `name` carries the
 * marked description. Native backup schedules are supported.
 */
import { isErrorOf, NotFoundError, VendorApiError } from "../../core/errors";
import { createHttpClient, type HttpClient } from "../../core/http";
import { logInfo } from "../../core/log";
import { currentDeadline } from "../../core/poll";
import {
  PROVIDER_MARKER,
  type BackupState,
  type NativeSchedule,
  type PendingRestore,
  type RestoreProgress,
  type VendorAccount,
  type VendorBackup,
  type VendorClient,
} from "../vendor";
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

/**
 * How long a started restore may be missing from every restores list before that is an
 * error, when no resource timeout bounds the wait (within one, the timeout does).
 */
export const RESTORE_LISTING_GRACE_MS = 120_000;
/** A check this close to the resource's deadline is the last one. */
const LAST_CHECK_MARGIN_MS = 5_000;
/** Clocks differ: a restore may carry a `restoreTimestamp` slightly before our `startedAt`. */
const CLOCK_SLACK_MS = 60_000;

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
  if (PROVIDER_MARKER.test(backup.name)) return true;
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

/** Where the next page is: a cursor, or (with `hasNextPage` and no cursor) the page number. */
export interface PageRequest {
  cursor?: string;
  page?: number;
}

/**
 * Follows pages: by `cursor` where Northflank gives one; where `hasNextPage` is true without
 * a cursor (the types make it optional), by `page` number. A page number the server ignores
 * (the same items again) fails clearly instead of stopping at a partial list.
 */
export async function listAllPages<T>(
  fetchPage: (
    next: PageRequest,
  ) => Promise<{ items: T[]; pagination?: { hasNextPage: boolean; cursor?: string | null } }>,
  what = "list",
) {
  const items: T[] = [];
  let next: PageRequest = {};
  let previous: string | undefined;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const result = await fetchPage(next);
    const seen = JSON.stringify(result.items);
    if (next.page !== undefined && seen === previous && result.items.length > 0) {
      throw new VendorApiError(
        { vendor: DISPLAY_NAME, operation: what },
        `Northflank's ${what} says hasNextPage without a cursor, and page ${next.page} answers the same items as page ${next.page - 1}; the list cannot be read completely`,
      );
    }
    previous = seen;
    items.push(...result.items);
    const cursor = result.pagination?.cursor;
    if (!result.pagination?.hasNextPage) break;
    if (cursor && cursor === next.cursor) {
      throw new VendorApiError(
        { vendor: DISPLAY_NAME, operation: what },
        `Northflank's ${what} says hasNextPage but answers the same cursor again; the list cannot be read completely`,
      );
    }
    next = cursor ? { cursor } : { page: page + 1 };
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
    return listAllPages(async ({ cursor, page }) => {
      const { data } = await call(routes.listSchedules, {
        params: addonParams(target),
        query: { per_page: PAGE_SIZE, cursor, page },
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
    return listAllPages(async ({ cursor, page }) => {
      const { data } = await call(routes.listBackupRestores, {
        params: { ...addonParams(target), backupId },
        query: { per_page: PAGE_SIZE, cursor, page, sourceProjectId, sourceAddonId },
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

  /** Restore ids the call answered → the id the lists show, where they differ. */
  const adoptedIds = new Map<string, string>();

  /** The earliest restore started at or after `startedAt` (less clock slack). */
  function firstRestoreSince<R extends { restoreTimestamp?: string | null }>(restores: R[], startedAt: string) {
    const since = Date.parse(startedAt) - CLOCK_SLACK_MS;
    return restores
      .filter((r) => Date.parse(r.restoreTimestamp ?? "") >= since)
      .sort((a, b) => (a.restoreTimestamp ?? "").localeCompare(b.restoreTimestamp ?? ""))[0];
  }

  function progressOfRestore(restore: { status: Status; completedAt?: string | null }): RestoreProgress {
    const state = STATES[restore.status];
    if (state === "completed") return { state: "completed", completedAt: restore.completedAt ?? undefined };
    if (state === "failed") return { state: "failed", reason: `the restore ended as "${restore.status}"` };
    return { state };
  }

  /**
   * No record of the restore yet: pending until the resource's timeout (or, outside one,
   * {@link RESTORE_LISTING_GRACE_MS}); the last check says where it looked.
   */
  function notListedYet(pending: PendingRestore, what: string): RestoreProgress {
    const deadline = currentDeadline() ?? Date.parse(pending.startedAt) + RESTORE_LISTING_GRACE_MS;
    if (Date.now() + LAST_CHECK_MARGIN_MS < deadline) return { state: "pending" };
    throw new VendorApiError(
      { vendor: DISPLAY_NAME, operation: "checkRestore" },
      `${what} of backup ${pending.backupId} is not in Northflank's restores lists (the backup's, the addon's, the backup's lastRestore) ${Math.round((Date.now() - Date.parse(pending.startedAt)) / 1000)} s after it was started`,
    );
  }

  /**
   * A point-in-time restore is known by the backup Northflank made for it (the only PITR
   * document says the call answers "the newly created backup"). That backup is made first
   * (it may take minutes, or fail); its restore is then recorded in the backup's
   * `lastRestore`, its restores list, or only the addon's restores: whichever shows it.
   */
  async function checkPointInTimeRestore(target: NorthflankTarget, pending: PendingRestore): Promise<RestoreProgress> {
    let backup: NorthflankBackupPayload;
    try {
      ({
        data: { data: backup },
      } = await call(routes.getBackup, { params: { ...addonParams(target), backupId: pending.backupId } }));
    } catch (error) {
      if (!isErrorOf(error, NotFoundError)) throw error;
      return {
        state: "failed",
        reason: `Northflank no longer knows backup ${pending.backupId}, which it made for the point-in-time restore`,
      };
    }
    const backupState = STATES[backup.status];
    if (backupState === "failed") {
      return {
        state: "failed",
        reason: `the backup Northflank makes for a point-in-time restore (${pending.backupId}) ended as "${backup.status}", so the restore did not run`,
      };
    }
    if (backupState !== "completed") return { state: "pending" };
    if (backup.lastRestore) return progressOfRestore(backup.lastRestore);
    const own = await listRestores(target, pending.backupId);
    const listed =
      own[0] ??
      (await addonRestores(target))
        .filter((r) => r.backupId === pending.backupId)
        .sort((a, b) => (b.restoreTimestamp ?? "").localeCompare(a.restoreTimestamp ?? ""))[0];
    if (listed) return progressOfRestore(listed);
    return notListedYet(pending, "the point-in-time restore");
  }

  /** The addon's restores (all pages). */
  async function addonRestores(target: NorthflankTarget) {
    return listAllPages(async ({ cursor, page }) => {
      const { data } = await call(routes.listAddonRestores, {
        params: addonParams(target),
        query: { per_page: PAGE_SIZE, cursor, page },
      });
      return { items: data.data.restores, pagination: data.pagination };
    }, "listAddonRestores");
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
        listAllPages(async ({ cursor, page }) => {
          const { data } = await call(routes.listBackups, {
            params: addonParams(target),
            query: { per_page: PAGE_SIZE, cursor, page },
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
      if (!pending.operationId) return checkPointInTimeRestore(target, pending);
      const restores = await listRestores(target, pending.backupId, pending.options);
      const known = adoptedIds.get(pending.operationId) ?? pending.operationId;
      let restore = restores.find((r) => r.id === known);
      if (!restore) {
        // The call's id may not be the lists' (its example "1611305397038", the lists'
        // "668596c647fed81696a8a82c"): the first restore of this backup started since the call is it.
        restore = firstRestoreSince(restores, pending.startedAt);
        if (restore) {
          adoptedIds.set(pending.operationId, restore.id);
          logInfo(
            `Northflank lists restore ${pending.operationId} of backup ${pending.backupId} as ${restore.id} (the first restore of that backup since the call); following it`,
          );
        }
      }
      if (!restore) return notListedYet(pending, `restore ${pending.operationId}`);
      return progressOfRestore(restore);
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
        return (await addonRestores(target)).map((r) => ({ id: r.id, backupId: r.backupId }));
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
