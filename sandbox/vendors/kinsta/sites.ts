/** Kinsta sites, environments and company users (read-only; the provider needs none of them). */
import type { FastifyInstance } from "fastify";
import { routes } from "../../../provider/vendors/kinsta/contract";
import { serve } from "../../core/contract";
import type { SandboxContext } from "../../core/vendor";
import { fail, kinstaState } from "./common";
import type { KinstaEnvironment } from "./seed";

function environmentPayload(env: KinstaEnvironment) {
  const domain = {
    id: `${env.id.slice(0, 24)}d0000001`,
    name: env.domain,
    site_id: env.siteId,
    is_active: true,
    type: env.name,
  };
  return {
    id: env.id,
    name: env.name,
    display_name: env.display_name,
    is_blocked: false,
    id_edge_cache: env.id,
    cdn_cache_id: env.id,
    is_opt_out_from_automatic_php_update: false,
    web_root: "/",
    image_optimization_type: "off" as const,
    is_additional_sftp_accounts_enabled: false,
    is_premium: env.is_premium,
    wordpress_version: env.wordpressVersion,
    domains: [domain],
    primaryDomain: domain,
    ssh_connection: { ssh_port: "22", ssh_ip: { external_ip: "127.0.0.1" } },
    container_info: { id: env.id, php_engine_version: env.phpVersion },
  };
}

export function registerSiteRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const state = () => kinstaState(ctx);

  serve(app, routes.listSites, async (request, reply) => {
    const { company, include_environments } = request.query;
    if (!company) return fail(reply, 400, "company is required");
    // Another company's sites: 404 ("could not find data or no permission"), the only refusal getSites documents.
    if (company !== request.accountId)
      return fail(reply, 404, "Could not find data or the user does not have permissions to retrieve it");
    const withEnvs = include_environments === "true";
    const sites = state()
      .sites.filter((s) => s.companyId === company)
      .map((s) => ({
        id: s.id,
        name: s.name,
        display_name: s.display_name,
        status: s.status,
        siteLabels: [],
        ...(withEnvs
          ? {
              environments: state()
                .environments.filter((e) => e.siteId === s.id)
                .map(environmentPayload),
            }
          : {}),
      }));
    return { company: { sites } };
  });

  serve(app, routes.getSite, async (request, reply) => {
    const site = state().sites.find((s) => s.id === request.params.site_id && s.companyId === request.accountId);
    if (!site) return fail(reply, 404, "Site not found");
    const environments = state()
      .environments.filter((e) => e.siteId === site.id)
      .map((e) => {
        const { id, name, display_name, is_premium, is_blocked, domains, primaryDomain } = environmentPayload(e);
        return { id, name, display_name, is_premium, is_blocked, domains, primaryDomain };
      });
    return {
      site: {
        id: site.id,
        name: site.name,
        display_name: site.display_name,
        company_id: site.companyId,
        status: site.status,
        environments,
      },
    };
  });

  serve(app, routes.listEnvironments, async (request, reply) => {
    const site = state().sites.find((s) => s.id === request.params.site_id && s.companyId === request.accountId);
    if (!site) return fail(reply, 404, "Site not found");
    return {
      site: {
        environments: state()
          .environments.filter((e) => e.siteId === site.id)
          .map(environmentPayload),
      },
    };
  });

  serve(app, routes.listCompanyUsers, async (request, reply) => {
    if (request.params.id !== request.accountId)
      return fail(reply, 404, "Could not find data or the user does not have permissions to retrieve it");
    const company = state().companies.find((c) => c.id === request.accountId);
    const image = (email: string) =>
      `https://www.gravatar.com/avatar/${Buffer.from(email).toString("hex").slice(0, 32)}`;
    return { company: { users: (company?.users ?? []).map((u) => ({ user: { ...u, image: image(u.email) } })) } };
  });
}
