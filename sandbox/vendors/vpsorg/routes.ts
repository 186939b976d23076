/**
 * VPS.org API v1 emulation (`https://admin.vps.org/api/v1` → `/vpsorg/api/v1`): the Backups API
 * (list, create, delete) and the Servers API's restore, plus server reads.
 *
 * The backend looks like Django REST Framework (trailing slashes, `{count, results}`), so errors
 * use DRF's shapes: `{"detail": "..."}` and `{"field": ["..."]}`. Backup lifecycle:
 * `in_progress` → `completed` (`failed` when forced). Restore answers are undocumented (choice: 202).
 */
import type { FastifyInstance } from "fastify";
import { dailyRuns, DAY_MS, iso, stateAt } from "../../core/clock";
import { bearerToken } from "../../core/http";
import { applyBackupPatch, type SandboxContext, type VendorModule } from "../../core/vendor";
import { registerBackupRoutes } from "./backups";
import { backupPayload, errorBody, fail, serverStatus, vpsorgState, WORDS } from "./common";
import { VPSORG_DAILY_HOUR_UTC, VPSORG_IDS } from "./seed";
import { registerServerRoutes } from "./servers";

export const vpsorg: VendorModule = {
  name: "vpsorg",
  prefix: "/vpsorg/api/v1",
  errorBody,
  statusWords: { in_progress: "running", completed: "completed", failed: "failed" },

  credential: (request) => bearerToken(request) ?? "",

  routes(app: FastifyInstance, ctx: SandboxContext) {
    app.addHook("onRequest", async (request, reply) => {
      if (request.is404) return;
      const header = request.headers.authorization;
      reply.header("www-authenticate", 'Bearer realm="api"');
      if (!header) return fail(reply, 401, "Authentication credentials were not provided.");
      const token = bearerToken(request);
      const account = vpsorgState(ctx).accounts.find((a) => a.token === token);
      if (!account) return fail(reply, 401, "Invalid token.");
      request.accountId = account.id;
    });

    registerBackupRoutes(app, ctx);
    registerServerRoutes(app, ctx);

    // Django: a GET without the trailing slash is redirected (APPEND_SLASH); anything else unknown is 404.
    app.setNotFoundHandler((request, reply) => {
      const [path, query] = request.url.split("?", 2);
      if ((request.method === "GET" || request.method === "HEAD") && !path.endsWith("/")) {
        return reply
          .code(301)
          .header("location", `${path}/${query ? `?${query}` : ""}`)
          .send();
      }
      return fail(reply, 404);
    });
  },

  settle(ctx) {
    const s = vpsorgState(ctx);
    const now = ctx.clock.now();
    let changed = false;
    for (const restore of s.restores) {
      const st = stateAt(restore, now);
      if (restore.applied || st === "pending" || st === "running") continue;
      restore.applied = true;
      changed = true;
      const server = s.servers.find((x) => x.id === restore.serverId);
      if (st === "completed" && server)
        server.lastRestoredFrom = {
          backupId: String(restore.backupId),
          at: iso(restore.createdAt + restore.durationMs),
        };
    }
    for (const server of s.servers) {
      const key = String(server.id);
      const retention = server.retentionDays * DAY_MS;
      const after = Math.max(s.autoBackupsUntil[key] ?? now, now - retention);
      for (const run of dailyRuns(after, now, VPSORG_DAILY_HOUR_UTC)) {
        s.backups.push({
          id: s.nextBackupId++,
          serverId: server.id,
          backupType: "automatic",
          description: "Automatic daily backup",
          sizeMb: 4300 + (Math.floor(run / DAY_MS) % 300),
          createdAt: run,
          durationMs: 0,
          expiresAt: run + retention,
        });
        changed = true;
      }
      if (s.autoBackupsUntil[key] !== now) {
        s.autoBackupsUntil[key] = now;
        changed = true;
      }
    }
    const before = s.backups.length;
    s.backups = s.backups.filter((b) => b.expiresAt === null || b.expiresAt > now);
    return changed || before !== s.backups.length;
  },

  seedInfo(ctx) {
    const s = vpsorgState(ctx);
    const info = (accountId: string) => ({
      token: s.accounts.find((a) => a.id === accountId)?.token ?? "",
      // Strings, as the provider's targets carry them (the wire uses integers).
      serverIds: s.servers.filter((x) => x.accountId === accountId).map((x) => String(x.id)),
    });
    return { primary: info(VPSORG_IDS.accountA), others: [info(VPSORG_IDS.accountB)] };
  },

  dump(ctx) {
    const s = vpsorgState(ctx);
    const now = ctx.clock.now();
    return {
      ...s,
      servers: s.servers.map((x) => ({ ...x, status: serverStatus(ctx, x) })),
      backups: s.backups.map((b) => ({ ...b, state: stateAt(b, now), status: WORDS[stateAt(b, now)] })),
      restores: s.restores.map((r) => ({ ...r, state: stateAt(r, now) })),
    };
  },

  deleteBackup(ctx, backupId) {
    const s = vpsorgState(ctx);
    const before = s.backups.length;
    s.backups = s.backups.filter((b) => String(b.id) !== backupId);
    return before !== s.backups.length;
  },

  patchBackup(ctx, backupId, patch) {
    const backup = vpsorgState(ctx).backups.find((b) => String(b.id) === backupId);
    if (!backup) return undefined;
    applyBackupPatch(backup, patch);
    return backupPayload(ctx, backup);
  },
};
