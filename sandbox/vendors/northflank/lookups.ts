/**
 * The lookups every Northflank route starts with: the token's team, then project, addon and
 * backup, each answering Northflank's error itself (403 for another team's, 404 for unknown).
 */
import type { FastifyReply } from "fastify";
import type { SandboxContext } from "../../core/vendor";
import { fail, state, type Req } from "./common";
import type { NorthflankAddon, NorthflankBackup, NorthflankProject } from "./seed";

/** The lookups every route starts with; each answers the error itself and returns `undefined`. */
export function lookups(ctx: SandboxContext) {
  const checkTeam = (request: Req, reply: FastifyReply): boolean => {
    const teamId = request.params.teamId;
    if (teamId === undefined || teamId === request.accountId) return true;
    if (!state(ctx).teams.some((t) => t.id === teamId)) fail(reply, 404, "Team not found");
    else fail(reply, 403, "The API token does not have access to this team");
    return false;
  };

  const findProject = (request: Req, reply: FastifyReply): NorthflankProject | undefined => {
    if (!checkTeam(request, reply)) return undefined;
    const project = state(ctx).projects.find((p) => p.id === request.params.projectId);
    if (!project) {
      fail(reply, 404, `Project ${request.params.projectId} not found`);
      return undefined;
    }
    if (project.teamId !== request.accountId) {
      fail(reply, 403, "The API token does not have access to this project");
      return undefined;
    }
    return project;
  };

  const findAddon = (request: Req, reply: FastifyReply): NorthflankAddon | undefined => {
    const project = findProject(request, reply);
    if (!project) return undefined;
    const addon = state(ctx).addons.find((a) => a.projectId === project.id && a.id === request.params.addonId);
    if (!addon) fail(reply, 404, `Addon ${request.params.addonId} not found`);
    return addon;
  };

  const findBackup = (
    request: Req,
    reply: FastifyReply,
  ): { addon: NorthflankAddon; backup: NorthflankBackup } | undefined => {
    const addon = findAddon(request, reply);
    if (!addon) return undefined;
    const backup = state(ctx).backups.find(
      (b) => b.projectId === addon.projectId && b.addonId === addon.id && b.id === request.params.backupId,
    );
    if (!backup) {
      fail(reply, 404, `Backup ${request.params.backupId} not found`);
      return undefined;
    }
    return { addon, backup };
  };

  /** The target addon, and a backup of the source addon named in the query ("global" backup). */
  const findGlobalBackup = (
    request: Req,
    reply: FastifyReply,
    sourceProjectId = request.params.projectId,
    sourceAddonId = request.params.addonId,
  ): { addon: NorthflankAddon; backup: NorthflankBackup } | undefined => {
    const addon = findAddon(request, reply);
    if (!addon) return undefined;
    const sourceProject = state(ctx).projects.find((p) => p.id === sourceProjectId);
    if (sourceProject && sourceProject.teamId !== request.accountId) {
      fail(reply, 403, "The API token does not have access to this project");
      return undefined;
    }
    const backup = state(ctx).backups.find(
      (b) => b.projectId === sourceProjectId && b.addonId === sourceAddonId && b.id === request.params.backupId,
    );
    if (!backup) {
      fail(reply, 404, `Backup ${request.params.backupId} not found`);
      return undefined;
    }
    return { addon, backup };
  };

  const destinationExists = (request: Req, id: string | undefined) =>
    id === undefined || state(ctx).destinations.some((d) => d.teamId === request.accountId && d.id === id);

  return { checkTeam, findProject, findAddon, findBackup, findGlobalBackup, destinationExists };
}
