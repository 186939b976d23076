/** WP Engine `/status` and install reads (the provider needs none of them). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { routes } from "../../../provider/vendors/wpengine/contract";
import { iso } from "../../core/clock";
import { serve } from "../../core/contract";
import { originOf, UUID_RE } from "../../core/http";
import type { SandboxContext } from "../../core/vendor";
import { fail, installPayload, invalid, page, pagination, wpengineState } from "./common";

/**
 * The install, or an error sent: 404 when unknown or not a UUID (WP Engine's answer to a
 * malformed id is undocumented; 404 chosen), 403 when another account owns it — except
 * where the operation declares no 403 (`showBackup`, `GET /installs/{id}`), which say 404.
 */
export function findInstall(
  ctx: SandboxContext,
  request: FastifyRequest,
  reply: FastifyReply,
  installId: string,
  forbidden: 403 | 404,
) {
  const install = UUID_RE.test(installId) ? wpengineState(ctx).installs.find((i) => i.id === installId) : undefined;
  if (!install) {
    fail(reply, 404);
    return undefined;
  }
  const user = wpengineState(ctx).users.find((u) => u.user === request.accountId);
  if (!user?.accountIds.includes(install.accountId)) {
    fail(reply, forbidden);
    return undefined;
  }
  return install;
}

export function registerInstallRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const state = () => wpengineState(ctx);

  serve(app, routes.status, async () => ({ success: true, created_on: iso(ctx.clock.now()) }));

  serve(app, routes.listInstalls, async (request, reply) => {
    const p = pagination(request, reply);
    if (!p) return reply;
    const accountId = request.query.account_id;
    if (accountId !== undefined && !UUID_RE.test(accountId)) {
      return invalid(reply, "Install", [
        {
          resource: "Install",
          field: "account_id",
          type: "invalid_value",
          code: "invalid",
          message: "account_id must be a UUID",
        },
      ]);
    }
    const allowed = state().users.find((u) => u.user === request.accountId)?.accountIds ?? [];
    const installs = state()
      .installs.filter((i) => allowed.includes(i.accountId) && (!accountId || i.accountId === accountId))
      .map(installPayload);
    return page(installs, p.limit, p.offset, `${originOf(request)}/wpengine/v1/installs`);
  });

  serve(app, routes.getInstall, async (request, reply) => {
    const install = findInstall(ctx, request, reply, request.params.install_id, 404);
    return install ? installPayload(install) : reply;
  });
}
