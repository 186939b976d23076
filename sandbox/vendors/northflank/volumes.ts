/**
 * Northflank volume backups: list, create, get, delete.
 */
import type { FastifyInstance, FastifyReply } from "fastify";
import { createVolumeBackupBodySchema, routes } from "../../../provider/vendors/northflank/contract";
import type { SandboxContext } from "../../core/vendor";
import { completedAtOf, fail, invalid, ok, paginate, type Req, serveBoth, slugify, state, statusOf } from "./common";
import { rejectedByClientTypes } from "./client-types";
import { lookups } from "./lookups";
import { iso } from "../../core/clock";
import type { NorthflankVolumeBackup } from "./seed";

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

export function registerVolumeRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const { findProject } = lookups(ctx);
  const now = () => ctx.clock.now();

  const findVolume = (request: Req, reply: FastifyReply) => {
    const project = findProject(request, reply);
    if (!project) return undefined;
    const volume = state(ctx).volumes.find((v) => v.projectId === project.id && v.id === request.params.volumeId);
    if (!volume) fail(reply, 404, `Volume ${request.params.volumeId} not found`);
    return volume;
  };

  serveBoth(app, routes.listVolumeBackups, async (request: Req, reply) => {
    const volume = findVolume(request, reply);
    if (!volume) return reply;
    const backups = state(ctx)
      .volumeBackups.filter((b) => b.projectId === volume.projectId && b.volumeId === volume.id)
      .sort((a, b) => b.createdAt - a.createdAt)
      .map((b) => volumeBackupPayload(ctx, b));
    const page = paginate(ctx, request, reply, backups);
    return page ? ok(page.items, page.pagination) : reply;
  });

  serveBoth(app, routes.createVolumeBackup, async (request: Req, reply) => {
    const volume = findVolume(request, reply);
    if (!volume) return reply;
    if (rejectedByClientTypes(reply, "BackupVolumeData", request.body)) return reply;
    const parsed = createVolumeBackupBodySchema.safeParse(request.body ?? {});
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

  serveBoth(app, routes.getVolumeBackup, async (request: Req, reply) => {
    const backup = findVolumeBackup(request, reply);
    return backup ? ok(volumeBackupPayload(ctx, backup)) : reply;
  });

  serveBoth(app, routes.deleteVolumeBackup, async (request: Req, reply) => {
    const backup = findVolumeBackup(request, reply);
    if (!backup) return reply;
    state(ctx).volumeBackups = state(ctx).volumeBackups.filter((b) => b !== backup);
    ctx.store.changed();
    return ok({});
  });
}
