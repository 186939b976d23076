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
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import { pitrRequestSchema, pitrWindowSchema } from "../../../provider/vendors/northflank/schemas";
import { DAY_MS, iso, stateAt } from "../../core/clock";
import type { SandboxContext } from "../../core/vendor";
import type { NorthflankAddon, NorthflankBackup, NorthflankState } from "./seed";

/** How far back the window reaches. */
export const PITR_RETENTION_MS = 7 * DAY_MS;
const PITR_ADDON_TYPES = ["postgresql"];

export interface PitrDeps {
  ctx: SandboxContext;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  findAddon: (request: any, reply: FastifyReply) => NorthflankAddon | undefined;
  fail: (reply: FastifyReply, status: number, message: string, details?: unknown) => FastifyReply;
  invalid: (reply: FastifyReply, error: z.ZodError) => FastifyReply;
  backupPayload: (ctx: SandboxContext, backup: NorthflankBackup) => unknown;
  uniqueBackupId: (s: NorthflankState, name: string) => string;
  /** True while a restore into the addon is scheduled, in progress or aborting. */
  restoreBusy: (addon: NorthflankAddon) => boolean;
}

export function pitrWindowOf(addon: NorthflankAddon, now: number): z.input<typeof pitrWindowSchema> {
  if (!PITR_ADDON_TYPES.includes(addon.type)) return { hasValidWindow: false };
  return { hasValidWindow: true, startTimestamp: iso(now - PITR_RETENTION_MS), endTimestamp: iso(now) };
}

export function registerPitrRoutes(app: FastifyInstance, addonPath: string, deps: PitrDeps) {
  const { ctx, fail } = deps;
  const state = (): NorthflankState => ctx.store.state.northflank;

  app.get(`${addonPath}/pitr-window`, async (request: FastifyRequest, reply) => {
    const addon = deps.findAddon(request, reply);
    if (!addon) return reply;
    return { data: pitrWindowOf(addon, ctx.clock.now()) };
  });

  app.post(`${addonPath}/pitr`, async (request: FastifyRequest, reply) => {
    const addon = deps.findAddon(request, reply);
    if (!addon) return reply;
    const parsed = pitrRequestSchema.safeParse(request.body ?? {});
    if (!parsed.success) return deps.invalid(reply, parsed.error);
    const now = ctx.clock.now();
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
    if (deps.restoreBusy(addon)) return fail(reply, 409, "A restore is already in progress for this addon");
    const name = `PITR ${iso(at).slice(0, 19).replace("T", " ")}`;
    const backup: NorthflankBackup = {
      id: deps.uniqueBackupId(state(), name),
      projectId: addon.projectId,
      addonId: addon.id,
      name,
      backupType: "dump",
      sourceType: "sameAddon",
      sizeBytes: 0,
      addonVersion: addon.version,
      createdAt: now,
      durationMs: 0,
      // Kept as long as the window reaches back, like the data it was made from.
      expiresAt: now + PITR_RETENTION_MS,
    };
    state().backups.push(backup);
    let id = String(now);
    while (state().restores.some((r) => r.id === id)) id = String(Number(id) + 1);
    state().restores.push({
      id,
      projectId: addon.projectId,
      addonId: addon.id,
      backupId: backup.id,
      pointInTime: iso(at),
      createdAt: now,
      durationMs: ctx.timing.restoreMs,
    });
    ctx.store.changed();
    return { data: deps.backupPayload(ctx, backup) };
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
