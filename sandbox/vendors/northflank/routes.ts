/**
 * Northflank API v1 emulation (`https://api.northflank.com/v1` → `/northflank/v1`): addon
 * backups, restores, backup schedules, backup destinations, volume backups, and the project /
 * addon reads a client needs. Every path also exists under `/teams/{teamId}` (except import).
 *
 * Every success is HTTP 200 with a JSON `{data}` body (creates too); errors are
 * `{error: {message, id, details?}}`. Status enum: scheduled → in-progress → completed,
 * failed, aborting → aborted.
 */
import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import { DAY_MS, HOUR_MS, iso, stateAt, type NeutralState, type Timed } from "../../core/clock";
import { bearerToken, originOf, randomHex, reasonPhrase, send } from "../../core/http";
import { applyBackupPatch, type SandboxContext, type VendorModule } from "../../core/vendor";
import {
  abortRestoreRequestSchema,
  createBackupRequestSchema,
  createDestinationRequestSchema,
  createScheduleRequestSchema,
  createVolumeBackupRequestSchema,
  importBackupRequestSchema,
  patchDestinationRequestSchema,
  RETENTION_MAX_DAYS,
  type NorthflankStatus,
} from "./schemas";
import { registerPitrRoutes, restoreBusy } from "./pitr";
import {
  NORTHFLANK_IDS,
  type NorthflankAddon,
  type NorthflankBackup,
  type NorthflankDestination,
  type NorthflankProject,
  type NorthflankRestore,
  type NorthflankSchedule,
  type NorthflankState,
  type NorthflankVolumeBackup,
} from "./seed";

function errorBody(status: number, message = reasonPhrase(status), details?: unknown) {
  return { error: { message, id: randomUUID(), ...(details === undefined ? {} : { details }) } };
}

function fail(reply: FastifyReply, status: number, message: string, details?: unknown): FastifyReply {
  return send(reply, status, errorBody(status, message, details));
}

/** A zod failure as Northflank's 400: details map each field path to its messages. */
function invalid(reply: FastifyReply, error: z.ZodError): FastifyReply {
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

const state = (ctx: SandboxContext): NorthflankState => ctx.store.state.northflank;

/** Status with aborts: `aborting` for abortMs after the abort, then `aborted`. */
function statusOf(work: Timed & { abortAt?: number; abortMs?: number }, now: number): NorthflankStatus {
  if (work.abortAt !== undefined) return now < work.abortAt + (work.abortMs ?? 0) ? "aborting" : "aborted";
  return WORDS[stateAt(work, now)];
}

function completedAtOf(work: Timed, now: number): string | undefined {
  return stateAt(work, now) === "completed" ? iso(Math.min(work.createdAt + work.durationMs, now)) : undefined;
}

/** `Pre Migration` → `pre-migration`. */
function slugify(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "backup"
  );
}

/** `Backup 2024-05-01 10:00:00`: the default name "containing the current date". */
function dateName(prefix: string, ms: number): string {
  return `${prefix} ${iso(ms).slice(0, 19).replace("T", " ")}`;
}

function restorePayload(restore: NorthflankRestore, now: number, withBackupId: boolean) {
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
function backupPayload(ctx: SandboxContext, backup: NorthflankBackup) {
  const now = ctx.clock.now();
  const status = statusOf(backup, now);
  const completedAt = status === "completed" ? completedAtOf(backup, now) : undefined;
  const last = state(ctx)
    .restores.filter(
      (r) => r.backupId === backup.id && r.addonId === backup.addonId && r.projectId === backup.projectId,
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
    ...(last ? { lastRestore: restorePayload(last, now, false) } : {}),
  };
}

/**
 * One backup as the list shows it (the client's `GetAddonBackupsResult`): compression and
 * destinations, but no last restore. The client types `completedAt` as required here; an
 * unfinished backup has no completion time, so it is left out until there is one.
 */
function listedBackupPayload(ctx: SandboxContext, backup: NorthflankBackup) {
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

function schedulePayload(schedule: NorthflankSchedule) {
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

/** The list endpoint masks secrets; the get endpoint reveals them. */
function destinationPayload(destination: NorthflankDestination, revealSecrets: boolean) {
  const { credentials } = destination;
  return {
    id: destination.id,
    name: destination.name,
    ...(destination.description !== undefined ? { description: destination.description } : {}),
    type: destination.type,
    prefix: destination.prefix,
    credentials: revealSecrets
      ? credentials
      : { ...credentials, accessKey: `****${credentials.accessKey.slice(-4)}`, secretKey: "********" },
    createdAt: iso(destination.createdAt),
    updatedAt: iso(destination.updatedAt),
  };
}

function volumeBackupPayload(ctx: SandboxContext, backup: NorthflankVolumeBackup) {
  const volume = state(ctx).volumes.find((v) => v.id === backup.volumeId && v.projectId === backup.projectId);
  const now = ctx.clock.now();
  return {
    id: backup.id,
    name: backup.name,
    ...(backup.description !== undefined ? { description: backup.description } : {}),
    status: statusOf(backup, now),
    spec: { storageSize: volume?.storageSize ?? 0 },
    source: {
      type: "volume",
      sourceObject: {
        id: backup.volumeId,
        spec: { accessMode: "ReadWriteOnce", storageSize: volume?.storageSize ?? 0, storageClassName: "ssd" },
      },
    },
    createdAt: iso(backup.createdAt),
    updatedAt: iso(completedAtOf(backup, now) ? Math.min(backup.createdAt + backup.durationMs, now) : backup.createdAt),
  };
}

/**
 * A backup's `restores` and an addon's `schedules` are optional in the official client's
 * types (an addon's `restores` is not); the sandbox leaves an empty one out, so clients must
 * read absence as none.
 */
function optionalList<K extends string, T>(key: K, items: T[]): Partial<Record<K, T[]>> {
  return items.length > 0 ? ({ [key]: items } as Record<K, T[]>) : {};
}

type Query = { per_page?: string; page?: string; cursor?: string; sourceProjectId?: string; sourceAddonId?: string };

/** Page-based pagination (per_page ≤ 100); the cursor names the next page and is omitted on the last one. */
function paginate<T>(request: FastifyRequest<{ Querystring: Query }>, reply: FastifyReply, items: T[]) {
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
  return {
    items: slice,
    pagination: { hasNextPage, ...(hasNextPage ? { cursor: `page-${pageNo + 1}` } : {}), count: slice.length },
  };
}

/** Run times of a schedule in (after, upTo]. Day 0 = Monday. */
function scheduleRuns(schedule: NorthflankSchedule, after: number, upTo: number): number[] {
  const { interval, minute, hour = [], day = [] } = schedule.scheduling;
  const runs: number[] = [];
  for (let h = Math.floor(after / HOUR_MS) * HOUR_MS; h <= upTo; h += HOUR_MS) {
    const date = new Date(h);
    if (interval !== "hourly" && !hour.includes(date.getUTCHours())) continue;
    if (interval === "weekly" && !day.includes((date.getUTCDay() + 6) % 7)) continue;
    for (const m of minute) {
      const t = h + m * 60_000;
      if (t > after && t <= upTo) runs.push(t);
    }
  }
  return runs.sort((a, b) => a - b);
}

/** A backup id unique in the sandbox: the name's slug, suffixed when taken. */
function uniqueBackupId(s: NorthflankState, name: string): string {
  const base = slugify(name);
  let id = base;
  for (let n = 2; s.backups.some((b) => b.id === id); n++) id = `${base}-${n}`;
  return id;
}

type Params = {
  teamId?: string;
  projectId: string;
  addonId: string;
  backupId: string;
  scheduleId: string;
  volumeId: string;
  destinationId: string;
};
type Req = FastifyRequest<{ Params: Params; Querystring: Query; Body: unknown }>;

export const northflank: VendorModule = {
  name: "northflank",
  prefix: "/northflank/v1",
  errorBody: (status, message) => errorBody(status, message),
  statusWords: {
    scheduled: "pending",
    "in-progress": "running",
    completed: "completed",
    failed: "failed",
    aborted: "failed",
  },

  credential: (request) => bearerToken(request) ?? "",

  // Documented on every answer: limit, remaining, and seconds until the window resets. No
  // Retry-After is documented, so none is sent, not even on a 429.
  rateLimitHeaders: (decision) => ({
    "x-ratelimit-limit": String(decision.limit),
    "x-ratelimit-remaining": String(decision.remaining),
    "x-ratelimit-reset": String(decision.resetSeconds),
  }),

  routes(app: FastifyInstance, ctx: SandboxContext) {
    const now = () => ctx.clock.now();

    app.addHook("onRequest", async (request, reply) => {
      if (request.is404) return;
      const token = bearerToken(request);
      const team = state(ctx).teams.find((t) => t.token === token);
      if (team) {
        request.accountId = team.id;
        return;
      }
      // Organisation-scoped tokens (docs: "pass parameters.teamId") reach their teams only
      // through the /teams/{teamId}/… routes; the 403 on the others is chosen (undocumented).
      const organisation = (state(ctx).organisations ?? []).find((o) => o.token === token);
      if (!organisation) return fail(reply, 401, "Unauthenticated: missing or invalid API token");
      const teamId = (request.params as { teamId?: string }).teamId;
      if (teamId === undefined)
        return fail(reply, 403, "An organisation-scoped API token must use the /v1/teams/{teamId}/… routes");
      if (!organisation.teamIds.includes(teamId))
        return fail(reply, 403, "The API token does not have access to this team");
      request.accountId = teamId;
    });

    /** Team-scoped twins: `/teams/{teamId}/…` must name the token's own team. */
    const checkTeam = (request: Req, reply: FastifyReply): boolean => {
      const teamId = request.params.teamId;
      if (teamId === undefined || teamId === request.accountId) return true;
      if (!state(ctx).teams.some((t) => t.id === teamId)) fail(reply, 404, "Team not found");
      else fail(reply, 403, "The API token does not have access to this team");
      return false;
    };

    const findProject = (request: Req, reply: FastifyReply): NorthflankProject | undefined => {
      if (!checkTeam(request, reply)) return undefined;
      const project = state(ctx).projects.find((p) => p.id === request.params.projectId);
      if (!project) {
        fail(reply, 404, `Project ${request.params.projectId} not found`);
        return undefined;
      }
      if (project.teamId !== request.accountId) {
        fail(reply, 403, "The API token does not have access to this project");
        return undefined;
      }
      return project;
    };

    const findAddon = (request: Req, reply: FastifyReply): NorthflankAddon | undefined => {
      const project = findProject(request, reply);
      if (!project) return undefined;
      const addon = state(ctx).addons.find((a) => a.projectId === project.id && a.id === request.params.addonId);
      if (!addon) fail(reply, 404, `Addon ${request.params.addonId} not found`);
      return addon;
    };

    const findBackup = (
      request: Req,
      reply: FastifyReply,
    ): { addon: NorthflankAddon; backup: NorthflankBackup } | undefined => {
      const addon = findAddon(request, reply);
      if (!addon) return undefined;
      const backup = state(ctx).backups.find(
        (b) => b.projectId === addon.projectId && b.addonId === addon.id && b.id === request.params.backupId,
      );
      if (!backup) {
        fail(reply, 404, `Backup ${request.params.backupId} not found`);
        return undefined;
      }
      return { addon, backup };
    };

    /** The target addon, and a backup of the source addon named in the query ("global" backup). */
    const findGlobalBackup = (
      request: Req,
      reply: FastifyReply,
      sourceProjectId = request.params.projectId,
      sourceAddonId = request.params.addonId,
    ): { addon: NorthflankAddon; backup: NorthflankBackup } | undefined => {
      const addon = findAddon(request, reply);
      if (!addon) return undefined;
      const sourceProject = state(ctx).projects.find((p) => p.id === sourceProjectId);
      if (sourceProject && sourceProject.teamId !== request.accountId) {
        fail(reply, 403, "The API token does not have access to this project");
        return undefined;
      }
      const backup = state(ctx).backups.find(
        (b) => b.projectId === sourceProjectId && b.addonId === sourceAddonId && b.id === request.params.backupId,
      );
      if (!backup) {
        fail(reply, 404, `Backup ${request.params.backupId} not found`);
        return undefined;
      }
      return { addon, backup };
    };

    const destinationExists = (request: Req, id: string | undefined) =>
      id === undefined || state(ctx).destinations.some((d) => d.teamId === request.accountId && d.id === id);

    const ok = (data: unknown, pagination?: unknown) => (pagination ? { data, pagination } : { data });

    // Everything twice: plain and team-scoped.
    for (const base of ["", "/teams/:teamId"]) {
      const addonPath = `${base}/projects/:projectId/addons/:addonId`;

      app.get(`${base}/projects`, async (request: Req, reply) => {
        if (!checkTeam(request, reply)) return reply;
        const projects = state(ctx)
          .projects.filter((p) => p.teamId === request.accountId)
          .map((p) => ({ id: p.id, name: p.name, description: p.description }));
        const page = paginate(request, reply, projects);
        return page ? ok({ projects: page.items }, page.pagination) : reply;
      });

      app.get(`${base}/projects/:projectId`, async (request: Req, reply) => {
        const project = findProject(request, reply);
        return project ? ok({ id: project.id, name: project.name, description: project.description }) : reply;
      });

      const addonPayload = (addon: NorthflankAddon) => ({
        id: addon.id,
        name: addon.name,
        spec: { type: addon.type, version: addon.version },
        status: "running",
      });

      app.get(`${base}/projects/:projectId/addons`, async (request: Req, reply) => {
        const project = findProject(request, reply);
        if (!project) return reply;
        const page = paginate(
          request,
          reply,
          state(ctx)
            .addons.filter((a) => a.projectId === project.id)
            .map(addonPayload),
        );
        return page ? ok({ addons: page.items }, page.pagination) : reply;
      });

      app.get(addonPath, async (request: Req, reply) => {
        const addon = findAddon(request, reply);
        return addon ? ok(addonPayload(addon)) : reply;
      });

      app.get(`${addonPath}/backups`, async (request: Req, reply) => {
        const addon = findAddon(request, reply);
        if (!addon) return reply;
        const backups = state(ctx)
          .backups.filter((b) => b.projectId === addon.projectId && b.addonId === addon.id)
          .sort((a, b) => b.createdAt - a.createdAt)
          .map((b) => listedBackupPayload(ctx, b));
        const page = paginate(request, reply, backups);
        return page ? ok({ backups: page.items }, page.pagination) : reply;
      });

      app.post(`${addonPath}/backups`, async (request: Req, reply) => {
        const addon = findAddon(request, reply);
        if (!addon) return reply;
        const parsed = createBackupRequestSchema.safeParse(request.body ?? {});
        if (!parsed.success) return invalid(reply, parsed.error);
        const body = parsed.data;
        const backupType = body.backupType ?? "snapshot";
        if (backupType === "snapshot" && (body.compressionType || body.customDestinationId)) {
          return fail(reply, 400, "compressionType and customDestinationId are only applicable to dump backups");
        }
        if (backupType === "dump" && body.additionalDestinations) {
          return fail(reply, 400, "additionalDestinations is only applicable to snapshot backups");
        }
        const missing = [
          body.customDestinationId,
          ...(body.additionalDestinations ?? []).map((d) => d.destinationId),
        ].find((id) => !destinationExists(request, id));
        if (missing) return fail(reply, 404, `Backup destination ${missing} not found`);
        const at = now();
        const name = body.name ?? dateName("Backup", at);
        const backup: NorthflankBackup = {
          id: uniqueBackupId(state(ctx), name),
          projectId: addon.projectId,
          addonId: addon.id,
          name,
          backupType,
          ...(backupType === "dump" ? { compressionType: body.compressionType ?? "gz" } : {}),
          // Dumps are taken from the live instance; snapshots from a disk snapshot.
          sourceType: backupType === "dump" ? "liveInstance" : "snapshot",
          sizeBytes: 50_000_000 + Math.floor(Math.random() * 5_000_000),
          addonVersion: addon.version,
          ...(body.customDestinationId ? { customDestinationId: body.customDestinationId } : {}),
          ...(body.additionalDestinations ? { additionalDestinations: body.additionalDestinations } : {}),
          createdAt: at,
          durationMs: ctx.timing.backupMs,
          expiresAt: null, // manual backups are kept until deleted
        };
        state(ctx).backups.push(backup);
        ctx.store.changed();
        return ok(backupPayload(ctx, backup));
      });

      app.get(`${addonPath}/backups/:backupId`, async (request: Req, reply) => {
        const found = findBackup(request, reply);
        return found ? ok(backupPayload(ctx, found.backup)) : reply;
      });

      app.delete(`${addonPath}/backups/:backupId`, async (request: Req, reply) => {
        const found = findBackup(request, reply);
        if (!found) return reply;
        state(ctx).backups = state(ctx).backups.filter((b) => b !== found.backup);
        ctx.store.changed();
        return ok({});
      });

      app.post(`${addonPath}/backups/:backupId/abort`, async (request: Req, reply) => {
        const found = findBackup(request, reply);
        if (!found) return reply;
        const status = statusOf(found.backup, now());
        if (status !== "scheduled" && status !== "in-progress")
          return fail(reply, 409, `Backup cannot be aborted in status ${status}`);
        // Aborting takes a quarter of the backup delay (at most 1 s), then the backup is aborted.
        found.backup.abortAt = now();
        found.backup.abortMs = Math.min(1000, Math.floor(ctx.timing.backupMs / 4));
        ctx.store.changed();
        return ok({});
      });

      app.post(`${addonPath}/backups/:backupId/retain`, async (request: Req, reply) => {
        const found = findBackup(request, reply);
        if (!found) return reply;
        found.backup.expiresAt = null; // kept indefinitely
        ctx.store.changed();
        return ok({});
      });

      app.get(`${addonPath}/backups/:backupId/download-link`, async (request: Req, reply) => {
        const found = findBackup(request, reply);
        if (!found) return reply;
        if (statusOf(found.backup, now()) !== "completed") return fail(reply, 409, "Backup is not completed");
        // A temporary link (it points at the sandbox and downloads nothing).
        const token = randomHex(8);
        return ok({
          downloadLink: `${originOf(request)}/northflank/downloads/${found.backup.projectId}/${found.backup.addonId}/${found.backup.id}.tar.gz?token=${token}`,
        });
      });

      app.post(`${addonPath}/backups/:backupId/restore`, async (request: Req, reply) => {
        const target = findAddon(request, reply);
        if (!target) return reply;
        // A "global" backup (another addon's) is named by sourceProjectId/sourceAddonId.
        const sourceProjectId = request.query.sourceProjectId ?? target.projectId;
        const sourceAddonId = request.query.sourceAddonId ?? target.id;
        const sourceProject = state(ctx).projects.find((p) => p.id === sourceProjectId);
        if (!sourceProject) return fail(reply, 404, `Project ${sourceProjectId} not found`);
        if (sourceProject.teamId !== request.accountId)
          return fail(reply, 403, "The API token does not have access to this project");
        const backup = state(ctx).backups.find(
          (b) => b.projectId === sourceProjectId && b.addonId === sourceAddonId && b.id === request.params.backupId,
        );
        if (!backup) return fail(reply, 404, `Backup ${request.params.backupId} not found`);
        if (statusOf(backup, now()) !== "completed") return fail(reply, 409, "Only completed backups can be restored");
        const busy = state(ctx).restores.some(
          (r) =>
            r.projectId === target.projectId &&
            r.addonId === target.id &&
            ["scheduled", "in-progress", "aborting"].includes(statusOf(r, now())),
        );
        if (busy) return fail(reply, 409, "A restore is already in progress for this addon");
        // Restore ids look like epoch-ms strings in the docs ("1611305397038").
        let id = String(now());
        while (state(ctx).restores.some((r) => r.id === id)) id = String(Number(id) + 1);
        state(ctx).restores.push({
          id,
          projectId: target.projectId,
          addonId: target.id,
          backupId: backup.id,
          ...(backup.projectId !== target.projectId || backup.addonId !== target.id
            ? { sourceProjectId: backup.projectId, sourceAddonId: backup.addonId }
            : {}),
          createdAt: now(),
          durationMs: ctx.timing.restoreMs,
        });
        ctx.store.changed();
        return ok({ restoreId: id });
      });

      app.get(`${addonPath}/backups/:backupId/restores`, async (request: Req, reply) => {
        const { sourceProjectId, sourceAddonId } = request.query;
        // A global backup's restores are listed with its source named, as on the restore call.
        const found =
          sourceProjectId === undefined && sourceAddonId === undefined
            ? findBackup(request, reply)
            : findGlobalBackup(request, reply, sourceProjectId, sourceAddonId);
        if (!found) return reply;
        const restores = state(ctx)
          .restores.filter(
            (r) =>
              r.backupId === found.backup.id &&
              r.projectId === found.addon.projectId &&
              r.addonId === found.addon.id &&
              (r.sourceProjectId ?? r.projectId) === found.backup.projectId &&
              (r.sourceAddonId ?? r.addonId) === found.backup.addonId,
          )
          .sort((a, b) => b.createdAt - a.createdAt)
          .map((r) => restorePayload(r, now(), false));
        const page = paginate(request, reply, restores);
        return page ? ok(optionalList("restores", page.items), page.pagination) : reply;
      });

      app.post(`${addonPath}/backups/:backupId/abort-restore`, async (request: Req, reply) => {
        const found = findBackup(request, reply);
        if (!found) return reply;
        const parsed = abortRestoreRequestSchema.safeParse(request.body ?? {});
        if (!parsed.success) return invalid(reply, parsed.error);
        const restore = state(ctx).restores.find(
          (r) => r.id === parsed.data.restoreId && r.backupId === found.backup.id,
        );
        if (!restore) return fail(reply, 404, `Restore ${parsed.data.restoreId} not found`);
        const status = statusOf(restore, now());
        if (status !== "scheduled" && status !== "in-progress")
          return fail(reply, 409, `Restore cannot be aborted in status ${status}`);
        restore.abortAt = now();
        restore.abortMs = Math.min(1000, Math.floor(ctx.timing.restoreMs / 4));
        ctx.store.changed();
        return ok({});
      });

      app.get(`${addonPath}/restores`, async (request: Req, reply) => {
        const addon = findAddon(request, reply);
        if (!addon) return reply;
        const restores = state(ctx)
          .restores.filter((r) => r.projectId === addon.projectId && r.addonId === addon.id)
          .sort((a, b) => b.createdAt - a.createdAt)
          .map((r) => restorePayload(r, now(), true));
        const page = paginate(request, reply, restores);
        return page ? ok({ restores: page.items }, page.pagination) : reply;
      });

      registerPitrRoutes(app, addonPath, {
        ctx,
        findAddon,
        fail,
        invalid,
        backupPayload,
        uniqueBackupId,
        restoreBusy: (addon) => restoreBusy(state(ctx), addon, now()),
      });

      app.get(`${addonPath}/backup-schedules`, async (request: Req, reply) => {
        const addon = findAddon(request, reply);
        if (!addon) return reply;
        const schedules = state(ctx)
          .schedules.filter((s) => s.projectId === addon.projectId && s.addonId === addon.id)
          .map(schedulePayload);
        const page = paginate(request, reply, schedules);
        return page ? ok(optionalList("schedules", page.items), page.pagination) : reply;
      });

      app.post(`${addonPath}/backup-schedules`, async (request: Req, reply) => {
        const addon = findAddon(request, reply);
        if (!addon) return reply;
        const parsed = createScheduleRequestSchema.safeParse(request.body ?? {});
        if (!parsed.success) return invalid(reply, parsed.error);
        const body = parsed.data;
        const { interval, hour, day } = body.scheduling;
        // Per-interval rules: hourly takes no hour/day; daily needs hour, no day; weekly needs hour and day.
        const rule =
          interval === "hourly" && (hour || day)
            ? "hour and day are not allowed for hourly schedules"
            : interval === "daily" && (!hour || day)
              ? "daily schedules require hour and do not allow day"
              : interval === "weekly" && (!hour || !day)
                ? "weekly schedules require hour and day"
                : undefined;
        if (rule) return fail(reply, 400, rule, { scheduling: [rule] });
        const max = RETENTION_MAX_DAYS[interval];
        if (body.retentionTime > max) {
          return fail(reply, 400, `retentionTime of ${interval} backups is at most ${max} days`, {
            retentionTime: [`must be at most ${max}`],
          });
        }
        if (body.backupType === "snapshot" && (body.compressionType || body.customDestinationId)) {
          return fail(reply, 400, "compressionType and customDestinationId are only applicable to dump backups");
        }
        if (body.backupType === "dump" && body.additionalDestinations) {
          return fail(reply, 400, "additionalDestinations is only applicable to snapshot backups");
        }
        const missing = [
          body.customDestinationId,
          ...(body.additionalDestinations ?? []).map((d) => d.destinationId),
        ].find((id) => !destinationExists(request, id));
        if (missing) return fail(reply, 404, `Backup destination ${missing} not found`);
        const duplicate = state(ctx).schedules.some(
          (s) =>
            s.projectId === addon.projectId &&
            s.addonId === addon.id &&
            s.scheduling.interval === interval &&
            s.backupType === body.backupType,
        );
        // One schedule per interval per backup type; the status code is undocumented (409 chosen).
        if (duplicate)
          return fail(reply, 409, `A ${interval} ${body.backupType} backup schedule already exists for this addon`);
        const at = now();
        const schedule: NorthflankSchedule = {
          id: randomHex(12),
          projectId: addon.projectId,
          addonId: addon.id,
          backupType: body.backupType,
          ...(body.compressionType ? { compressionType: body.compressionType } : {}),
          ...(body.customDestinationId ? { customDestinationId: body.customDestinationId } : {}),
          ...(body.additionalDestinations ? { additionalDestinations: body.additionalDestinations } : {}),
          scheduling: body.scheduling,
          retentionTime: body.retentionTime,
          createdAt: at,
          updatedAt: at,
          lastRunAt: at,
        };
        state(ctx).schedules.push(schedule);
        ctx.store.changed();
        return ok({ id: schedule.id });
      });

      app.delete(`${addonPath}/backup-schedules/:scheduleId`, async (request: Req, reply) => {
        const addon = findAddon(request, reply);
        if (!addon) return reply;
        const schedule = state(ctx).schedules.find(
          (s) => s.projectId === addon.projectId && s.addonId === addon.id && s.id === request.params.scheduleId,
        );
        if (!schedule) return fail(reply, 404, `Backup schedule ${request.params.scheduleId} not found`);
        state(ctx).schedules = state(ctx).schedules.filter((s) => s !== schedule);
        ctx.store.changed();
        return ok({});
      });

      const volumePath = `${base}/projects/:projectId/volumes/:volumeId`;
      const findVolume = (request: Req, reply: FastifyReply) => {
        const project = findProject(request, reply);
        if (!project) return undefined;
        const volume = state(ctx).volumes.find((v) => v.projectId === project.id && v.id === request.params.volumeId);
        if (!volume) fail(reply, 404, `Volume ${request.params.volumeId} not found`);
        return volume;
      };

      app.get(`${volumePath}/backups`, async (request: Req, reply) => {
        const volume = findVolume(request, reply);
        if (!volume) return reply;
        const backups = state(ctx)
          .volumeBackups.filter((b) => b.projectId === volume.projectId && b.volumeId === volume.id)
          .sort((a, b) => b.createdAt - a.createdAt)
          .map((b) => volumeBackupPayload(ctx, b));
        const page = paginate(request, reply, backups);
        return page ? ok(page.items, page.pagination) : reply;
      });

      app.post(`${volumePath}/backups`, async (request: Req, reply) => {
        const volume = findVolume(request, reply);
        if (!volume) return reply;
        const parsed = createVolumeBackupRequestSchema.safeParse(request.body ?? {});
        if (!parsed.success) return invalid(reply, parsed.error);
        const base = slugify(parsed.data.name);
        let id = base;
        for (let n = 2; state(ctx).volumeBackups.some((b) => b.id === id); n++) id = `${base}-${n}`;
        const backup: NorthflankVolumeBackup = {
          id,
          projectId: volume.projectId,
          volumeId: volume.id,
          name: parsed.data.name,
          ...(parsed.data.description !== undefined ? { description: parsed.data.description } : {}),
          createdAt: now(),
          durationMs: ctx.timing.backupMs,
        };
        state(ctx).volumeBackups.push(backup);
        ctx.store.changed();
        return ok(volumeBackupPayload(ctx, backup));
      });

      const findVolumeBackup = (request: Req, reply: FastifyReply) => {
        const volume = findVolume(request, reply);
        if (!volume) return undefined;
        const backup = state(ctx).volumeBackups.find(
          (b) => b.projectId === volume.projectId && b.volumeId === volume.id && b.id === request.params.backupId,
        );
        if (!backup) fail(reply, 404, `Backup ${request.params.backupId} not found`);
        return backup;
      };

      app.get(`${volumePath}/backups/:backupId`, async (request: Req, reply) => {
        const backup = findVolumeBackup(request, reply);
        return backup ? ok(volumeBackupPayload(ctx, backup)) : reply;
      });

      app.delete(`${volumePath}/backups/:backupId`, async (request: Req, reply) => {
        const backup = findVolumeBackup(request, reply);
        if (!backup) return reply;
        state(ctx).volumeBackups = state(ctx).volumeBackups.filter((b) => b !== backup);
        ctx.store.changed();
        return ok({});
      });

      // ---- backup destinations (team level) ----
      const findDestination = (request: Req, reply: FastifyReply) => {
        if (!checkTeam(request, reply)) return undefined;
        const destination = state(ctx).destinations.find((d) => d.id === request.params.destinationId);
        if (!destination) {
          fail(reply, 404, `Backup destination ${request.params.destinationId} not found`);
          return undefined;
        }
        if (destination.teamId !== request.accountId) {
          fail(reply, 403, "The API token does not have access to this backup destination");
          return undefined;
        }
        return destination;
      };

      app.get(`${base}/backup-destinations`, async (request: Req, reply) => {
        if (!checkTeam(request, reply)) return reply;
        const destinations = state(ctx)
          .destinations.filter((d) => d.teamId === request.accountId)
          .map((d) => destinationPayload(d, false));
        const page = paginate(request, reply, destinations);
        return page ? ok({ backupDestinations: page.items }, page.pagination) : reply;
      });

      app.post(`${base}/backup-destinations`, async (request: Req, reply) => {
        if (!checkTeam(request, reply)) return reply;
        const parsed = createDestinationRequestSchema.safeParse(request.body ?? {});
        if (!parsed.success) return invalid(reply, parsed.error);
        const id = slugify(parsed.data.name);
        if (state(ctx).destinations.some((d) => d.id === id))
          return fail(reply, 409, `A backup destination with id ${id} already exists`);
        const at = now();
        const destination: NorthflankDestination = {
          id,
          teamId: request.accountId,
          ...parsed.data,
          createdAt: at,
          updatedAt: at,
        };
        state(ctx).destinations.push(destination);
        ctx.store.changed();
        return ok(destinationPayload(destination, true));
      });

      app.get(`${base}/backup-destinations/:destinationId`, async (request: Req, reply) => {
        const destination = findDestination(request, reply);
        return destination ? ok(destinationPayload(destination, true)) : reply;
      });

      app.patch(`${base}/backup-destinations/:destinationId`, async (request: Req, reply) => {
        const destination = findDestination(request, reply);
        if (!destination) return reply;
        const parsed = patchDestinationRequestSchema.safeParse(request.body ?? {});
        if (!parsed.success) return invalid(reply, parsed.error);
        Object.assign(destination, parsed.data, { updatedAt: now() });
        ctx.store.changed();
        return ok(destinationPayload(destination, true));
      });

      app.delete(`${base}/backup-destinations/:destinationId`, async (request: Req, reply) => {
        const destination = findDestination(request, reply);
        if (!destination) return reply;
        state(ctx).destinations = state(ctx).destinations.filter((d) => d !== destination);
        ctx.store.changed();
        return ok({});
      });

      app.get(`${base}/backup-destinations/:destinationId/backups`, async (request: Req, reply) => {
        const destination = findDestination(request, reply);
        if (!destination) return reply;
        const at = now();
        const items = state(ctx)
          .backups.filter(
            (b) =>
              b.customDestinationId === destination.id ||
              (b.additionalDestinations ?? []).some((d) => d.destinationId === destination.id),
          )
          .sort((a, b) => b.createdAt - a.createdAt)
          .map((b) => {
            const project = state(ctx).projects.find((p) => p.id === b.projectId);
            const addon = state(ctx).addons.find((a) => a.projectId === b.projectId && a.id === b.addonId);
            const schedule = state(ctx).schedules.find((s) => s.id === b.scheduleId);
            const retention = (b.additionalDestinations ?? []).find(
              (d) => d.destinationId === destination.id,
            )?.retentionTime;
            const completedAt = statusOf(b, at) === "completed" ? completedAtOf(b, at) : undefined;
            return {
              id: b.id,
              name: b.name,
              status: statusOf(b, at),
              project: { id: b.projectId, name: project?.name },
              addon: { id: b.addonId, name: addon?.name },
              config: {
                addonVersion: b.addonVersion,
                addonType: addon?.type,
                source: { type: "global" },
                size: String(b.sizeBytes),
              },
              ...(schedule ? { schedules: [schedule.scheduling] } : {}),
              // Epoch ms. Without an expiry of its own, the destination's retentionTime (default 30 days; chosen) applies.
              expiredBy: b.expiresAt ?? b.createdAt + (retention ?? 30) * DAY_MS,
              createdAt: iso(b.createdAt),
              ...(completedAt ? { completedAt } : {}),
            };
          });
        const page = paginate(request, reply, items);
        return page ? ok(page.items, page.pagination) : reply;
      });
    }

    // Import has no team-scoped twin in the JS client.
    app.post("/projects/:projectId/addons/:addonId/import", async (request: Req, reply) => {
      const addon = findAddon(request, reply);
      if (!addon) return reply;
      const parsed = importBackupRequestSchema.safeParse(request.body ?? {});
      if (!parsed.success) return invalid(reply, parsed.error);
      const body = parsed.data;
      if (!destinationExists(request, body.customDestinationId))
        return fail(reply, 404, `Backup destination ${body.customDestinationId} not found`);
      const at = now();
      const name = body.name ?? dateName("Import", at);
      const backup: NorthflankBackup = {
        id: uniqueBackupId(state(ctx), name),
        projectId: addon.projectId,
        addonId: addon.id,
        name,
        backupType: "dump",
        compressionType: "compressionType" in body && body.compressionType ? body.compressionType : "gz",
        // Connection-string imports dump an external database; archive imports upload a file (chosen mapping).
        sourceType: "connectionString" in body ? "externalDump" : "fileUpload",
        sizeBytes: 20_000_000,
        addonVersion: addon.version,
        ...(body.customDestinationId ? { customDestinationId: body.customDestinationId } : {}),
        createdAt: at,
        durationMs: ctx.timing.backupMs,
        expiresAt: null,
      };
      state(ctx).backups.push(backup);
      ctx.store.changed();
      return ok(backupPayload(ctx, backup));
    });

    app.setNotFoundHandler((request, reply) =>
      fail(reply, 404, `Cannot ${request.method} ${request.url.split("?")[0]}`),
    );
  },

  settle(ctx) {
    const s = state(ctx);
    const now = ctx.clock.now();
    let changed = false;
    for (const restore of s.restores) {
      const status = statusOf(restore, now);
      if (restore.applied || status === "scheduled" || status === "in-progress" || status === "aborting") continue;
      restore.applied = true;
      changed = true;
      const addon = s.addons.find((a) => a.projectId === restore.projectId && a.id === restore.addonId);
      if (status === "completed" && addon) {
        addon.lastRestoredFrom = {
          backupId: restore.backupId,
          at: iso(restore.createdAt + restore.durationMs),
          restoreId: restore.id,
          ...(restore.pointInTime ? { pointInTime: restore.pointInTime } : {}),
        };
      }
    }
    // Scheduled backups: temporary, expiring after the schedule's retentionTime.
    for (const schedule of s.schedules) {
      const addon = s.addons.find((a) => a.projectId === schedule.projectId && a.id === schedule.addonId);
      const retention = schedule.retentionTime * DAY_MS;
      const after = Math.max(schedule.lastRunAt, now - retention);
      for (const run of scheduleRuns(schedule, after, now)) {
        const name = dateName(`Scheduled ${schedule.scheduling.interval}`, run);
        s.backups.push({
          id: uniqueBackupId(s, name),
          projectId: schedule.projectId,
          addonId: schedule.addonId,
          name,
          backupType: schedule.backupType,
          ...(schedule.compressionType ? { compressionType: schedule.compressionType } : {}),
          sourceType: schedule.backupType === "dump" ? "liveInstance" : "snapshot",
          sizeBytes: 50_000_000,
          addonVersion: addon?.version ?? "",
          ...(schedule.customDestinationId ? { customDestinationId: schedule.customDestinationId } : {}),
          ...(schedule.additionalDestinations ? { additionalDestinations: schedule.additionalDestinations } : {}),
          scheduleId: schedule.id,
          createdAt: run,
          durationMs: 0,
          expiresAt: run + retention,
        });
        changed = true;
      }
      if (schedule.lastRunAt !== now) {
        schedule.lastRunAt = now;
        changed = true;
      }
    }
    const before = s.backups.length;
    s.backups = s.backups.filter((b) => b.expiresAt == null || b.expiresAt > now);
    return changed || before !== s.backups.length;
  },

  seedInfo(ctx) {
    const s = state(ctx);
    const info = (teamId: string) => ({
      token: s.teams.find((t) => t.id === teamId)?.token ?? "",
      teamId,
      addons: s.addons
        .filter((a) => s.projects.find((p) => p.id === a.projectId)?.teamId === teamId)
        .map((a) => ({ projectId: a.projectId, addonId: a.id })),
    });
    return {
      primary: { ...info(NORTHFLANK_IDS.teamA), organisationToken: NORTHFLANK_IDS.organisationToken },
      others: [info(NORTHFLANK_IDS.teamB)],
    };
  },

  dump(ctx) {
    const s = state(ctx);
    const now = ctx.clock.now();
    return {
      ...s,
      backups: s.backups.map((b) => ({ ...b, state: stateAt(b, now), status: statusOf(b, now) })),
      restores: s.restores.map((r) => ({ ...r, state: stateAt(r, now), status: statusOf(r, now) })),
      volumeBackups: s.volumeBackups.map((b) => ({ ...b, status: statusOf(b, now) })),
    };
  },

  deleteBackup(ctx, backupId) {
    const s = state(ctx);
    const before = s.backups.length;
    s.backups = s.backups.filter((b) => b.id !== backupId);
    return before !== s.backups.length;
  },

  patchBackup(ctx, backupId, patch) {
    const backup = state(ctx).backups.find((b) => b.id === backupId);
    if (!backup) return undefined;
    applyBackupPatch(backup, patch);
    return backupPayload(ctx, backup);
  },
};
