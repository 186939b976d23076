/**
 * WP Engine Hosting Platform API emulation (`https://api.wpengineapi.com/v1` → `/wpengine/v1`),
 * current version 1.17: backup create / get / list, restore, archives; installs.
 *
 * Backup lifecycle: `requested` → `in_progress` → `completed` (or `aborted`). Restores answer
 * 202 with no body and are otherwise invisible (WP Engine only emails); the sandbox still applies
 * them after the restore delay and records `lastRestoredFrom` on the install.
 */
import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { iso, stateAt, type NeutralState } from "../../core/clock";
import { objectBody, originOf, reasonPhrase, send, UUID_RE } from "../../core/http";
import { applyBackupPatch, type SandboxContext, type VendorModule } from "../../core/vendor";
import {
  WPENGINE_IDS,
  type WpengineArchive,
  type WpengineBackup,
  type WpengineInstall,
  type WpengineState,
} from "./seed";

const MESSAGES: Record<number, string> = {
  401: "Bad Credentials",
  403: "You don't have permission to perform that action",
  404: "Not Found",
  429: "Too Many Requests",
  500: "An unexpected error occurred, please try again in a few minutes",
  503: "Service Unavailable",
};

/** WP Engine error body: `{message}` (400 adds `errors`). 429/503 have no documented body; API Gateway sends `{message}`. */
function errorBody(status: number, message = MESSAGES[status] ?? reasonPhrase(status)) {
  return { message };
}

function fail(reply: FastifyReply, status: number, message?: string): FastifyReply {
  return send(reply, status, errorBody(status, message));
}

interface ResourceError {
  resource: string;
  field: string;
  type: "invalid_value" | "access_error" | "value_unavailable";
  code: string;
  message: string;
}

function invalid(reply: FastifyReply, resource: string, errors: ResourceError[]): FastifyReply {
  return send(reply, 400, { message: `Invalid ${resource}: ${errors[0].message}`, errors });
}

const WORDS: Record<NeutralState, string> = {
  pending: "requested",
  running: "in_progress",
  completed: "completed",
  failed: "aborted",
};

const state = (ctx: SandboxContext): WpengineState => ctx.store.state.wpengine;

/** Checks `notification_emails`: a required, non-empty array of e-mail-like strings. */
function emailErrors(resource: string, value: unknown): ResourceError[] {
  const field = "notification_emails";
  if (value === undefined || value === null) {
    return [{ resource, field, type: "invalid_value", code: "blank", message: "Notification emails can't be blank" }];
  }
  if (!Array.isArray(value) || value.length === 0) {
    return [
      {
        resource,
        field,
        type: "invalid_value",
        code: "invalid",
        message: "Notification emails must be a non-empty array",
      },
    ];
  }
  // The API documents no e-mail format rule; the sandbox only requires something@something.
  if (!value.every((e) => typeof e === "string" && /^[^@\s]+@[^@\s]+$/.test(e))) {
    return [
      {
        resource,
        field,
        type: "invalid_value",
        code: "invalid",
        message: "Notification emails must be valid email addresses",
      },
    ];
  }
  return [];
}

function backupPayload(backup: WpengineBackup, now: number) {
  const s = stateAt(backup, now);
  return {
    id: backup.id,
    status: WORDS[s],
    description: backup.description,
    create_time: iso(backup.createdAt),
    complete_time: s === "completed" ? iso(Math.min(backup.createdAt + backup.durationMs, now)) : null,
    wordpress_version: backup.wordpressVersion,
  };
}

function archivePayload(archive: WpengineArchive, now: number, origin: string) {
  const s = stateAt(archive, now);
  const started = archive.createdAt + archive.durationMs / 4;
  return {
    id: archive.id,
    backup: { id: archive.backupId },
    state: WORDS[s],
    notification_emails: archive.notificationEmails,
    create_time: iso(archive.createdAt),
    start_time: s === "pending" ? null : iso(Math.min(started, now)),
    complete_time: s === "completed" ? iso(Math.min(archive.createdAt + archive.durationMs, now)) : null,
    abort_time: s === "failed" ? iso(now) : null,
    download_uri: s === "completed" ? `${origin}/wpengine/downloads/${archive.id}.zip` : null,
  };
}

function installPayload(install: WpengineInstall) {
  return {
    id: install.id,
    name: install.name,
    account: { id: install.accountId },
    php_version: install.phpVersion,
    status: "active",
    site: { id: install.siteId },
    cname: `${install.name}.wpengine.com`,
    stable_ips: null,
    environment: install.environment,
    primary_domain: install.primaryDomain,
    is_multisite: false,
  };
}

/** limit (0–100, default 100) and offset (≥0, default 0), or a 400 already sent. */
function pagination(
  request: FastifyRequest<{ Querystring: { limit?: string; offset?: string } }>,
  reply: FastifyReply,
) {
  const { limit = "100", offset = "0" } = request.query;
  const errors: ResourceError[] = [];
  if (!/^\d+$/.test(limit) || Number(limit) > 100) {
    errors.push({
      resource: "Pagination",
      field: "limit",
      type: "invalid_value",
      code: "out_of_range",
      message: "limit must be an integer between 0 and 100",
    });
  }
  if (!/^\d+$/.test(offset)) {
    errors.push({
      resource: "Pagination",
      field: "offset",
      type: "invalid_value",
      code: "out_of_range",
      message: "offset must be an integer of at least 0",
    });
  }
  if (errors.length) {
    invalid(reply, "Pagination", errors);
    return undefined;
  }
  return { limit: Number(limit), offset: Number(offset) };
}

function page<T>(items: T[], limit: number, offset: number, url: string) {
  const link = (o: number) => `${url}?limit=${limit}&offset=${o}`;
  return {
    previous: offset > 0 ? link(Math.max(0, offset - limit)) : null,
    next: limit > 0 && offset + limit < items.length ? link(offset + limit) : null,
    count: items.length,
    results: items.slice(offset, offset + limit),
  };
}

type Req<P = object, B = unknown> = FastifyRequest<{
  Params: P;
  Body: B;
  Querystring: { limit?: string; offset?: string; account_id?: string };
}>;

export const wpengine: VendorModule = {
  name: "wpengine",
  prefix: "/wpengine/v1",
  errorBody,
  statusWords: {
    requested: "pending",
    in_progress: "running",
    initiated: "running",
    completed: "completed",
    aborted: "failed",
  },

  credential(request) {
    const header = request.headers.authorization;
    return typeof header === "string" ? header : "";
  },

  routes(app: FastifyInstance, ctx: SandboxContext) {
    const now = () => ctx.clock.now();

    // HTTP Basic with the API user id and password; `/status` is public.
    app.addHook("onRequest", async (request, reply) => {
      if (request.is404 || request.url.split("?")[0] === "/wpengine/v1/status") return;
      const match = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? "");
      const decoded = match ? Buffer.from(match[1], "base64").toString("utf8") : "";
      const colon = decoded.indexOf(":");
      const user = state(ctx).users.find(
        (u) => colon > 0 && u.user === decoded.slice(0, colon) && u.password === decoded.slice(colon + 1),
      );
      if (!user) return fail(reply, 401);
      request.accountId = user.user;
    });

    const userOf = (request: FastifyRequest) => state(ctx).users.find((u) => u.user === request.accountId);

    /**
     * The install, or an error sent: 404 when unknown or not a UUID (WP Engine's answer to a
     * malformed id is undocumented; 404 chosen), 403 when another account owns it — except
     * where the operation declares no 403 (`showBackup`, `GET /installs/{id}`), which say 404.
     */
    const findInstall = (request: FastifyRequest, reply: FastifyReply, installId: string, forbidden: 403 | 404) => {
      const install = UUID_RE.test(installId) ? state(ctx).installs.find((i) => i.id === installId) : undefined;
      if (!install) {
        fail(reply, 404);
        return undefined;
      }
      if (!userOf(request)?.accountIds.includes(install.accountId)) {
        fail(reply, forbidden);
        return undefined;
      }
      return install;
    };

    app.get("/status", async () => ({ success: true, created_on: iso(now()) }));

    app.get("/installs", async (request: Req, reply) => {
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
      const allowed = userOf(request)?.accountIds ?? [];
      const installs = state(ctx)
        .installs.filter((i) => allowed.includes(i.accountId) && (!accountId || i.accountId === accountId))
        .map(installPayload);
      return page(installs, p.limit, p.offset, `${originOf(request)}/wpengine/v1/installs`);
    });

    app.get("/installs/:installId", async (request: Req<{ installId: string }>, reply) => {
      const install = findInstall(request, reply, request.params.installId, 404);
      return install ? installPayload(install) : reply;
    });

    app.get("/installs/:installId/backups", async (request: Req<{ installId: string }>, reply) => {
      const install = findInstall(request, reply, request.params.installId, 403);
      if (!install) return reply;
      const p = pagination(request, reply);
      if (!p) return reply;
      const at = now();
      // Sort order is undocumented: newest first chosen.
      const backups = state(ctx)
        .backups.filter((b) => b.installId === install.id)
        .sort((a, b) => b.createdAt - a.createdAt)
        .map((b) => backupPayload(b, at));
      return page(backups, p.limit, p.offset, `${originOf(request)}/wpengine/v1/installs/${install.id}/backups`);
    });

    app.post("/installs/:installId/backups", async (request: Req<{ installId: string }>, reply) => {
      const install = findInstall(request, reply, request.params.installId, 403);
      if (!install) return reply;
      const body = objectBody(request.body);
      if (!body) {
        return invalid(reply, "Backup", [
          {
            resource: "Backup",
            field: "body",
            type: "invalid_value",
            code: "blank",
            message: "Request body must be a JSON object",
          },
        ]);
      }
      const errors: ResourceError[] = [];
      if (typeof body.description !== "string" || body.description.trim() === "") {
        errors.push({
          resource: "Backup",
          field: "description",
          type: "invalid_value",
          code: "blank",
          message: "Description can't be blank",
        });
      }
      errors.push(...emailErrors("Backup", body.notification_emails));
      if (errors.length) return invalid(reply, "Backup", errors);
      const backup: WpengineBackup = {
        id: randomUUID(),
        installId: install.id,
        description: body.description as string,
        notificationEmails: body.notification_emails as string[],
        wordpressVersion: install.wordpressVersion,
        createdAt: now(),
        durationMs: ctx.timing.backupMs,
        expiresAt: null,
      };
      state(ctx).backups.push(backup);
      ctx.store.changed();
      // 202 with the Backup object; with a zero delay it is already `completed`.
      return send(reply, 202, backupPayload(backup, now()));
    });

    app.get(
      "/installs/:installId/backups/:backupId",
      async (request: Req<{ installId: string; backupId: string }>, reply) => {
        const install = findInstall(request, reply, request.params.installId, 404);
        if (!install) return reply;
        const backup = state(ctx).backups.find((b) => b.id === request.params.backupId && b.installId === install.id);
        return backup ? backupPayload(backup, now()) : fail(reply, 404);
      },
    );

    app.post(
      "/installs/:installId/backups/:backupId/restore",
      async (request: Req<{ installId: string; backupId: string }>, reply) => {
        const install = findInstall(request, reply, request.params.installId, 403);
        if (!install) return reply;
        const backup = state(ctx).backups.find((b) => b.id === request.params.backupId && b.installId === install.id);
        if (!backup) return fail(reply, 404);
        const body = objectBody(request.body) ?? {};
        const errors = emailErrors("Restore", body.notification_emails);
        for (const flag of ["restore_database", "create_checkpoint"]) {
          if (body[flag] !== undefined && typeof body[flag] !== "boolean") {
            errors.push({
              resource: "Restore",
              field: flag,
              type: "invalid_value",
              code: "invalid",
              message: `${flag} must be a boolean`,
            });
          }
        }
        if (errors.length) return invalid(reply, "Restore", errors);
        // Whether an unfinished backup can be restored is undocumented: refused with a 400.
        if (stateAt(backup, now()) !== "completed") {
          return invalid(reply, "Restore", [
            {
              resource: "Restore",
              field: "backup_id",
              type: "value_unavailable",
              code: "not_completed",
              message: "Backup is not completed",
            },
          ]);
        }
        state(ctx).restores.push({
          id: randomUUID(),
          installId: install.id,
          backupId: backup.id,
          notificationEmails: body.notification_emails as string[],
          restoreDatabase: body.restore_database !== false,
          // A real restore with create_checkpoint also takes a checkpoint; the sandbox does not add one.
          createCheckpoint: body.create_checkpoint !== false,
          createdAt: now(),
          durationMs: ctx.timing.restoreMs,
        });
        ctx.store.changed();
        return send(reply, 202); // 202 Accepted, no body (completion is emailed).
      },
    );

    app.get("/installs/:installId/archives", async (request: Req<{ installId: string }>, reply) => {
      const install = findInstall(request, reply, request.params.installId, 403);
      if (!install) return reply;
      const p = pagination(request, reply);
      if (!p) return reply;
      const at = now();
      const origin = originOf(request);
      const archives = state(ctx)
        .archives.filter((a) => a.installId === install.id)
        .sort((a, b) => b.createdAt - a.createdAt)
        .map((a) => archivePayload(a, at, origin));
      return page(archives, p.limit, p.offset, `${origin}/wpengine/v1/installs/${install.id}/archives`);
    });

    app.post("/installs/:installId/archives", async (request: Req<{ installId: string }>, reply) => {
      const install = findInstall(request, reply, request.params.installId, 403);
      if (!install) return reply;
      const body = objectBody(request.body) ?? {};
      const errors: ResourceError[] = [];
      const backup =
        typeof body.backup_id === "string"
          ? state(ctx).backups.find((b) => b.id === body.backup_id && b.installId === install.id)
          : undefined;
      if (typeof body.backup_id !== "string" || !UUID_RE.test(body.backup_id)) {
        errors.push({
          resource: "Archive",
          field: "backup_id",
          type: "invalid_value",
          code: "invalid",
          message: "Backup id must be a UUID",
        });
      } else if (!backup) {
        errors.push({
          resource: "Archive",
          field: "backup_id",
          type: "value_unavailable",
          code: "not_found",
          message: "Backup not found",
        });
      } else if (stateAt(backup, now()) !== "completed") {
        errors.push({
          resource: "Archive",
          field: "backup_id",
          type: "value_unavailable",
          code: "not_completed",
          message: "Backup is not completed",
        });
      }
      errors.push(...emailErrors("Archive", body.notification_emails));
      if (errors.length || !backup) return invalid(reply, "Archive", errors);
      const archive: WpengineArchive = {
        id: randomUUID(),
        installId: install.id,
        backupId: backup.id,
        notificationEmails: body.notification_emails as string[],
        createdAt: now(),
        durationMs: ctx.timing.backupMs,
      };
      state(ctx).archives.push(archive);
      ctx.store.changed();
      // The 202 body is not captured in the docs; the sandbox returns the Archive object.
      return send(reply, 202, archivePayload(archive, now(), originOf(request)));
    });

    // API Gateway answers unmapped paths and methods (e.g. DELETE a backup) with 403
    // "Missing Authentication Token", whatever the credentials.
    app.setNotFoundHandler((request, reply) => fail(reply, 403, "Missing Authentication Token"));
  },

  settle(ctx) {
    const s = state(ctx);
    const now = ctx.clock.now();
    let changed = false;
    for (const restore of s.restores) {
      if (restore.applied || stateAt(restore, now) === "pending" || stateAt(restore, now) === "running") continue;
      restore.applied = true;
      changed = true;
      if (stateAt(restore, now) !== "completed") continue;
      const install = s.installs.find((i) => i.id === restore.installId);
      if (install)
        install.lastRestoredFrom = {
          backupId: restore.backupId,
          at: iso(restore.createdAt + restore.durationMs),
          restoreId: restore.id,
        };
    }
    const before = s.backups.length;
    s.backups = s.backups.filter((b) => b.expiresAt == null || b.expiresAt > now);
    return changed || before !== s.backups.length;
  },

  seedInfo(ctx) {
    const s = state(ctx);
    const info = (user: string) => {
      const u = s.users.find((x) => x.user === user);
      return {
        user,
        password: u?.password ?? "",
        installIds: s.installs.filter((i) => u?.accountIds.includes(i.accountId)).map((i) => i.id),
      };
    };
    return { primary: info(WPENGINE_IDS.userA), others: [info(WPENGINE_IDS.userB)] };
  },

  dump(ctx) {
    const s = state(ctx);
    const now = ctx.clock.now();
    return {
      ...s,
      backups: s.backups.map((b) => ({ ...b, state: stateAt(b, now), status: WORDS[stateAt(b, now)] })),
      restores: s.restores.map((r) => ({ ...r, state: stateAt(r, now) })),
    };
  },

  deleteBackup(ctx, backupId) {
    const s = state(ctx);
    const before = s.backups.length;
    s.backups = s.backups.filter((b) => b.id !== backupId);
    return before !== s.backups.length;
  },

  patchBackup(ctx, backupId, patch) {
    const backup = state(ctx).backups.find((b) => b.id === backupId);
    if (!backup) return undefined;
    applyBackupPatch(backup, patch);
    const now = ctx.clock.now();
    return { ...backup, state: stateAt(backup, now), status: WORDS[stateAt(backup, now)] };
  },
};
