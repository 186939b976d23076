/**
 * Northflank API v1 emulation (`https://api.northflank.com/v1` → `/northflank/v1`), registered
 * from the Northflank contract (provider/vendors/northflank/contract.ts), every route plain and
 * under `/teams/{teamId}`: projects.ts (projects, addons), backups.ts (backups, import),
 * restores.ts, pitr.ts (point-in-time restore), schedules.ts, volumes.ts, destinations.ts.
 * This file holds auth, time-driven effects (restores applied, scheduled backups taken and
 * expired) and the admin hooks.
 *
 * Every success is HTTP 200 with a JSON `{data}` body (creates too); errors are
 * `{error: {message, id, details?}}`. Status enum: scheduled → in-progress → completed,
 * failed, aborting → aborted.
 */
import type { FastifyInstance } from "fastify";
import { DAY_MS, iso, stateAt } from "../../core/clock";
import { bearerToken } from "../../core/http";
import { applyBackupPatch, type SandboxContext, type VendorModule } from "../../core/vendor";
import { registerBackupRoutes } from "./backups";
import { backupPayload, dateName, errorBody, fail, state, statusOf, uniqueBackupId } from "./common";
import { registerDestinationRoutes } from "./destinations";
import { registerPitrRoutes } from "./pitr";
import { registerProjectRoutes } from "./projects";
import { registerRestoreRoutes } from "./restores";
import { registerScheduleRoutes, scheduleRuns } from "./schedules";
import { NORTHFLANK_IDS } from "./seed";
import { registerVolumeRoutes } from "./volumes";

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

    registerProjectRoutes(app, ctx);
    registerBackupRoutes(app, ctx);
    registerRestoreRoutes(app, ctx);
    registerPitrRoutes(app, ctx);
    registerScheduleRoutes(app, ctx);
    registerVolumeRoutes(app, ctx);
    registerDestinationRoutes(app, ctx);

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
