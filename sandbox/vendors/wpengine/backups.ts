/**
 * WP Engine backups (API 1.17.0): list, create, show, restore, archives list. Lifecycle:
 * `requested` → `in_progress` → `completed` (or `aborted`). Restores answer 202 with no body and
 * are otherwise invisible (WP Engine only emails); the sandbox still applies them after the
 * restore delay and records `lastRestoredFrom` on the install. Creating archives is in no
 * version of the spec and is not served.
 */
import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { routes } from "../../../provider/vendors/wpengine/contract";
import { stateAt } from "../../core/clock";
import { serve } from "../../core/contract";
import { objectBody, originOf, send } from "../../core/http";
import type { SandboxContext } from "../../core/vendor";
import {
  archivePayload,
  backupPayload,
  emailErrors,
  fail,
  invalid,
  page,
  pagination,
  wpengineState,
  type ResourceError,
} from "./common";
import { findInstall } from "./installs";
import type { WpengineBackup } from "./seed";

export function registerBackupRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const state = () => wpengineState(ctx);
  const now = () => ctx.clock.now();

  serve(app, routes.listBackups, async (request, reply) => {
    const install = findInstall(ctx, request, reply, request.params.install_id, 403);
    if (!install) return reply;
    const p = pagination(request, reply);
    if (!p) return reply;
    const at = now();
    // Sort order is undocumented: newest first chosen.
    const backups = state()
      .backups.filter((b) => b.installId === install.id)
      .sort((a, b) => b.createdAt - a.createdAt)
      .map((b) => backupPayload(b, at));
    return page(backups, p.limit, p.offset, `${originOf(request)}/wpengine/v1/installs/${install.id}/backups`);
  });

  serve(app, routes.createBackup, async (request, reply) => {
    const install = findInstall(ctx, request, reply, request.params.install_id, 403);
    if (!install) return reply;
    const body = objectBody(request.body);
    if (!body) {
      return invalid(reply, "Backup", [
        {
          resource: "Backup",
          field: "body",
          type: "invalid_value",
          code: "blank",
          message: "Request body must be a JSON object",
        },
      ]);
    }
    const errors: ResourceError[] = [];
    if (typeof body.description !== "string" || body.description.trim() === "") {
      errors.push({
        resource: "Backup",
        field: "description",
        type: "invalid_value",
        code: "blank",
        message: "Description can't be blank",
      });
    }
    errors.push(...emailErrors("Backup", body.notification_emails));
    if (errors.length) return invalid(reply, "Backup", errors);
    const backup: WpengineBackup = {
      id: randomUUID(),
      installId: install.id,
      description: body.description as string,
      notificationEmails: body.notification_emails as string[],
      wordpressVersion: install.wordpressVersion,
      createdAt: now(),
      durationMs: ctx.timing.backupMs,
      expiresAt: null,
    };
    state().backups.push(backup);
    ctx.store.changed();
    // 202 with the Backup object; with a zero delay it is already `completed`.
    return send(reply, 202, backupPayload(backup, now()));
  });

  serve(app, routes.getBackup, async (request, reply) => {
    const install = findInstall(ctx, request, reply, request.params.install_id, 404);
    if (!install) return reply;
    const backup = state().backups.find((b) => b.id === request.params.backup_id && b.installId === install.id);
    return backup ? backupPayload(backup, now()) : fail(reply, 404);
  });

  serve(app, routes.restoreBackup, async (request, reply) => {
    const install = findInstall(ctx, request, reply, request.params.install_id, 403);
    if (!install) return reply;
    const backup = state().backups.find((b) => b.id === request.params.backup_id && b.installId === install.id);
    if (!backup) return fail(reply, 404);
    const body = objectBody(request.body) ?? {};
    const errors = emailErrors("Restore", body.notification_emails);
    for (const flag of ["restore_database", "create_checkpoint"]) {
      if (body[flag] !== undefined && typeof body[flag] !== "boolean") {
        errors.push({
          resource: "Restore",
          field: flag,
          type: "invalid_value",
          code: "invalid",
          message: `${flag} must be a boolean`,
        });
      }
    }
    if (errors.length) return invalid(reply, "Restore", errors);
    // Whether an unfinished backup can be restored is undocumented: refused with a 400.
    if (stateAt(backup, now()) !== "completed") {
      return invalid(reply, "Restore", [
        {
          resource: "Restore",
          field: "backup_id",
          type: "value_unavailable",
          code: "not_completed",
          message: "Backup is not completed",
        },
      ]);
    }
    state().restores.push({
      id: randomUUID(),
      installId: install.id,
      backupId: backup.id,
      notificationEmails: body.notification_emails as string[],
      restoreDatabase: body.restore_database !== false,
      // A real restore with create_checkpoint also takes a checkpoint; the sandbox does not add one.
      createCheckpoint: body.create_checkpoint !== false,
      createdAt: now(),
      durationMs: ctx.timing.restoreMs,
    });
    ctx.store.changed();
    return send(reply, 202); // 202 Accepted, no body (completion is emailed).
  });

  serve(app, routes.listArchives, async (request, reply) => {
    const install = findInstall(ctx, request, reply, request.params.install_id, 403);
    if (!install) return reply;
    const p = pagination(request, reply);
    if (!p) return reply;
    const at = now();
    const origin = originOf(request);
    const archives = state()
      .archives.filter((a) => a.installId === install.id)
      .sort((a, b) => b.createdAt - a.createdAt)
      .map((a) => archivePayload(a, at, origin));
    return page(archives, p.limit, p.offset, `${origin}/wpengine/v1/installs/${install.id}/archives`);
  });
}
