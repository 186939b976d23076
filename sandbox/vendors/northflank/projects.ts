/**
 * Northflank projects and addons: the reads a client needs to find its addon.
 */
import type { FastifyInstance } from "fastify";
import { routes } from "../../../provider/vendors/northflank/contract";
import type { SandboxContext } from "../../core/vendor";
import { ok, paginate, type Req, serveBoth, state } from "./common";
import { lookups } from "./lookups";
import type { NorthflankAddon } from "./seed";

export function registerProjectRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const { checkTeam, findProject, findAddon } = lookups(ctx);

  serveBoth(app, routes.listProjects, async (request: Req, reply) => {
    if (!checkTeam(request, reply)) return reply;
    const projects = state(ctx)
      .projects.filter((p) => p.teamId === request.accountId)
      .map((p) => ({ id: p.id, name: p.name, description: p.description }));
    const page = paginate(ctx, request, reply, projects);
    return page ? ok({ projects: page.items }, page.pagination) : reply;
  });

  serveBoth(app, routes.getProject, async (request: Req, reply) => {
    const project = findProject(request, reply);
    return project ? ok({ id: project.id, name: project.name, description: project.description }) : reply;
  });

  const addonPayload = (addon: NorthflankAddon) => ({
    id: addon.id,
    name: addon.name,
    spec: { type: addon.type, version: addon.version },
    status: "running",
  });

  serveBoth(app, routes.listAddons, async (request: Req, reply) => {
    const project = findProject(request, reply);
    if (!project) return reply;
    const page = paginate(
      ctx,
      request,
      reply,
      state(ctx)
        .addons.filter((a) => a.projectId === project.id)
        .map(addonPayload),
    );
    return page ? ok({ addons: page.items }, page.pagination) : reply;
  });

  serveBoth(app, routes.getAddon, async (request: Req, reply) => {
    const addon = findAddon(request, reply);
    return addon ? ok(addonPayload(addon)) : reply;
  });
}
