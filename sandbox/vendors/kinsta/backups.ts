/**
 * Kinsta backups: list, manual backup, delete, restore, downloadable backups, operations.
 * Every mutation answers 202 with an `operation_id`; `GET /operations/{id}` answers 202 while
 * the work runs, then 200 (or 500 when it failed). A manual backup only appears in the list
 * once its operation has completed (Kinsta has no per-backup status). Mutations document no
 * 404: an unknown environment or backup is answered 400, as the spec's statuses allow.
 */
import type { FastifyReply, FastifyInstance, FastifyRequest } from "fastify";
import { routes } from "../../../provider/vendors/kinsta/contract";
import { stateAt } from "../../core/clock";
import { serve } from "../../core/contract";
import { bearerToken, objectBody, originOf, send, UUID_RE } from "../../core/http";
import type { SandboxContext } from "../../core/vendor";
import { fail, kinstaState, newOperation, operationState, ownEnvironment } from "./common";
import { KINSTA_MANUAL_BACKUP_LIMIT, KINSTA_RETENTION_MS, type KinstaBackup } from "./seed";

/**
 * Backups a client can see: completed ones (pending and failed manual backups do not exist
 * yet); a manual backup only `kinsta.listLagMs` after its operation completed (variant).
 */
function visibleBackups(ctx: SandboxContext, environmentId: string): KinstaBackup[] {
  const now = ctx.clock.now();
  const lag = ctx.variants.kinsta.listLagMs;
  return kinstaState(ctx)
    .backups.filter(
      (b) =>
        b.environmentId === environmentId &&
        stateAt(b, now) === "completed" &&
        (b.operationId === undefined || b.forcedState !== undefined || now >= b.createdAt + b.durationMs + lag),
    )
    .sort((a, b) => b.createdAt - a.createdAt);
}

/** A listed backup's `name` and `note`: where its tag shows is the `kinsta.tagIn` variant (1.87.0 does not say). */
function namedAs(ctx: SandboxContext, b: KinstaBackup): { name: string; note: string | null } {
  if (b.tag === undefined) return { name: b.name, note: b.note };
  switch (ctx.variants.kinsta.tagIn) {
    case "note":
      return { name: b.name, note: b.note };
    case "name":
      return { name: b.tag || b.name, note: null };
    case "nowhere":
      return { name: b.name, note: null };
  }
}

export function registerBackupRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const state = () => kinstaState(ctx);
  const now = () => ctx.clock.now();

  /** Optional "resource creation" lane (5/min per third-party sources); off unless configured. */
  const creationLimited = (request: FastifyRequest, reply: FastifyReply): boolean => {
    const decision = ctx.rateLimiter.hit("kinsta-create", bearerToken(request) ?? "", now());
    if (!decision || decision.allowed) return false;
    reply.header("retry-after", String(decision.resetSeconds));
    fail(reply, 429, "Too many requests, please try again later.");
    return true;
  };

  serve(app, routes.listBackups, async (request, reply) => {
    const found = ownEnvironment(ctx, request, request.params.env_id);
    if (!found) return fail(reply, 404, "Environment not found");
    const backups = visibleBackups(ctx, found.env.id).map((b) => ({
      id: b.id,
      ...namedAs(ctx, b),
      type: b.type,
      created_at: b.createdAt,
    }));
    return { environment: { display_name: found.env.display_name, backups } };
  });

  serve(app, routes.createManualBackup, async (request, reply) => {
    const body = objectBody(request.body ?? {});
    // `tag` is optional; its limits are unknown, so only the type is checked.
    if (!body || (body.tag !== undefined && typeof body.tag !== "string"))
      return fail(reply, 400, "tag must be a string");
    const found = ownEnvironment(ctx, request, request.params.env_id);
    if (!found) return fail(reply, 400, "Environment not found");
    if (creationLimited(request, reply)) return reply;
    const at = now();
    // Pending manual backups count too: the cap is checked when the request is made.
    const manual = state().backups.filter(
      (b) => b.environmentId === found.env.id && b.type === "manual" && stateAt(b, at) !== "failed",
    );
    if (manual.length >= KINSTA_MANUAL_BACKUP_LIMIT) {
      // Status and text on hitting the cap are undocumented; a 400 with Kinsta's error body is chosen.
      return fail(
        reply,
        400,
        `The maximum number of manual backups (${KINSTA_MANUAL_BACKUP_LIMIT}) for this environment has been reached. Remove a manual backup first.`,
      );
    }
    const backupId = state().nextBackupId++;
    const op = newOperation(ctx, request, "add-manual", found.env.id, ctx.timing.backupMs, { backupId });
    state().backups.push({
      id: backupId,
      environmentId: found.env.id,
      name: `${found.site.name}-${Math.floor(at / 1000)}-manual`,
      // State keeps the tag as `note` (the default variant); lists show it per `kinsta.tagIn`.
      note: typeof body.tag === "string" ? body.tag : "",
      tag: typeof body.tag === "string" ? body.tag : undefined,
      type: "manual",
      createdAt: at,
      durationMs: ctx.timing.backupMs,
      expiresAt: at + KINSTA_RETENTION_MS,
      operationId: op.id,
    });
    return send(reply, 202, {
      operation_id: op.id,
      message: "Adding a manual backup to environment in progress",
      status: 202,
    });
  });

  serve(app, routes.deleteBackup, async (request, reply) => {
    const id = /^\d+$/.test(request.params.backup_id) ? Number(request.params.backup_id) : NaN;
    const backup = state().backups.find((b) => b.id === id);
    const owned = backup && ownEnvironment(ctx, request, backup.environmentId);
    // The 400's text for an unknown backup is undocumented: the `kinsta.unknownBackupMessage` variant.
    if (!backup || !owned || stateAt(backup, now()) !== "completed")
      return fail(reply, 400, ctx.variants.kinsta.unknownBackupMessage);
    const pending = state().operations.find((o) => o.kind === "remove" && o.backupId === id && !o.applied);
    const op =
      pending ?? newOperation(ctx, request, "remove", backup.environmentId, ctx.timing.backupMs, { backupId: id });
    return send(reply, 202, {
      message: "Removing a backup in progress. Use the operation_id to check the status.",
      status: 202,
      operation_id: op.id,
    });
  });

  serve(app, routes.restoreBackup, async (request, reply) => {
    const body = objectBody(request.body);
    if (!body) return fail(reply, 400, "backup_id and notified_user_id are required");
    if (typeof body.backup_id !== "number" || !Number.isInteger(body.backup_id)) {
      return fail(reply, 400, "backup_id is required and must be a number");
    }
    // Both fields are required since API 1.87.0.
    const notified = body.notified_user_id;
    if (notified === undefined) return fail(reply, 400, "notified_user_id is required");
    if (typeof notified !== "string" || !UUID_RE.test(notified)) {
      return fail(reply, 400, "notified_user_id must be a valid UUID");
    }
    const target = ownEnvironment(ctx, request, request.params.target_env_id);
    if (!target) return fail(reply, 400, "Environment not found");
    const company = state().companies.find((c) => c.id === request.accountId);
    if (!company?.users.some((u) => u.id === notified))
      return fail(reply, 400, "notified_user_id is not a user of this company");
    // The backup may come from any environment of the same site.
    const backup = state().backups.find((b) => b.id === body.backup_id);
    const source = backup && state().environments.find((e) => e.id === backup.environmentId);
    if (!backup || !source || source.siteId !== target.site.id || stateAt(backup, now()) !== "completed") {
      return fail(reply, 400, ctx.variants.kinsta.unknownBackupMessage);
    }
    const op = newOperation(ctx, request, "restore", target.env.id, ctx.timing.restoreMs, { backupId: backup.id });
    return send(reply, 202, {
      operation_id: op.id,
      message: "Restoring a backup to environment in progress",
      status: 202,
    });
  });

  // Creating downloadable backups is in no Kinsta document: only the list is served.
  serve(app, routes.listDownloadableBackups, async (request, reply) => {
    const found = ownEnvironment(ctx, request, request.params.env_id);
    if (!found) return fail(reply, 404, "Environment not found");
    const at = now();
    const downloadable_backups = state()
      .downloadableBackups.filter((d) => d.environmentId === found.env.id)
      .map((d) => {
        const done = stateAt(d, at) === "completed";
        return {
          id: d.id,
          created_at: d.createdAt,
          // The link is null until generation finished; it points nowhere real.
          download_link: done ? `${originOf(request)}/kinsta/downloads/${d.id}.zip?token=${d.id.slice(0, 8)}` : null,
          expires_at: d.expiresAt,
          is_generation_in_progress: !done,
        };
      });
    return { environment: { display_name: found.env.display_name, downloadable_backups } };
  });

  serve(app, routes.getOperation, async (request, reply) => {
    const op = state().operations.find(
      (o) => o.id === request.params.operation_id && o.companyId === request.accountId,
    );
    if (!op) return fail(reply, 404, "Operation not found");
    const s = operationState(ctx, op);
    if (s === "completed")
      return send(reply, 200, { message: "Successfully finished request", status: 200, data: null });
    if (s === "failed") return send(reply, 500, { message: "Operation failed", status: 500, data: null });
    return send(reply, 202, { message: "Operation in progress", status: 202, data: null });
  });
}
