/**
 * Northflank point-in-time restore (docs: "Get point-in-time restore window" and "Initiate
 * point-in-time restore"): `GET …/addons/{addonId}/pitr-window` answers
 * `{hasValidWindow, startTimestamp, endTimestamp}`; `POST …/addons/{addonId}/pitr` with
 * `{targetTimestamp}` answers the backup Northflank makes for the restore, whose restore record
 * then follows the usual lifecycle (listed by `GET …/addons/{addonId}/restores`).
 *
 * The window moves with the sandbox clock: the last PITR_RETENTION_MS up to now, for
 * PostgreSQL addons only (other types answer `hasValidWindow: false`).
 */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { type pitrWindowSchema, routes } from "../../../provider/vendors/northflank/contract";
import { DAY_MS, iso, stateAt } from "../../core/clock";
import type { SandboxContext } from "../../core/vendor";
import { addRestore, backupPayload, fail, invalid, type Req, serveBoth, state, uniqueBackupId } from "./common";
import { lookups } from "./lookups";
import type { NorthflankAddon, NorthflankBackup, NorthflankState } from "./seed";

/** How far back the window reaches. */
export const PITR_RETENTION_MS = 7 * DAY_MS;
const PITR_ADDON_TYPES = ["postgresql"];

export function pitrWindowOf(addon: NorthflankAddon, now: number): z.input<typeof pitrWindowSchema> {
  if (!PITR_ADDON_TYPES.includes(addon.type)) return { hasValidWindow: false };
  return { hasValidWindow: true, startTimestamp: iso(now - PITR_RETENTION_MS), endTimestamp: iso(now) };
}

/** The body as the PITR document states it (the official client has no PITR type). */
const pitrBody = z.object({ targetTimestamp: z.iso.datetime({ offset: true }) }).strict();

export function registerPitrRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const { findAddon } = lookups(ctx);

  serveBoth(app, routes.pitrWindow, async (request: Req, reply) => {
    const addon = findAddon(request, reply);
    if (!addon) return reply;
    return { data: pitrWindowOf(addon, ctx.clock.now()) };
  });

  serveBoth(app, routes.startPitr, async (request: Req, reply) => {
    const addon = findAddon(request, reply);
    if (!addon) return reply;
    const parsed = pitrBody.safeParse(request.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    const now = ctx.clock.now();
    const variants = ctx.variants.northflank;
    const window = pitrWindowOf(addon, now);
    if (!window.hasValidWindow) return fail(reply, 409, `Addon ${addon.id} has no valid point-in-time restore window`);
    const at = Date.parse(parsed.data.targetTimestamp);
    if (at < Date.parse(window.startTimestamp!) || at > Date.parse(window.endTimestamp!)) {
      return fail(
        reply,
        400,
        `targetTimestamp must be inside the point-in-time restore window ${window.startTimestamp} – ${window.endTimestamp}`,
        { targetTimestamp: ["must be inside the point-in-time restore window"] },
      );
    }
    if (restoreBusy(state(ctx), addon, now)) return fail(reply, 409, "A restore is already in progress for this addon");
    const name = `PITR ${iso(at).slice(0, 19).replace("T", " ")}`;
    const backup: NorthflankBackup = {
      id: uniqueBackupId(state(ctx), name),
      projectId: addon.projectId,
      addonId: addon.id,
      name,
      backupType: "dump",
      sourceType: "sameAddon",
      sizeBytes: 0,
      addonVersion: addon.version,
      createdAt: now,
      // `northflank.pitrBackupMs` / `pitrBackupOutcome`: how long the backup takes and how it ends.
      durationMs: variants.pitrBackupMs,
      ...(variants.pitrBackupOutcome === "failed" ? { endsFailed: true } : {}),
      // Kept as long as the window reaches back, like the data it was made from.
      expiresAt: now + PITR_RETENTION_MS,
    };
    state(ctx).backups.push(backup);
    // The restore starts once the backup completed (none when it fails), recorded where `pitrRecord` says.
    if (variants.pitrBackupOutcome === "completed") {
      addRestore(
        ctx,
        {
          projectId: addon.projectId,
          addonId: addon.id,
          backupId: backup.id,
          pointInTime: iso(at),
          ...(variants.pitrRecord === "backup" ? {} : { recordedIn: variants.pitrRecord }),
        },
        now + variants.pitrBackupMs,
      );
    }
    return { data: backupPayload(ctx, backup) };
  });
}

/** Whether a restore into `addon` is still running. */
export function restoreBusy(s: NorthflankState, addon: NorthflankAddon, now: number): boolean {
  return s.restores.some(
    (r) =>
      r.projectId === addon.projectId &&
      r.addonId === addon.id &&
      r.abortAt === undefined &&
      (stateAt(r, now) === "pending" || stateAt(r, now) === "running"),
  );
}
