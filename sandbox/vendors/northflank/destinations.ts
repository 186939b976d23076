/**
 * Northflank backup destinations (team level): list (secrets masked), create, get, patch,
 * delete, and the backups stored in one.
 */
import type { FastifyInstance, FastifyReply } from "fastify";
import {
  createDestinationBodySchema,
  patchDestinationBodySchema,
  routes,
} from "../../../provider/vendors/northflank/contract";
import type { SandboxContext } from "../../core/vendor";
import { completedAtOf, fail, invalid, ok, paginate, type Req, serveBoth, slugify, state, statusOf } from "./common";
import { rejectedByClientTypes } from "./client-types";
import { lookups } from "./lookups";
import { DAY_MS, iso } from "../../core/clock";
import type { NorthflankDestination } from "./seed";

/**
 * The list (`ListBackupdestinationsResult`) masks secrets and, as the official client types
 * it, carries no id or timestamps; get, create and patch answer them.
 */
function destinationPayload(destination: NorthflankDestination, revealSecrets: boolean) {
  const { credentials } = destination;
  return {
    ...(revealSecrets ? { id: destination.id } : {}),
    name: destination.name,
    ...(destination.description !== undefined ? { description: destination.description } : {}),
    type: destination.type,
    prefix: destination.prefix,
    credentials: revealSecrets
      ? credentials
      : { ...credentials, accessKey: `****${credentials.accessKey.slice(-4)}`, secretKey: "********" },
    ...(revealSecrets ? { createdAt: iso(destination.createdAt), updatedAt: iso(destination.updatedAt) } : {}),
  };
}

export function registerDestinationRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const { checkTeam } = lookups(ctx);
  const now = () => ctx.clock.now();

  // ---- backup destinations (team level) ----
  const findDestination = (request: Req, reply: FastifyReply) => {
    if (!checkTeam(request, reply)) return undefined;
    const destination = state(ctx).destinations.find((d) => d.id === request.params.destinationId);
    if (!destination) {
      fail(reply, 404, `Backup destination ${request.params.destinationId} not found`);
      return undefined;
    }
    if (destination.teamId !== request.accountId) {
      fail(reply, 403, "The API token does not have access to this backup destination");
      return undefined;
    }
    return destination;
  };

  serveBoth(app, routes.listDestinations, async (request: Req, reply) => {
    if (!checkTeam(request, reply)) return reply;
    const destinations = state(ctx)
      .destinations.filter((d) => d.teamId === request.accountId)
      .map((d) => destinationPayload(d, false));
    const page = paginate(ctx, request, reply, destinations);
    return page ? ok({ backupDestinations: page.items }, page.pagination) : reply;
  });

  serveBoth(app, routes.createDestination, async (request: Req, reply) => {
    if (!checkTeam(request, reply)) return reply;
    if (rejectedByClientTypes(reply, "AddBackupdestinationData", request.body)) return reply;
    const parsed = createDestinationBodySchema.safeParse(request.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    const id = slugify(parsed.data.name);
    if (state(ctx).destinations.some((d) => d.id === id))
      return fail(reply, 409, `A backup destination with id ${id} already exists`);
    const at = now();
    const destination: NorthflankDestination = {
      id,
      teamId: request.accountId,
      ...parsed.data,
      createdAt: at,
      updatedAt: at,
    };
    state(ctx).destinations.push(destination);
    ctx.store.changed();
    return ok(destinationPayload(destination, true));
  });

  serveBoth(app, routes.getDestination, async (request: Req, reply) => {
    const destination = findDestination(request, reply);
    return destination ? ok(destinationPayload(destination, true)) : reply;
  });

  serveBoth(app, routes.patchDestination, async (request: Req, reply) => {
    const destination = findDestination(request, reply);
    if (!destination) return reply;
    if (rejectedByClientTypes(reply, "PatchBackupdestinationData", request.body)) return reply;
    const parsed = patchDestinationBodySchema.safeParse(request.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    Object.assign(destination, parsed.data, { updatedAt: now() });
    ctx.store.changed();
    return ok(destinationPayload(destination, true));
  });

  serveBoth(app, routes.deleteDestination, async (request: Req, reply) => {
    const destination = findDestination(request, reply);
    if (!destination) return reply;
    state(ctx).destinations = state(ctx).destinations.filter((d) => d !== destination);
    ctx.store.changed();
    return ok({});
  });

  serveBoth(app, routes.listDestinationBackups, async (request: Req, reply) => {
    const destination = findDestination(request, reply);
    if (!destination) return reply;
    const at = now();
    const items = state(ctx)
      .backups.filter(
        (b) =>
          b.customDestinationId === destination.id ||
          (b.additionalDestinations ?? []).some((d) => d.destinationId === destination.id),
      )
      .sort((a, b) => b.createdAt - a.createdAt)
      .map((b) => {
        const project = state(ctx).projects.find((p) => p.id === b.projectId);
        const addon = state(ctx).addons.find((a) => a.projectId === b.projectId && a.id === b.addonId);
        const schedule = state(ctx).schedules.find((s) => s.id === b.scheduleId);
        const retention = (b.additionalDestinations ?? []).find(
          (d) => d.destinationId === destination.id,
        )?.retentionTime;
        const completedAt = statusOf(b, at) === "completed" ? completedAtOf(b, at) : undefined;
        return {
          id: b.id,
          name: b.name,
          status: statusOf(b, at),
          project: { id: b.projectId, name: project?.name },
          addon: { id: b.addonId, name: addon?.name },
          config: {
            addonVersion: b.addonVersion,
            addonType: addon?.type,
            source: { type: "global" },
            size: String(b.sizeBytes),
          },
          ...(schedule ? { schedules: [schedule.scheduling] } : {}),
          // Epoch ms. Without an expiry of its own, the destination's retentionTime (default 30 days; chosen) applies.
          expiredBy: b.expiresAt ?? b.createdAt + (retention ?? 30) * DAY_MS,
          createdAt: iso(b.createdAt),
          ...(completedAt ? { completedAt } : {}),
        };
      });
    const page = paginate(ctx, request, reply, items);
    return page ? ok(page.items, page.pagination) : reply;
  });
}
