/**
 * VPS.org Backups API (its three documented endpoints): list, create, delete. Backup
 * lifecycle: `in_progress` → `completed` (`failed` when forced; undocumented word).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { routes } from "../../../provider/vendors/vpsorg/contract";
import { fastifyPath, serve } from "../../core/contract";
import { objectBody, send } from "../../core/http";
import type { SandboxContext } from "../../core/vendor";
import { backupPayload, fail, invalid, toInt, vpsorgState } from "./common";
import { VPSORG_MANUAL_BACKUP_LIMIT, type VpsorgBackup } from "./seed";

/**
 * The server, or a 404 sent when it is unknown or another account's: the Backups API
 * documents no 403 (the Servers API documents nothing, so its routes share the rule).
 */
export function findServer(
  ctx: SandboxContext,
  request: FastifyRequest,
  reply: FastifyReply,
  id: number | undefined,
  notFound = "Not found.",
) {
  const server = id === undefined ? undefined : vpsorgState(ctx).servers.find((s) => s.id === id);
  if (!server || server.accountId !== request.accountId) {
    fail(reply, 404, notFound);
    return undefined;
  }
  return server;
}

export function registerBackupRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const now = () => ctx.clock.now();

  // The list documents only 200 and 401: a filter that matches nothing (an unknown or foreign
  // server, a malformed id, an unknown type) is an empty list, not an error.
  serve(app, routes.listBackups, async (request) => {
    const { server_id, backup_type } = request.query;
    const serverId = server_id === undefined ? undefined : (toInt(server_id) ?? Number.NaN);
    const own = new Set(
      vpsorgState(ctx)
        .servers.filter((s) => s.accountId === request.accountId)
        .map((s) => s.id),
    );
    // The docs' example is ordered by id, newest first.
    const results = vpsorgState(ctx)
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

  serve(app, routes.createBackup, async (request, reply) => {
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
    const server = findServer(ctx, request, reply, serverId, "Server not found.");
    if (!server) return reply;
    const manual = vpsorgState(ctx).backups.filter((b) => b.serverId === server.id && b.backupType === "manual");
    if (manual.length >= VPSORG_MANUAL_BACKUP_LIMIT) {
      // Documented limit; its error status/body are not: DRF's non-field validation error chosen.
      return invalid(reply, {
        non_field_errors: [
          `You can create at most ${VPSORG_MANUAL_BACKUP_LIMIT} manual backups per server. Delete a manual backup first.`,
        ],
      });
    }
    const backup: VpsorgBackup = {
      id: vpsorgState(ctx).nextBackupId++,
      serverId: server.id,
      backupType: "manual",
      description: typeof body.description === "string" ? body.description : "",
      sizeMb: 4000 + Math.floor(Math.random() * 1000),
      createdAt: now(),
      durationMs: ctx.timing.backupMs,
      expiresAt: null, // manual backups never expire
    };
    vpsorgState(ctx).backups.push(backup);
    ctx.store.changed();
    return send(reply, 201, {
      ...backupPayload(ctx, backup),
      message: "Backup is being created. This may take several minutes depending on server size.",
    });
  });

  serve(app, routes.deleteBackup, async (request, reply) => {
    const id = toInt(request.params.backup_id);
    const backup = vpsorgState(ctx).backups.find((b) => b.id === id);
    if (!backup) return fail(reply, 404);
    if (!findServer(ctx, request, reply, backup.serverId)) return reply;
    vpsorgState(ctx).backups = vpsorgState(ctx).backups.filter((b) => b !== backup);
    ctx.store.changed();
    return send(reply, 204);
  });

  // There is no get-one-backup endpoint: DRF answers other methods on the detail route with 405.
  app.route({
    method: ["GET", "PUT", "PATCH", "POST"],
    url: fastifyPath(routes.deleteBackup.path),
    handler: async (request, reply) => {
      reply.header("allow", "DELETE, OPTIONS");
      return fail(reply, 405, `Method "${request.method}" not allowed.`);
    },
  });
}
