/**
 * Northflank restores: start (a "global" backup names its source addon in the query), list
 * per backup and per addon, abort.
 */
import type { FastifyInstance } from "fastify";
import { abortRestoreBodySchema, routes } from "../../../provider/vendors/northflank/contract";
import type { SandboxContext } from "../../core/vendor";
import {
  addRestore,
  fail,
  invalid,
  ok,
  optionalList,
  paginate,
  type Req,
  restorePayload,
  restoreShown,
  serveBoth,
  state,
  statusOf,
} from "./common";
import { rejectedByClientTypes } from "./client-types";
import { lookups } from "./lookups";

export function registerRestoreRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const { findAddon, findBackup, findGlobalBackup } = lookups(ctx);
  const now = () => ctx.clock.now();

  serveBoth(app, routes.restoreBackup, async (request: Req, reply) => {
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
    const id = addRestore(ctx, {
      projectId: target.projectId,
      addonId: target.id,
      backupId: backup.id,
      ...(backup.projectId !== target.projectId || backup.addonId !== target.id
        ? { sourceProjectId: backup.projectId, sourceAddonId: backup.addonId }
        : {}),
    });
    return ok({ restoreId: id });
  });

  serveBoth(app, routes.listBackupRestores, async (request: Req, reply) => {
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
          (r.sourceAddonId ?? r.addonId) === found.backup.addonId &&
          restoreShown(r, now(), "backup"),
      )
      .sort((a, b) => b.createdAt - a.createdAt)
      .map((r) => restorePayload(r, now(), false));
    const page = paginate(ctx, request, reply, restores);
    return page ? ok(optionalList("restores", page.items), page.pagination) : reply;
  });

  serveBoth(app, routes.abortRestore, async (request: Req, reply) => {
    const found = findBackup(request, reply);
    if (!found) return reply;
    if (rejectedByClientTypes(reply, "AbortAddonRestoreData", request.body)) return reply;
    const parsed = abortRestoreBodySchema.safeParse(request.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    const restore = state(ctx).restores.find((r) => r.id === parsed.data.restoreId && r.backupId === found.backup.id);
    if (!restore) return fail(reply, 404, `Restore ${parsed.data.restoreId} not found`);
    const status = statusOf(restore, now());
    if (status !== "scheduled" && status !== "in-progress")
      return fail(reply, 409, `Restore cannot be aborted in status ${status}`);
    restore.abortAt = now();
    restore.abortMs = Math.min(1000, Math.floor(ctx.timing.restoreMs / 4));
    ctx.store.changed();
    return ok({});
  });

  serveBoth(app, routes.listAddonRestores, async (request: Req, reply) => {
    const addon = findAddon(request, reply);
    if (!addon) return reply;
    const restores = state(ctx)
      .restores.filter(
        (r) => r.projectId === addon.projectId && r.addonId === addon.id && restoreShown(r, now(), "addon"),
      )
      .sort((a, b) => b.createdAt - a.createdAt)
      .map((r) => restorePayload(r, now(), true));
    const page = paginate(ctx, request, reply, restores);
    return page ? ok({ restores: page.items }, page.pagination) : reply;
  });
}
