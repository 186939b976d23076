/**
 * WP Engine Hosting Platform API emulation (`https://api.wpengineapi.com/v1` → `/wpengine/v1`),
 * registered from the WP Engine contract (provider/vendors/wpengine/contract.ts): installs.ts
 * (status, installs) and backups.ts (backups, restores, archives). This file holds auth,
 * time-driven effects and the admin hooks.
 */
import type { FastifyInstance } from "fastify";
import { iso, stateAt } from "../../core/clock";
import { applyBackupPatch, type SandboxContext, type VendorModule } from "../../core/vendor";
import { registerBackupRoutes } from "./backups";
import { errorBody, fail, WORDS, wpengineState } from "./common";
import { registerInstallRoutes } from "./installs";
import { WPENGINE_IDS } from "./seed";

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
    // HTTP Basic with the API user id and password; `/status` is public.
    app.addHook("onRequest", async (request, reply) => {
      if (request.is404 || request.url.split("?")[0] === "/wpengine/v1/status") return;
      const match = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? "");
      const decoded = match ? Buffer.from(match[1], "base64").toString("utf8") : "";
      const colon = decoded.indexOf(":");
      const user = wpengineState(ctx).users.find(
        (u) => colon > 0 && u.user === decoded.slice(0, colon) && u.password === decoded.slice(colon + 1),
      );
      if (!user) return fail(reply, 401);
      request.accountId = user.user;
    });

    registerInstallRoutes(app, ctx);
    registerBackupRoutes(app, ctx);

    // API Gateway answers unmapped paths and methods (e.g. DELETE a backup) with 403
    // "Missing Authentication Token", whatever the credentials.
    app.setNotFoundHandler((request, reply) => fail(reply, 403, "Missing Authentication Token"));
  },

  settle(ctx) {
    const s = wpengineState(ctx);
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
    const s = wpengineState(ctx);
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
    const s = wpengineState(ctx);
    const now = ctx.clock.now();
    return {
      ...s,
      backups: s.backups.map((b) => ({ ...b, state: stateAt(b, now), status: WORDS[stateAt(b, now)] })),
      restores: s.restores.map((r) => ({ ...r, state: stateAt(r, now) })),
    };
  },

  deleteBackup(ctx, backupId) {
    const s = wpengineState(ctx);
    const before = s.backups.length;
    s.backups = s.backups.filter((b) => b.id !== backupId);
    return before !== s.backups.length;
  },

  patchBackup(ctx, backupId, patch) {
    const backup = wpengineState(ctx).backups.find((b) => b.id === backupId);
    if (!backup) return undefined;
    applyBackupPatch(backup, patch);
    const now = ctx.clock.now();
    return { ...backup, state: stateAt(backup, now), status: WORDS[stateAt(backup, now)] };
  },
};
