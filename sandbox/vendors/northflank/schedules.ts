/**
 * Northflank backup schedules: list, create (per-interval rules, one per interval and backup
 * type), delete; and the run times `settle` takes scheduled backups at.
 */
import type { FastifyInstance } from "fastify";
import { createScheduleBodySchema, RETENTION_MAX_DAYS, routes } from "../../../provider/vendors/northflank/contract";
import type { SandboxContext } from "../../core/vendor";
import { fail, invalid, ok, optionalList, paginate, type Req, schedulePayload, serveBoth, state } from "./common";
import { rejectedByClientTypes } from "./client-types";
import { lookups } from "./lookups";
import { randomHex } from "../../core/http";
import { HOUR_MS } from "../../core/clock";
import type { NorthflankSchedule } from "./seed";

/** Run times of a schedule in (after, upTo]. Day 0 = Monday. */
export function scheduleRuns(schedule: NorthflankSchedule, after: number, upTo: number): number[] {
  const { interval, minute, hour = [], day = [] } = schedule.scheduling;
  const runs: number[] = [];
  for (let h = Math.floor(after / HOUR_MS) * HOUR_MS; h <= upTo; h += HOUR_MS) {
    const date = new Date(h);
    if (interval !== "hourly" && !hour.includes(date.getUTCHours())) continue;
    if (interval === "weekly" && !day.includes((date.getUTCDay() + 6) % 7)) continue;
    for (const m of minute) {
      const t = h + m * 60_000;
      if (t > after && t <= upTo) runs.push(t);
    }
  }
  return runs.sort((a, b) => a - b);
}

export function registerScheduleRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const { findAddon, destinationExists } = lookups(ctx);
  const now = () => ctx.clock.now();

  serveBoth(app, routes.listSchedules, async (request: Req, reply) => {
    const addon = findAddon(request, reply);
    if (!addon) return reply;
    const schedules = state(ctx)
      .schedules.filter((s) => s.projectId === addon.projectId && s.addonId === addon.id)
      .map(schedulePayload);
    const page = paginate(ctx, request, reply, schedules);
    return page ? ok(optionalList("schedules", page.items), page.pagination) : reply;
  });

  serveBoth(app, routes.createSchedule, async (request: Req, reply) => {
    const addon = findAddon(request, reply);
    if (!addon) return reply;
    if (rejectedByClientTypes(reply, "CreateAddonBackupscheduleData", request.body)) return reply;
    const parsed = createScheduleBodySchema.safeParse(request.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    const body = parsed.data;
    const { interval, hour, day } = body.scheduling;
    // Per-interval rules: hourly takes no hour/day; daily needs hour, no day; weekly needs hour and day.
    const rule =
      interval === "hourly" && (hour || day)
        ? "hour and day are not allowed for hourly schedules"
        : interval === "daily" && (!hour || day)
          ? "daily schedules require hour and do not allow day"
          : interval === "weekly" && (!hour || !day)
            ? "weekly schedules require hour and day"
            : undefined;
    if (rule) return fail(reply, 400, rule, { scheduling: [rule] });
    const max = RETENTION_MAX_DAYS[interval];
    if (body.retentionTime > max) {
      return fail(reply, 400, `retentionTime of ${interval} backups is at most ${max} days`, {
        retentionTime: [`must be at most ${max}`],
      });
    }
    if (body.backupType === "snapshot" && (body.compressionType || body.customDestinationId)) {
      return fail(reply, 400, "compressionType and customDestinationId are only applicable to dump backups");
    }
    if (body.backupType === "dump" && body.additionalDestinations) {
      return fail(reply, 400, "additionalDestinations is only applicable to snapshot backups");
    }
    const missing = [body.customDestinationId, ...(body.additionalDestinations ?? []).map((d) => d.destinationId)].find(
      (id) => !destinationExists(request, id),
    );
    if (missing) return fail(reply, 404, `Backup destination ${missing} not found`);
    const duplicate = state(ctx).schedules.some(
      (s) =>
        s.projectId === addon.projectId &&
        s.addonId === addon.id &&
        s.scheduling.interval === interval &&
        s.backupType === body.backupType,
    );
    // One schedule per interval per backup type; the status code is undocumented (409 chosen).
    if (duplicate)
      return fail(reply, 409, `A ${interval} ${body.backupType} backup schedule already exists for this addon`);
    const at = now();
    const schedule: NorthflankSchedule = {
      id: randomHex(12),
      projectId: addon.projectId,
      addonId: addon.id,
      backupType: body.backupType,
      ...(body.compressionType ? { compressionType: body.compressionType } : {}),
      ...(body.customDestinationId ? { customDestinationId: body.customDestinationId } : {}),
      ...(body.additionalDestinations ? { additionalDestinations: body.additionalDestinations } : {}),
      scheduling: body.scheduling,
      retentionTime: body.retentionTime,
      createdAt: at,
      updatedAt: at,
      lastRunAt: at,
    };
    state(ctx).schedules.push(schedule);
    ctx.store.changed();
    return ok({ id: schedule.id });
  });

  serveBoth(app, routes.deleteSchedule, async (request: Req, reply) => {
    const addon = findAddon(request, reply);
    if (!addon) return reply;
    const schedule = state(ctx).schedules.find(
      (s) => s.projectId === addon.projectId && s.addonId === addon.id && s.id === request.params.scheduleId,
    );
    if (!schedule) return fail(reply, 404, `Backup schedule ${request.params.scheduleId} not found`);
    state(ctx).schedules = state(ctx).schedules.filter((s) => s !== schedule);
    ctx.store.changed();
    return ok({});
  });
}
