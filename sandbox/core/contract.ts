/**
 * The sandbox registers each vendor handler from the vendor's contract route (the same
 * table the provider's client calls through), so method and path cannot drift apart.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Route } from "../../provider/vendors/shared/routes";

export type ContractRequest = FastifyRequest<{
  Params: Record<string, string>;
  Querystring: Record<string, string | undefined>;
  Body: unknown;
}>;

/** `/sites/{site_id}` → fastify's `/sites/:site_id`. */
export const fastifyPath = (template: string) => template.replace(/\{(\w+)\}/g, ":$1");

export function serve(
  app: FastifyInstance,
  route: Route,
  handler: (request: ContractRequest, reply: FastifyReply) => unknown,
): void {
  app.route({ method: route.method, url: fastifyPath(route.path), handler: handler as never });
}
