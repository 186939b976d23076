/**
 * VPS.org Servers API: only its restore's path and body are documented. The server reads and
 * the restore's 202 answer are the sandbox's choices, marked `undocumented` in the contract.
 */
import type { FastifyInstance } from "fastify";
import { routes } from "../../../provider/vendors/vpsorg/contract";
import { stateAt } from "../../core/clock";
import { serve } from "../../core/contract";
import { objectBody, send } from "../../core/http";
import type { SandboxContext } from "../../core/vendor";
import { fail, invalid, restoreRunning, serverPayload, toInt, vpsorgState } from "./common";
import { findServer } from "./backups";

/**
 * The shortest restore (sandbox clock), whatever `restoreMs` says: the provider completes a
 * VPS.org restore only once it saw the server restoring, so an instant one would read as
 * "cannot be told" (`accepted`).
 */
export const VPSORG_MIN_RESTORE_MS = 2_000;

export function registerServerRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const now = () => ctx.clock.now();

  serve(app, routes.listServers, async (request) => {
    const results = vpsorgState(ctx)
      .servers.filter((s) => s.accountId === request.accountId)
      .map((s) => serverPayload(ctx, s));
    return { count: results.length, results };
  });

  serve(app, routes.getServer, async (request, reply) => {
    // No Servers API document: the read may not exist (`vpsorg.serverStatus` absent-404/405).
    const mode = ctx.variants.vpsorg.serverStatus;
    if (mode === "absent-404") return fail(reply, 404);
    if (mode === "absent-405") {
      reply.header("allow", "DELETE, OPTIONS");
      return fail(reply, 405, `Method "GET" not allowed.`);
    }
    const server = findServer(ctx, request, reply, toInt(request.params.server_id));
    return server ? serverPayload(ctx, server) : reply;
  });

  serve(app, routes.restoreServer, async (request, reply) => {
    const server = findServer(ctx, request, reply, toInt(request.params.server_id));
    if (!server) return reply;
    const body = objectBody(request.body) ?? {};
    const backupId = toInt(body.backup_id);
    if (body.backup_id === undefined || body.backup_id === null)
      return invalid(reply, { backup_id: ["This field is required."] });
    if (backupId === undefined) return invalid(reply, { backup_id: ["A valid integer is required."] });
    const backup = vpsorgState(ctx).backups.find((b) => b.id === backupId && b.serverId === server.id);
    // Undocumented rules, chosen: the backup must be this server's and completed; one restore at a time.
    if (!backup) return invalid(reply, { backup_id: ["Backup does not exist or does not belong to this server."] });
    if (stateAt(backup, now()) !== "completed") return invalid(reply, { backup_id: ["Backup is not completed."] });
    if (restoreRunning(ctx, server)) return fail(reply, 409, "A restore is already in progress for this server.");
    vpsorgState(ctx).restores.push({
      serverId: server.id,
      backupId: backup.id,
      createdAt: now(),
      // A server restore is never instant: the status shows it for at least VPSORG_MIN_RESTORE_MS.
      durationMs:
        Math.max(ctx.timing.restoreMs, VPSORG_MIN_RESTORE_MS) +
        (ctx.variants.vpsorg.serverStatus === "delayed" ? ctx.variants.vpsorg.statusDelayMs : 0),
    });
    ctx.store.changed();
    return send(reply, 202, {
      detail: "Restore started.",
      server_id: server.id,
      backup_id: backup.id,
      status: "restoring",
    });
  });
}
