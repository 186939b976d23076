/**
 * Kinsta API v2 emulation (`https://api.kinsta.com/v2` → `/kinsta/v2`), registered from the
 * Kinsta contract (provider/vendors/kinsta/contract.ts): sites.ts (sites, environments, company
 * users) and backups.ts (backups, restores, operations). This file holds auth, time-driven
 * effects and the admin hooks.
 */
import type { FastifyInstance } from "fastify";
import { dailyRuns, stateAt } from "../../core/clock";
import { bearerToken } from "../../core/http";
import { applyBackupPatch, type SandboxContext, type VendorModule } from "../../core/vendor";
import { registerBackupRoutes } from "./backups";
import { errorBody, fail, kinstaState as state, operationState } from "./common";
import { KINSTA_DAILY_HOUR_UTC, KINSTA_IDS, KINSTA_RETENTION_MS } from "./seed";
import { registerSiteRoutes } from "./sites";

export const kinsta: VendorModule = {
  name: "kinsta",
  prefix: "/kinsta/v2",
  errorBody,
  statusWords: {},

  credential: (request) => bearerToken(request) ?? "",

  routes(app: FastifyInstance, ctx: SandboxContext) {
    // Auth: `Authorization: Bearer <API key>`; the key belongs to one company.
    app.addHook("onRequest", async (request, reply) => {
      if (request.is404) return;
      const key = bearerToken(request);
      const company = state(ctx).companies.find((c) => c.apiKey === key);
      if (!company) return fail(reply, 401, "Unauthenticated.");
      request.accountId = company.id;
    });

    registerSiteRoutes(app, ctx);
    registerBackupRoutes(app, ctx);

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
    // Downloadable backups (UUID ids) can be patched too, e.g. back to "generating".
    const backup =
      state(ctx).backups.find((b) => String(b.id) === backupId) ??
      state(ctx).downloadableBackups.find((d) => d.id === backupId);
    if (!backup) return undefined;
    applyBackupPatch(backup, patch);
    return { ...backup, state: stateAt(backup, ctx.clock.now()) };
  },
};
