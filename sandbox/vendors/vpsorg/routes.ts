/**
 * VPS.org API v1 emulation (`https://admin.vps.org/api/v1` → `/vpsorg/api/v1`): the Backups API
 * (list, create, delete) and the Servers API's restore, plus server reads.
 *
 * The backend looks like Django REST Framework (trailing slashes, `{count, results}`), so errors
 * use DRF's shapes: `{"detail": "..."}` and `{"field": ["..."]}`. Backup lifecycle:
 * `in_progress` → `completed` (`failed` when forced). Restore answers are undocumented (choice: 202).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { dailyRuns, DAY_MS, iso, stateAt, type NeutralState } from "../../core/clock";
import { bearerToken, objectBody, reasonPhrase, send } from "../../core/http";
import { applyBackupPatch, type SandboxContext, type VendorModule } from "../../core/vendor";
import {
  VPSORG_DAILY_HOUR_UTC,
  VPSORG_IDS,
  VPSORG_MANUAL_BACKUP_LIMIT,
  type VpsorgBackup,
  type VpsorgServer,
  type VpsorgState,
} from "./seed";

const DETAILS: Record<number, string> = {
  401: "Invalid token.",
  403: "You do not have permission to perform this action.",
  404: "Not found.",
  500: "A server error occurred.",
};

function errorBody(status: number, message?: string) {
  if (status === 429 && !message) return { detail: "Request was throttled." };
  return { detail: message ?? DETAILS[status] ?? reasonPhrase(status) };
}

function fail(reply: FastifyReply, status: number, detail?: string): FastifyReply {
  return send(reply, status, errorBody(status, detail));
}

/** DRF field validation errors. */
function invalid(reply: FastifyReply, errors: Record<string, string[]>): FastifyReply {
  return send(reply, 400, errors);
}

const WORDS: Record<NeutralState, string> = {
  pending: "in_progress", // VPS.org has no separate "accepted" word: created backups are in_progress at once.
  running: "in_progress",
  completed: "completed",
  failed: "failed", // undocumented; chosen
};

const state = (ctx: SandboxContext): VpsorgState => ctx.store.state.vpsorg;

/** DRF IntegerField: accepts 12345 and "12345". */
function toInt(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^\d+$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

function backupPayload(ctx: SandboxContext, backup: VpsorgBackup) {
  const s = stateAt(backup, ctx.clock.now());
  const server = state(ctx).servers.find((x) => x.id === backup.serverId);
  return {
    id: backup.id,
    server: { id: backup.serverId, name: server?.name ?? "" },
    backup_type: backup.backupType,
    status: WORDS[s],
    size_mb: s === "completed" ? backup.sizeMb : null,
    created_at: iso(backup.createdAt).replace(/\.\d{3}Z$/, "Z"),
    expires_at: backup.expiresAt === null ? null : iso(backup.expiresAt).replace(/\.\d{3}Z$/, "Z"),
    description: backup.description,
  };
}

function serverStatus(ctx: SandboxContext, server: VpsorgServer): string {
  const now = ctx.clock.now();
  const restoring = state(ctx).restores.some(
    (r) => r.serverId === server.id && ["pending", "running"].includes(stateAt(r, now)),
  );
  return restoring ? "restoring" : "running";
}

function serverPayload(ctx: SandboxContext, server: VpsorgServer) {
  return {
    id: server.id,
    name: server.name,
    hostname: server.hostname,
    ip_address: server.ipAddress,
    status: serverStatus(ctx, server),
  };
}

type Req<P = object> = FastifyRequest<{ Params: P; Querystring: { server_id?: string; backup_type?: string } }>;

export const vpsorg: VendorModule = {
  name: "vpsorg",
  prefix: "/vpsorg/api/v1",
  errorBody,
  statusWords: { in_progress: "running", completed: "completed", failed: "failed" },

  credential: (request) => bearerToken(request) ?? "",

  routes(app: FastifyInstance, ctx: SandboxContext) {
    const now = () => ctx.clock.now();

    app.addHook("onRequest", async (request, reply) => {
      if (request.is404) return;
      const header = request.headers.authorization;
      reply.header("www-authenticate", 'Bearer realm="api"');
      if (!header) return fail(reply, 401, "Authentication credentials were not provided.");
      const token = bearerToken(request);
      const account = state(ctx).accounts.find((a) => a.token === token);
      if (!account) return fail(reply, 401, "Invalid token.");
      request.accountId = account.id;
    });

    /** The server, or an error sent: 404 when unknown, 403 when another account owns it. */
    const findServer = (
      request: FastifyRequest,
      reply: FastifyReply,
      id: number | undefined,
      notFound = "Not found.",
    ) => {
      const server = id === undefined ? undefined : state(ctx).servers.find((s) => s.id === id);
      if (!server) {
        fail(reply, 404, notFound);
        return undefined;
      }
      if (server.accountId !== request.accountId) {
        fail(reply, 403);
        return undefined;
      }
      return server;
    };

    app.get("/backups/", async (request: Req, reply) => {
      const { server_id, backup_type } = request.query;
      const errors: Record<string, string[]> = {};
      const serverId = server_id === undefined ? undefined : toInt(server_id);
      if (server_id !== undefined && serverId === undefined) errors.server_id = ["A valid integer is required."];
      if (backup_type !== undefined && backup_type !== "manual" && backup_type !== "automatic") {
        errors.backup_type = [`Select a valid choice. ${backup_type} is not one of the available choices.`];
      }
      if (Object.keys(errors).length) return invalid(reply, errors);
      if (serverId !== undefined && !findServer(request, reply, serverId)) return reply;
      const own = new Set(
        state(ctx)
          .servers.filter((s) => s.accountId === request.accountId)
          .map((s) => s.id),
      );
      // The docs' example is ordered by id, newest first.
      const results = state(ctx)
        .backups.filter(
          (b) =>
            own.has(b.serverId) &&
            (serverId === undefined || b.serverId === serverId) &&
            (backup_type === undefined || b.backupType === backup_type),
        )
        .sort((a, b) => b.id - a.id)
        .map((b) => backupPayload(ctx, b));
      return { count: results.length, results };
    });

    app.post("/backups/", async (request, reply) => {
      const body = objectBody(request.body);
      if (!body)
        return invalid(reply, {
          non_field_errors: ["Invalid data. Expected a dictionary, but got " + typeof request.body + "."],
        });
      const errors: Record<string, string[]> = {};
      const serverId = toInt(body.server_id);
      if (body.server_id === undefined || body.server_id === null) errors.server_id = ["This field is required."];
      else if (serverId === undefined) errors.server_id = ["A valid integer is required."];
      if (body.description !== undefined && typeof body.description !== "string")
        errors.description = ["Not a valid string."];
      // The docs give no length limit; DRF's usual CharField(max_length=255) is assumed.
      else if (typeof body.description === "string" && body.description.length > 255) {
        errors.description = ["Ensure this field has no more than 255 characters."];
      }
      if (Object.keys(errors).length) return invalid(reply, errors);
      const server = findServer(request, reply, serverId, "Server not found.");
      if (!server) return reply;
      const manual = state(ctx).backups.filter((b) => b.serverId === server.id && b.backupType === "manual");
      if (manual.length >= VPSORG_MANUAL_BACKUP_LIMIT) {
        // Documented limit; its error status/body are not: DRF's non-field validation error chosen.
        return invalid(reply, {
          non_field_errors: [
            `You can create at most ${VPSORG_MANUAL_BACKUP_LIMIT} manual backups per server. Delete a manual backup first.`,
          ],
        });
      }
      const backup: VpsorgBackup = {
        id: state(ctx).nextBackupId++,
        serverId: server.id,
        backupType: "manual",
        description: typeof body.description === "string" ? body.description : "",
        sizeMb: 4000 + Math.floor(Math.random() * 1000),
        createdAt: now(),
        durationMs: ctx.timing.backupMs,
        expiresAt: null, // manual backups never expire
      };
      state(ctx).backups.push(backup);
      ctx.store.changed();
      return send(reply, 201, {
        ...backupPayload(ctx, backup),
        message: "Backup is being created. This may take several minutes depending on server size.",
      });
    });

    app.delete("/backups/:backupId/", async (request: Req<{ backupId: string }>, reply) => {
      const id = toInt(request.params.backupId);
      const backup = state(ctx).backups.find((b) => b.id === id);
      if (!backup) return fail(reply, 404);
      if (!findServer(request, reply, backup.serverId)) return reply;
      state(ctx).backups = state(ctx).backups.filter((b) => b !== backup);
      ctx.store.changed();
      return send(reply, 204);
    });

    // There is no get-one-backup endpoint: DRF answers other methods on the detail route with 405.
    app.route({
      method: ["GET", "PUT", "PATCH", "POST"],
      url: "/backups/:backupId/",
      handler: async (request, reply) => {
        reply.header("allow", "DELETE, OPTIONS");
        return fail(reply, 405, `Method "${request.method}" not allowed.`);
      },
    });

    app.get("/servers/", async (request) => {
      const results = state(ctx)
        .servers.filter((s) => s.accountId === request.accountId)
        .map((s) => serverPayload(ctx, s));
      return { count: results.length, results };
    });

    app.get("/servers/:serverId/", async (request: Req<{ serverId: string }>, reply) => {
      const server = findServer(request, reply, toInt(request.params.serverId));
      return server ? serverPayload(ctx, server) : reply;
    });

    app.post("/servers/:serverId/restore/", async (request: Req<{ serverId: string }>, reply) => {
      const server = findServer(request, reply, toInt(request.params.serverId));
      if (!server) return reply;
      const body = objectBody(request.body) ?? {};
      const backupId = toInt(body.backup_id);
      if (body.backup_id === undefined || body.backup_id === null)
        return invalid(reply, { backup_id: ["This field is required."] });
      if (backupId === undefined) return invalid(reply, { backup_id: ["A valid integer is required."] });
      const backup = state(ctx).backups.find((b) => b.id === backupId && b.serverId === server.id);
      // Undocumented rules, chosen: the backup must be this server's and completed; one restore at a time.
      if (!backup) return invalid(reply, { backup_id: ["Backup does not exist or does not belong to this server."] });
      if (stateAt(backup, now()) !== "completed") return invalid(reply, { backup_id: ["Backup is not completed."] });
      if (serverStatus(ctx, server) === "restoring")
        return fail(reply, 409, "A restore is already in progress for this server.");
      state(ctx).restores.push({
        serverId: server.id,
        backupId: backup.id,
        createdAt: now(),
        durationMs: ctx.timing.restoreMs,
      });
      ctx.store.changed();
      return send(reply, 202, {
        detail: "Restore started.",
        server_id: server.id,
        backup_id: backup.id,
        status: "restoring",
      });
    });

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
    const s = state(ctx);
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
    const s = state(ctx);
    const info = (accountId: string) => ({
      token: s.accounts.find((a) => a.id === accountId)?.token ?? "",
      // Strings, as the provider's targets carry them (the wire uses integers).
      serverIds: s.servers.filter((x) => x.accountId === accountId).map((x) => String(x.id)),
    });
    return { primary: info(VPSORG_IDS.accountA), others: [info(VPSORG_IDS.accountB)] };
  },

  dump(ctx) {
    const s = state(ctx);
    const now = ctx.clock.now();
    return {
      ...s,
      servers: s.servers.map((x) => ({ ...x, status: serverStatus(ctx, x) })),
      backups: s.backups.map((b) => ({ ...b, state: stateAt(b, now), status: WORDS[stateAt(b, now)] })),
      restores: s.restores.map((r) => ({ ...r, state: stateAt(r, now) })),
    };
  },

  deleteBackup(ctx, backupId) {
    const s = state(ctx);
    const before = s.backups.length;
    s.backups = s.backups.filter((b) => String(b.id) !== backupId);
    return before !== s.backups.length;
  },

  patchBackup(ctx, backupId, patch) {
    const backup = state(ctx).backups.find((b) => String(b.id) === backupId);
    if (!backup) return undefined;
    applyBackupPatch(backup, patch);
    return backupPayload(ctx, backup);
  },
};
