/**
 * Kinsta API v2 emulation (`https://api.kinsta.com/v2` → `/kinsta/v2`).
 *
 * Every mutation answers 202 with an `operation_id`; `GET /operations/{id}` answers 202 while
 * the work runs, then 200 (or 500 when it failed). A manual backup only appears in the list
 * once its operation has completed (Kinsta has no per-backup status).
 */
import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { dailyRuns, stateAt, type NeutralState } from "../../core/clock";
import { bearerToken, objectBody, originOf, reasonPhrase, send, UUID_RE } from "../../core/http";
import { applyBackupPatch, type SandboxContext, type VendorModule } from "../../core/vendor";
import {
  KINSTA_DAILY_HOUR_UTC,
  KINSTA_IDS,
  KINSTA_MANUAL_BACKUP_LIMIT,
  KINSTA_RETENTION_MS,
  type KinstaBackup,
  type KinstaEnvironment,
  type KinstaOperation,
  type KinstaOperationKind,
  type KinstaState,
} from "./seed";

/** Kinsta error body as third-party fixtures show it: `{status, message, data}`. */
function errorBody(status: number, message?: string) {
  // The 429 text is the one third-party fixtures show.
  const text = message ?? (status === 429 ? "Too many requests, please try again later." : reasonPhrase(status));
  return { status, message: text, data: null };
}

function fail(reply: FastifyReply, status: number, message: string): FastifyReply {
  return send(reply, status, errorBody(status, message));
}

const state = (ctx: SandboxContext): KinstaState => ctx.store.state.kinsta;

/** A Kinsta operation's state; an add-manual operation follows its backup (so admin PATCH affects both). */
function operationState(ctx: SandboxContext, op: KinstaOperation): NeutralState {
  const now = ctx.clock.now();
  if (op.kind === "add-manual") {
    const backup = state(ctx).backups.find((b) => b.id === op.backupId);
    if (backup) return stateAt(backup, now);
  }
  return stateAt(op, now);
}

/** Backups a client can see: completed ones (pending and failed manual backups do not exist yet). */
function visibleBackups(ctx: SandboxContext, environmentId: string): KinstaBackup[] {
  const now = ctx.clock.now();
  return state(ctx)
    .backups.filter((b) => b.environmentId === environmentId && stateAt(b, now) === "completed")
    .sort((a, b) => b.createdAt - a.createdAt);
}

function environmentPayload(ctx: SandboxContext, env: KinstaEnvironment) {
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
    is_premium: env.is_premium,
    wordpress_version: env.wordpressVersion,
    domains: [domain],
    primaryDomain: domain,
    ssh_connection: { ssh_port: "22", ssh_ip: { external_ip: "127.0.0.1" } },
    container_info: { id: env.id, php_engine_version: env.phpVersion },
  };
}

export const kinsta: VendorModule = {
  name: "kinsta",
  prefix: "/kinsta/v2",
  errorBody,
  statusWords: {},

  credential: (request) => bearerToken(request) ?? "",

  routes(app: FastifyInstance, ctx: SandboxContext) {
    const now = () => ctx.clock.now();

    // Auth: `Authorization: Bearer <API key>`; the key belongs to one company.
    app.addHook("onRequest", async (request, reply) => {
      if (request.is404) return;
      const key = bearerToken(request);
      const company = state(ctx).companies.find((c) => c.apiKey === key);
      if (!company) return fail(reply, 401, "Unauthenticated.");
      request.accountId = company.id;
    });

    /** The environment if it exists and belongs to the caller's company; Kinsta answers 404 for both cases. */
    const ownEnvironment = (request: FastifyRequest, envId: string) => {
      const env = state(ctx).environments.find((e) => e.id === envId);
      const site = env && state(ctx).sites.find((s) => s.id === env.siteId);
      return env && site && site.companyId === request.accountId ? { env, site } : undefined;
    };

    const newOperation = (
      request: FastifyRequest,
      kind: KinstaOperationKind,
      environmentId: string,
      durationMs: number,
      extra: Partial<KinstaOperation> = {},
    ): KinstaOperation => {
      // Kinsta's examples suffix the operation id with a UUID; the sandbox uses a fresh one per operation.
      const op: KinstaOperation = {
        id: `backups:${kind}-${randomUUID()}`,
        kind,
        companyId: request.accountId,
        environmentId,
        createdAt: now(),
        durationMs,
        ...extra,
      };
      state(ctx).operations.push(op);
      ctx.store.changed();
      return op;
    };

    /** Optional "resource creation" lane (5/min per third-party sources); off unless configured. */
    const creationLimited = (request: FastifyRequest, reply: FastifyReply): boolean => {
      const decision = ctx.rateLimiter.hit("kinsta-create", bearerToken(request) ?? "", now());
      if (!decision || decision.allowed) return false;
      reply.header("retry-after", String(decision.resetSeconds));
      fail(reply, 429, "Too many requests, please try again later.");
      return true;
    };

    app.get<{ Querystring: { company?: string; include_environments?: string } }>("/sites", async (request, reply) => {
      const { company, include_environments } = request.query;
      if (!company) return fail(reply, 400, "company is required");
      // A key may only list its own company: 403 here (backup endpoints answer 404, as documented).
      if (company !== request.accountId) return fail(reply, 403, "You do not have permission to access this company");
      const withEnvs = include_environments === "true";
      const sites = state(ctx)
        .sites.filter((s) => s.companyId === company)
        .map((s) => ({
          id: s.id,
          name: s.name,
          display_name: s.display_name,
          status: s.status,
          siteLabels: [],
          ...(withEnvs
            ? {
                environments: state(ctx)
                  .environments.filter((e) => e.siteId === s.id)
                  .map((e) => environmentPayload(ctx, e)),
              }
            : {}),
        }));
      return { company: { sites } };
    });

    app.get<{ Params: { siteId: string } }>("/sites/:siteId", async (request, reply) => {
      const site = state(ctx).sites.find((s) => s.id === request.params.siteId && s.companyId === request.accountId);
      if (!site) return fail(reply, 404, "Site not found");
      const environments = state(ctx)
        .environments.filter((e) => e.siteId === site.id)
        .map((e) => environmentPayload(ctx, e));
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

    app.get<{ Params: { siteId: string } }>("/sites/:siteId/environments", async (request, reply) => {
      const site = state(ctx).sites.find((s) => s.id === request.params.siteId && s.companyId === request.accountId);
      if (!site) return fail(reply, 404, "Site not found");
      const environments = state(ctx)
        .environments.filter((e) => e.siteId === site.id)
        .map((e) => environmentPayload(ctx, e));
      return { site: { environments } };
    });

    app.get<{ Params: { companyId: string } }>("/company/:companyId/users", async (request, reply) => {
      if (request.params.companyId !== request.accountId) {
        return fail(reply, 403, "You do not have permission to access this company");
      }
      const company = state(ctx).companies.find((c) => c.id === request.accountId);
      return { company: { users: (company?.users ?? []).map((u) => ({ user: { ...u, image: "" } })) } };
    });

    app.get<{ Params: { envId: string } }>("/sites/environments/:envId/backups", async (request, reply) => {
      const found = ownEnvironment(request, request.params.envId);
      if (!found) return fail(reply, 404, "Environment not found");
      const backups = visibleBackups(ctx, found.env.id).map((b) => ({
        id: b.id,
        name: b.name,
        note: b.note,
        type: b.type,
        created_at: b.createdAt,
      }));
      return { environment: { display_name: found.env.display_name, backups } };
    });

    app.post<{ Params: { envId: string } }>("/sites/environments/:envId/manual-backups", async (request, reply) => {
      const found = ownEnvironment(request, request.params.envId);
      if (!found) return fail(reply, 404, "Environment not found");
      const body = objectBody(request.body ?? {});
      // `tag` is optional in every known client; its limits are unknown, so only the type is checked.
      if (!body || (body.tag !== undefined && typeof body.tag !== "string"))
        return fail(reply, 400, "tag must be a string");
      if (creationLimited(request, reply)) return reply;
      const at = now();
      // Pending manual backups count too: the cap is checked when the request is made.
      const manual = state(ctx).backups.filter(
        (b) => b.environmentId === found.env.id && b.type === "manual" && stateAt(b, at) !== "failed",
      );
      if (manual.length >= KINSTA_MANUAL_BACKUP_LIMIT) {
        // Status and text on hitting the cap are undocumented; a 400 with Kinsta's error body is chosen.
        return fail(
          reply,
          400,
          `The maximum number of manual backups (${KINSTA_MANUAL_BACKUP_LIMIT}) for this environment has been reached. Remove a manual backup first.`,
        );
      }
      const backupId = state(ctx).nextBackupId++;
      const op = newOperation(request, "add-manual", found.env.id, ctx.timing.backupMs, { backupId });
      state(ctx).backups.push({
        id: backupId,
        environmentId: found.env.id,
        name: `${found.site.name}-${Math.floor(at / 1000)}-manual`,
        note: typeof body.tag === "string" ? body.tag : "",
        type: "manual",
        createdAt: at,
        durationMs: ctx.timing.backupMs,
        expiresAt: at + KINSTA_RETENTION_MS,
        operationId: op.id,
      });
      return send(reply, 202, {
        operation_id: op.id,
        message: "Adding a manual backup to environment in progress",
        status: 202,
      });
    });

    app.delete<{ Params: { backupId: string } }>("/sites/environments/backups/:backupId", async (request, reply) => {
      const id = /^\d+$/.test(request.params.backupId) ? Number(request.params.backupId) : NaN;
      const backup = state(ctx).backups.find((b) => b.id === id);
      const owned = backup && ownEnvironment(request, backup.environmentId);
      if (!backup || !owned || stateAt(backup, now()) !== "completed") return fail(reply, 404, "Backup not found");
      const pending = state(ctx).operations.find((o) => o.kind === "remove" && o.backupId === id && !o.applied);
      const op =
        pending ?? newOperation(request, "remove", backup.environmentId, ctx.timing.backupMs, { backupId: id });
      return send(reply, 202, {
        message: "Removing a backup in progress. Use the operation_id to check the status.",
        status: 202,
        operation_id: op.id,
      });
    });

    app.post<{ Params: { envId: string } }>("/sites/environments/:envId/backups/restore", async (request, reply) => {
      const body = objectBody(request.body);
      if (!body) return fail(reply, 400, "backup_id is required");
      if (typeof body.backup_id !== "number" || !Number.isInteger(body.backup_id)) {
        return fail(reply, 400, "backup_id is required and must be a number");
      }
      // Current body: notified_user_id (UUID of a company user). Legacy body (the seed article):
      // env_display_name_of_backup. Both are accepted; the legacy name is not checked against the backup.
      const notified = body.notified_user_id;
      const legacyName = body.env_display_name_of_backup;
      if (notified === undefined && legacyName === undefined) return fail(reply, 400, "notified_user_id is required");
      if (notified !== undefined && (typeof notified !== "string" || !UUID_RE.test(notified))) {
        return fail(reply, 400, "notified_user_id must be a valid UUID");
      }
      if (legacyName !== undefined && (typeof legacyName !== "string" || legacyName === "")) {
        return fail(reply, 400, "env_display_name_of_backup must be a non-empty string");
      }
      const target = ownEnvironment(request, request.params.envId);
      if (!target) return fail(reply, 404, "Environment not found");
      if (typeof notified === "string") {
        const company = state(ctx).companies.find((c) => c.id === request.accountId);
        if (!company?.users.some((u) => u.id === notified))
          return fail(reply, 400, "notified_user_id is not a user of this company");
      }
      // The backup may come from any environment of the same site.
      const backup = state(ctx).backups.find((b) => b.id === body.backup_id);
      const source = backup && state(ctx).environments.find((e) => e.id === backup.environmentId);
      if (!backup || !source || source.siteId !== target.site.id || stateAt(backup, now()) !== "completed") {
        return fail(reply, 404, "Backup not found");
      }
      const op = newOperation(request, "restore", target.env.id, ctx.timing.restoreMs, { backupId: backup.id });
      return send(reply, 202, {
        operation_id: op.id,
        message: "Restoring a backup to environment in progress",
        status: 202,
      });
    });

    app.get<{ Params: { envId: string } }>(
      "/sites/environments/:envId/downloadable-backups",
      async (request, reply) => {
        const found = ownEnvironment(request, request.params.envId);
        if (!found) return fail(reply, 404, "Environment not found");
        const at = now();
        const downloadable_backups = state(ctx)
          .downloadableBackups.filter((d) => d.environmentId === found.env.id)
          .map((d) => {
            const done = stateAt(d, at) === "completed";
            return {
              id: d.id,
              created_at: d.createdAt,
              // The link is only there once generation finished; it points nowhere real.
              ...(done
                ? { download_link: `${originOf(request)}/kinsta/downloads/${d.id}.zip?token=${d.id.slice(0, 8)}` }
                : {}),
              expires_at: d.expiresAt,
              is_generation_in_progress: !done,
            };
          });
        return { environment: { display_name: found.env.display_name, downloadable_backups } };
      },
    );

    // Creation of downloadable backups is only known from one third-party client; the 202
    // operation envelope is assumed.
    app.post<{ Params: { envId: string } }>(
      "/sites/environments/:envId/downloadable-backups",
      async (request, reply) => {
        const found = ownEnvironment(request, request.params.envId);
        if (!found) return fail(reply, 404, "Environment not found");
        if (creationLimited(request, reply)) return reply;
        const id = randomUUID();
        const at = now();
        state(ctx).downloadableBackups.push({
          id,
          environmentId: found.env.id,
          createdAt: at,
          durationMs: ctx.timing.backupMs,
          expiresAt: at + 24 * 60 * 60 * 1000,
        });
        const op = newOperation(request, "add-downloadable", found.env.id, ctx.timing.backupMs, { downloadableId: id });
        return send(reply, 202, {
          operation_id: op.id,
          message: "Creating a downloadable backup in progress",
          status: 202,
        });
      },
    );

    app.get<{ Params: { operationId: string } }>("/operations/:operationId", async (request, reply) => {
      const op = state(ctx).operations.find(
        (o) => o.id === request.params.operationId && o.companyId === request.accountId,
      );
      if (!op) return fail(reply, 404, "Operation not found");
      const s = operationState(ctx, op);
      if (s === "completed")
        return send(reply, 200, { message: "Successfully finished request", status: 200, data: null });
      if (s === "failed") return send(reply, 500, { message: "Operation failed", status: 500, data: null });
      return send(reply, 202, { message: "Operation in progress", status: 202, data: null });
    });

    // Kinsta's router answers unknown paths and methods (e.g. GET one backup) with 404.
    app.setNotFoundHandler((request, reply) => fail(reply, 404, "Not Found"));
  },

  settle(ctx) {
    const s = state(ctx);
    const now = ctx.clock.now();
    let changed = false;
    // Apply finished operations' effects once.
    for (const op of s.operations) {
      if (op.applied) continue;
      const st = operationState(ctx, op);
      if (st !== "completed" && st !== "failed") continue;
      op.applied = true;
      changed = true;
      if (st === "failed") continue;
      if (op.kind === "remove") s.backups = s.backups.filter((b) => b.id !== op.backupId);
      if (op.kind === "restore") {
        const env = s.environments.find((e) => e.id === op.environmentId);
        if (env)
          env.lastRestoredFrom = {
            backupId: String(op.backupId),
            at: new Date(op.createdAt + op.durationMs).toISOString(),
            operationId: op.id,
          };
      }
    }
    // Automatic daily backups, materialised lazily (never older than the retention window).
    for (const env of s.environments) {
      const site = s.sites.find((x) => x.id === env.siteId);
      const after = Math.max(s.autoBackupsUntil[env.id] ?? now, now - KINSTA_RETENTION_MS);
      for (const run of dailyRuns(after, now, KINSTA_DAILY_HOUR_UTC)) {
        s.backups.push({
          id: s.nextBackupId++,
          environmentId: env.id,
          name: `${site?.name ?? "site"}-${Math.floor(run / 1000)}-daily`,
          note: "Daily Auto Backup",
          type: "daily",
          createdAt: run,
          durationMs: 0,
          expiresAt: run + KINSTA_RETENTION_MS,
        });
        changed = true;
      }
      if (s.autoBackupsUntil[env.id] !== now) {
        s.autoBackupsUntil[env.id] = now;
        changed = true;
      }
    }
    // Retention.
    const before = s.backups.length + s.downloadableBackups.length + s.operations.length;
    s.backups = s.backups.filter((b) => b.expiresAt == null || b.expiresAt > now);
    s.downloadableBackups = s.downloadableBackups.filter((d) => d.expiresAt > now);
    // Operations are forgotten a day after they finished (a third-party spec says ~24 h).
    s.operations = s.operations.filter((o) => !o.applied || o.createdAt + o.durationMs + 24 * 60 * 60 * 1000 > now);
    return changed || before !== s.backups.length + s.downloadableBackups.length + s.operations.length;
  },

  seedInfo(ctx) {
    const s = state(ctx);
    const info = (companyId: string) => ({
      apiKey: s.companies.find((c) => c.id === companyId)?.apiKey ?? "",
      companyId,
      environmentIds: s.environments
        .filter((e) => s.sites.find((x) => x.id === e.siteId)?.companyId === companyId)
        .map((e) => e.id),
    });
    return { primary: info(KINSTA_IDS.companyA), others: [info(KINSTA_IDS.companyB)] };
  },

  dump(ctx) {
    const s = state(ctx);
    const now = ctx.clock.now();
    return {
      ...s,
      backups: s.backups.map((b) => ({ ...b, state: stateAt(b, now) })),
      operations: s.operations.map((o) => ({ ...o, state: operationState(ctx, o) })),
    };
  },

  deleteBackup(ctx, backupId) {
    const s = state(ctx);
    const before = s.backups.length;
    s.backups = s.backups.filter((b) => String(b.id) !== backupId);
    return s.backups.length !== before;
  },

  patchBackup(ctx, backupId, patch) {
    const backup = state(ctx).backups.find((b) => String(b.id) === backupId);
    if (!backup) return undefined;
    applyBackupPatch(backup, patch);
    return { ...backup, state: stateAt(backup, ctx.clock.now()) };
  },
};
