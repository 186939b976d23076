/**
 * Shared pieces of the Northflank emulation: error bodies, payloads as the official client's
 * types show them, pagination, restore records. Every route is
 * registered from the contract (provider/vendors/northflank/contract.ts), plain and under
 * `/teams/{teamId}` (`serveBoth`).
 */
import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import { type NorthflankStatus, teamScoped } from "../../../provider/vendors/northflank/contract";
import type { Route } from "../../../provider/vendors/shared/routes";
import { iso, type NeutralState, stateAt, type Timed } from "../../core/clock";
import { serve } from "../../core/contract";
import { reasonPhrase, send } from "../../core/http";
import type { SandboxContext } from "../../core/vendor";
import type { NorthflankBackup, NorthflankRestore, NorthflankSchedule, NorthflankState } from "./seed";

export function errorBody(status: number, message = reasonPhrase(status), details?: unknown) {
  return { error: { message, id: randomUUID(), ...(details === undefined ? {} : { details }) } };
}

export function fail(reply: FastifyReply, status: number, message: string, details?: unknown): FastifyReply {
  return send(reply, status, errorBody(status, message, details));
}

/** A zod failure as Northflank's 400: details map each field path to its messages. */
export function invalid(reply: FastifyReply, error: z.ZodError): FastifyReply {
  const details: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "body";
    (details[key] ??= []).push(issue.message);
  }
  return fail(reply, 400, "Validation error: the request body is invalid", details);
}

const WORDS: Record<NeutralState, NorthflankStatus> = {
  pending: "scheduled",
  running: "in-progress",
  completed: "completed",
  failed: "failed",
};

export const state = (ctx: SandboxContext): NorthflankState => ctx.store.state.northflank;

/** Status with aborts: `aborting` for abortMs after the abort, then `aborted`. */
export function statusOf(
  work: Timed & { abortAt?: number; abortMs?: number; endsFailed?: boolean },
  now: number,
): NorthflankStatus {
  if (work.abortAt !== undefined) return now < work.abortAt + (work.abortMs ?? 0) ? "aborting" : "aborted";
  const neutral = stateAt(work, now);
  return neutral === "completed" && work.endsFailed ? "failed" : WORDS[neutral];
}

/**
 * Whether a restore record exists yet and is shown in `where` (`backup`: the backup's
 * restores list, `lastRestore`, `addon`: the addon's list). A point-in-time restore starts
 * only once its backup completed, and is recorded where `northflank.pitrRecord` says.
 */
export function restoreShown(restore: NorthflankRestore, now: number, where: "backup" | "lastRestore" | "addon") {
  if (restore.createdAt > now) return false;
  if (restore.recordedIn === undefined) return true;
  return restore.recordedIn === where;
}

export function completedAtOf(work: Timed, now: number): string | undefined {
  return stateAt(work, now) === "completed" ? iso(Math.min(work.createdAt + work.durationMs, now)) : undefined;
}

/** `Pre Migration` → `pre-migration`. */
export function slugify(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "backup"
  );
}

/** `Backup 2024-05-01 10:00:00`: the default name "containing the current date". */
export function dateName(prefix: string, ms: number): string {
  return `${prefix} ${iso(ms).slice(0, 19).replace("T", " ")}`;
}

export function restorePayload(restore: NorthflankRestore, now: number, withBackupId: boolean) {
  return {
    id: restore.id,
    status: statusOf(restore, now),
    restoreTimestamp: iso(restore.createdAt),
    ...(completedAtOf(restore, now) && restore.abortAt === undefined
      ? { completedAt: completedAtOf(restore, now) }
      : {}),
    ...(withBackupId ? { backupId: restore.backupId } : {}),
  };
}

/**
 * One backup as the get and create answers show it (the client's `GetAddonBackupResult`):
 * the last restore, but no destination or compression fields.
 */
export function backupPayload(ctx: SandboxContext, backup: NorthflankBackup) {
  const now = ctx.clock.now();
  const status = statusOf(backup, now);
  const completedAt = status === "completed" ? completedAtOf(backup, now) : undefined;
  const last = state(ctx)
    .restores.filter(
      (r) =>
        r.backupId === backup.id &&
        r.addonId === backup.addonId &&
        r.projectId === backup.projectId &&
        restoreShown(r, now, "lastRestore"),
    )
    .sort((a, b) => b.createdAt - a.createdAt)[0];
  return {
    id: backup.id,
    name: backup.name,
    status,
    createdAt: iso(backup.createdAt),
    ...(completedAt ? { completedAt } : {}),
    config: {
      source: { type: backup.sourceType },
      size: status === "completed" ? String(backup.sizeBytes) : "0",
      addonVersion: backup.addonVersion,
    },
    // The client's `lastRestore` has no id: timestamp, status and completion only.
    ...(last ? { lastRestore: lastRestoreOf(restorePayload(last, now, false)) } : {}),
  };
}

const lastRestoreOf = ({ id: _id, ...rest }: ReturnType<typeof restorePayload>) => rest;

/**
 * One backup as the list shows it (the client's `GetAddonBackupsResult`): compression and
 * destinations, but no last restore. The client types `completedAt` as required here; an
 * unfinished backup has no completion time, so it is left out until there is one.
 */
export function listedBackupPayload(ctx: SandboxContext, backup: NorthflankBackup) {
  const { lastRestore: _lastRestore, config, ...rest } = backupPayload(ctx, backup);
  return {
    ...rest,
    config: {
      ...config,
      ...(backup.compressionType ? { compressionType: backup.compressionType } : {}),
      ...(backup.additionalDestinations ? { additionalDestinations: backup.additionalDestinations } : {}),
    },
    ...(backup.customDestinationId ? { customDestinationId: backup.customDestinationId } : {}),
  };
}

export function schedulePayload(schedule: NorthflankSchedule) {
  return {
    id: schedule.id,
    backupType: schedule.backupType,
    ...(schedule.compressionType ? { backupCompressionType: schedule.compressionType } : {}),
    ...(schedule.additionalDestinations ? { additionalDestinations: schedule.additionalDestinations } : {}),
    ...(schedule.customDestinationId ? { customDestinationId: schedule.customDestinationId } : {}),
    scheduling: schedule.scheduling,
    retentionTime: schedule.retentionTime,
    createdAt: iso(schedule.createdAt),
    updatedAt: iso(schedule.updatedAt),
  };
}

/**
 * A backup's `restores` and an addon's `schedules` are optional in the official client's
 * types (an addon's `restores` is not); the sandbox leaves an empty one out, so clients must
 * read absence as none.
 */
export function optionalList<K extends string, T>(key: K, items: T[]): Partial<Record<K, T[]>> {
  return items.length > 0 ? ({ [key]: items } as Record<K, T[]>) : {};
}

export type Query = {
  per_page?: string;
  page?: string;
  cursor?: string;
  sourceProjectId?: string;
  sourceAddonId?: string;
};

/** Page-based pagination (per_page ≤ 100); the cursor names the next page and is omitted on the last one. */
export function paginate<T>(
  ctx: SandboxContext,
  request: FastifyRequest<{ Querystring: Query }>,
  reply: FastifyReply,
  items: T[],
) {
  const { per_page = "50", page, cursor } = request.query;
  const perPage = Number(per_page);
  let pageNo = page === undefined ? 1 : Number(page);
  if (cursor !== undefined) pageNo = /^page-\d+$/.test(cursor) ? Number(cursor.slice(5)) : NaN;
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100 || !Number.isInteger(pageNo) || pageNo < 1) {
    fail(reply, 400, "Invalid pagination parameters", {
      per_page: ["must be an integer between 1 and 100"],
      page: ["must be an integer of at least 1"],
    });
    return undefined;
  }
  const slice = items.slice((pageNo - 1) * perPage, pageNo * perPage);
  const hasNextPage = pageNo * perPage < items.length;
  // `northflank.pagination` "page": `hasNextPage` without a cursor; the next page is `page=n+1`.
  const withCursor = hasNextPage && ctx.variants.northflank.pagination === "cursor";
  return {
    items: slice,
    pagination: { hasNextPage, ...(withCursor ? { cursor: `page-${pageNo + 1}` } : {}), count: slice.length },
  };
}

/**
 * Starts a restore record (as `POST …/restore` and `POST …/pitr` do) and answers the id the
 * restore call shows. The call's example id is epoch-ms-like ("1611305397038"), lists show
 * ids like "668596c647fed81696a8a82c": `northflank.restoreIds` "same" uses the first form for
 * both, "different" answers the first and lists the second. `startsAt`: when it begins (later
 * for a point-in-time restore whose backup is still being made).
 */
export function addRestore(
  ctx: SandboxContext,
  restore: Omit<NorthflankRestore, "id" | "createdAt" | "durationMs">,
  startsAt = ctx.clock.now(),
) {
  let callId = String(ctx.clock.now());
  while (state(ctx).restores.some((r) => r.id === callId || r.callId === callId)) callId = String(Number(callId) + 1);
  const different = ctx.variants.northflank.restoreIds === "different";
  const id = different ? randomUUID().replace(/-/g, "").slice(0, 24) : callId;
  state(ctx).restores.push({
    id,
    ...(different ? { callId } : {}),
    ...restore,
    createdAt: startsAt,
    durationMs: ctx.timing.restoreMs,
  });
  ctx.store.changed();
  return callId;
}

/** A backup id unique in the sandbox: the name's slug, suffixed when taken. */
export function uniqueBackupId(s: NorthflankState, name: string): string {
  const base = slugify(name);
  let id = base;
  for (let n = 2; s.backups.some((b) => b.id === id); n++) id = `${base}-${n}`;
  return id;
}

export type Params = {
  teamId?: string;
  projectId: string;
  addonId: string;
  backupId: string;
  scheduleId: string;
  volumeId: string;
  destinationId: string;
};
export type Req = FastifyRequest<{ Params: Params; Querystring: Query; Body: unknown }>;

/**
 * Registers a contract route plain and (unless `teamScoped` is false) under
 * `/teams/{teamId}/…`, with one handler.
 */
export function serveBoth(
  app: FastifyInstance,
  route: Route,
  handler: (request: Req, reply: FastifyReply) => unknown,
  options: { teamScoped?: boolean } = {},
): void {
  serve(app, route, handler as never);
  if (options.teamScoped !== false) serve(app, teamScoped(route), handler as never);
}

export const ok = (data: unknown, pagination?: unknown) => (pagination ? { data, pagination } : { data });
