/**
 * Northflank addon backups: list, create, get, delete, abort, retain, download link, and
 * import (which has no team-scoped twin in the official client).
 */
import type { FastifyInstance } from "fastify";
import { createBackupBodySchema, importBackupBodySchema, routes } from "../../../provider/vendors/northflank/contract";
import type { SandboxContext } from "../../core/vendor";
import {
  backupPayload,
  dateName,
  fail,
  invalid,
  listedBackupPayload,
  ok,
  paginate,
  type Req,
  serveBoth,
  state,
  statusOf,
  uniqueBackupId,
} from "./common";
import { rejectedByClientTypes } from "./client-types";
import { lookups } from "./lookups";
import { originOf, randomHex } from "../../core/http";
import type { NorthflankBackup } from "./seed";

export function registerBackupRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const { findAddon, findBackup, destinationExists } = lookups(ctx);
  const now = () => ctx.clock.now();

  serveBoth(app, routes.listBackups, async (request: Req, reply) => {
    const addon = findAddon(request, reply);
    if (!addon) return reply;
    const backups = state(ctx)
      .backups.filter((b) => b.projectId === addon.projectId && b.addonId === addon.id)
      .sort((a, b) => b.createdAt - a.createdAt)
      .map((b) => listedBackupPayload(ctx, b));
    const page = paginate(ctx, request, reply, backups);
    return page ? ok({ backups: page.items }, page.pagination) : reply;
  });

  serveBoth(app, routes.createBackup, async (request: Req, reply) => {
    const addon = findAddon(request, reply);
    if (!addon) return reply;
    if (rejectedByClientTypes(reply, "BackupAddonData", request.body)) return reply;
    const parsed = createBackupBodySchema.safeParse(request.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    const body = parsed.data;
    const backupType = body.backupType ?? "snapshot";
    if (backupType === "snapshot" && (body.compressionType || body.customDestinationId)) {
      return fail(reply, 400, "compressionType and customDestinationId are only applicable to dump backups");
    }
    if (backupType === "dump" && body.additionalDestinations) {
      return fail(reply, 400, "additionalDestinations is only applicable to snapshot backups");
    }
    const missing = [body.customDestinationId, ...(body.additionalDestinations ?? []).map((d) => d.destinationId)].find(
      (id) => !destinationExists(request, id),
    );
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

  serveBoth(app, routes.getBackup, async (request: Req, reply) => {
    const found = findBackup(request, reply);
    return found ? ok(backupPayload(ctx, found.backup)) : reply;
  });

  serveBoth(app, routes.deleteBackup, async (request: Req, reply) => {
    const found = findBackup(request, reply);
    if (!found) return reply;
    state(ctx).backups = state(ctx).backups.filter((b) => b !== found.backup);
    ctx.store.changed();
    return ok({});
  });

  serveBoth(app, routes.abortBackup, async (request: Req, reply) => {
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

  serveBoth(app, routes.retainBackup, async (request: Req, reply) => {
    const found = findBackup(request, reply);
    if (!found) return reply;
    found.backup.expiresAt = null; // kept indefinitely
    ctx.store.changed();
    return ok({});
  });

  serveBoth(app, routes.downloadLink, async (request: Req, reply) => {
    const found = findBackup(request, reply);
    if (!found) return reply;
    if (statusOf(found.backup, now()) !== "completed") return fail(reply, 409, "Backup is not completed");
    // A temporary link (it points at the sandbox and downloads nothing).
    const token = randomHex(8);
    return ok({
      downloadLink: `${originOf(request)}/northflank/downloads/${found.backup.projectId}/${found.backup.addonId}/${found.backup.id}.tar.gz?token=${token}`,
    });
  });

  serveBoth(
    app,
    routes.importBackup,
    async (request: Req, reply) => {
      const addon = findAddon(request, reply);
      if (!addon) return reply;
      if (rejectedByClientTypes(reply, "ImportAddonBackupData", request.body)) return reply;
      const parsed = importBackupBodySchema.safeParse(request.body ?? {});
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
    },
    // Import has no team-scoped twin in the official client.
    { teamScoped: false },
  );
}
