/**
 * The control API under `/_admin` (not a vendor API; no auth). Shapes are stable and
 * documented in docs/sandbox.md.
 */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { iso, NEUTRAL_STATES, parseTime, type NeutralState } from "./clock";
import { faultSpecSchema, type FaultList } from "./faults";
import { mergeVariants, VariantsError } from "./variants";
import { fleetSpecSchema, seedFleet } from "./fleet";
import { send } from "./http";
import type { RequestLog } from "./request-log";
import type { RateLimitRule } from "./rate-limit";
import { VENDOR_NAMES, type BackupPatch, type SandboxContext, type VendorModule, type VendorName } from "./vendor";

export interface AdminDeps {
  ctx: SandboxContext;
  vendors: VendorModule[];
  faults: FaultList;
  requests: RequestLog;
  /** Applies every vendor's time-driven effects (before reading state). */
  settleAll(): void;
}

const rateRuleSchema = z.object({ limit: z.number().int().positive(), windowMs: z.number().int().positive() });
const timingSchema = z.object({
  backupMs: z.number().int().nonnegative().optional(),
  restoreMs: z.number().int().nonnegative().optional(),
  /** Per lane (`kinsta`, `wpengine`, `vpsorg`, `northflank`, `kinsta-create`); `null` turns a lane off. */
  rateLimit: z.record(z.string(), rateRuleSchema.nullable()).optional(),
});
/** The body of `POST /_admin/timing`. */
export type TimingUpdate = z.input<typeof timingSchema>;

function badRequest(message: string) {
  return { error: message };
}

export function registerAdminRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { ctx, vendors, faults, requests } = deps;
  const initialVariants = ctx.variants;
  const vendorOf = (name: string): VendorModule | undefined => vendors.find((v) => v.name === name);

  app.get("/_admin/seed", async () => {
    const seed: Record<string, unknown> = {};
    const secondary: Record<string, unknown> = {};
    for (const v of vendors) {
      const info = v.seedInfo(ctx);
      seed[v.name] = info.primary;
      secondary[v.name] = info.others;
    }
    // `secondary`: further accounts per vendor (to test 403 on resources another account owns).
    return { ...seed, secondary };
  });

  app.post("/_admin/reset", async () => {
    ctx.store.reset();
    faults.clear();
    ctx.rateLimiter.clear();
    ctx.variants = initialVariants;
    return { ok: true };
  });

  app.get("/_admin/state", async () => {
    deps.settleAll();
    const dump: Record<string, unknown> = {
      now: iso(ctx.clock.now()),
      timing: ctx.timing,
      rateLimit: ctx.rateLimiter.rules,
      faults: faults.list(),
      variants: ctx.variants,
    };
    for (const v of vendors) dump[v.name] = v.dump(ctx);
    return dump;
  });

  const parsePatch = (vendor: VendorModule, body: unknown): BackupPatch | string => {
    if (typeof body !== "object" || body === null || Array.isArray(body)) return "body must be a JSON object";
    const raw = body as Record<string, unknown>;
    const patch: BackupPatch = {};
    const status = raw.status ?? raw.state;
    if (status !== undefined) {
      const word = String(status);
      const neutral = (NEUTRAL_STATES as readonly string[]).includes(word)
        ? (word as NeutralState)
        : vendor.statusWords[word];
      if (!neutral) return `unknown status "${word}" (use ${NEUTRAL_STATES.join("/")} or a ${vendor.name} status)`;
      patch.status = neutral;
    }
    // Neutral names first, then the vendors' own spellings.
    const created = raw.createdAt ?? raw.created_at ?? raw.create_time;
    if (created !== undefined) {
      const ms = parseTime(created);
      if (ms === undefined) return "createdAt must be an ISO-8601 string or epoch milliseconds";
      patch.createdAt = ms;
    }
    const expires = "expiresAt" in raw ? raw.expiresAt : "expires_at" in raw ? raw.expires_at : raw.expiredBy;
    if (expires === null) patch.expiresAt = null;
    else if (expires !== undefined) {
      const ms = parseTime(expires);
      if (ms === undefined) return "expiresAt must be an ISO-8601 string, epoch milliseconds or null";
      patch.expiresAt = ms;
    }
    return patch;
  };

  app.delete<{ Params: { vendor: string; backupId: string } }>(
    "/_admin/backups/:vendor/:backupId",
    async (request, reply) => {
      const vendor = vendorOf(request.params.vendor);
      if (!vendor) return send(reply, 404, badRequest(`unknown vendor; use one of ${VENDOR_NAMES.join(", ")}`));
      deps.settleAll();
      if (!vendor.deleteBackup(ctx, request.params.backupId)) return send(reply, 404, badRequest("no such backup"));
      ctx.store.changed();
      return send(reply, 204);
    },
  );

  app.patch<{ Params: { vendor: string; backupId: string } }>(
    "/_admin/backups/:vendor/:backupId",
    async (request, reply) => {
      const vendor = vendorOf(request.params.vendor);
      if (!vendor) return send(reply, 404, badRequest(`unknown vendor; use one of ${VENDOR_NAMES.join(", ")}`));
      const patch = parsePatch(vendor, request.body);
      if (typeof patch === "string") return send(reply, 400, badRequest(patch));
      deps.settleAll();
      const patched = vendor.patchBackup(ctx, request.params.backupId, patch);
      if (patched === undefined) return send(reply, 404, badRequest("no such backup"));
      ctx.store.changed();
      return patched;
    },
  );

  app.post("/_admin/faults", async (request, reply) => {
    const parsed = faultSpecSchema.safeParse(request.body);
    if (!parsed.success) return send(reply, 400, badRequest(z.prettifyError(parsed.error)));
    return send(reply, 201, faults.add(parsed.data));
  });
  app.get("/_admin/faults", async () => faults.list());
  app.delete("/_admin/faults", async (_request, reply) => {
    faults.clear();
    return send(reply, 204);
  });

  app.post("/_admin/timing", async (request, reply) => {
    const parsed = timingSchema.safeParse(request.body ?? {});
    if (!parsed.success) return send(reply, 400, badRequest(z.prettifyError(parsed.error)));
    const { backupMs, restoreMs, rateLimit } = parsed.data;
    if (backupMs !== undefined) ctx.timing.backupMs = backupMs;
    if (restoreMs !== undefined) ctx.timing.restoreMs = restoreMs;
    for (const [lane, rule] of Object.entries(rateLimit ?? {})) {
      if (rule === null) delete ctx.rateLimiter.rules[lane];
      else ctx.rateLimiter.rules[lane] = rule satisfies RateLimitRule;
    }
    if (rateLimit) ctx.rateLimiter.clear();
    return { ...ctx.timing, rateLimit: ctx.rateLimiter.rules };
  });
  app.get("/_admin/timing", async () => ({ ...ctx.timing, rateLimit: ctx.rateLimiter.rules }));

  // Moves the sandbox clock forward, so tests see lifecycles, daily backups and expiry without sleeping.
  app.post("/_admin/clock", async (request, reply) => {
    const parsed = z.object({ advanceMs: z.number().int().nonnegative() }).safeParse(request.body);
    if (!parsed.success) return send(reply, 400, badRequest(z.prettifyError(parsed.error)));
    ctx.clock.advance(parsed.data.advanceMs);
    deps.settleAll();
    return { now: iso(ctx.clock.now()) };
  });

  // Adds fleet accounts (idempotent) and answers every fleet account the sandbox holds.
  app.post("/_admin/fleet", async (request, reply) => {
    const parsed = fleetSpecSchema.safeParse(request.body);
    if (!parsed.success) return send(reply, 400, badRequest(z.prettifyError(parsed.error)));
    const accounts = seedFleet(ctx.store.state, parsed.data, ctx.clock.now());
    ctx.store.changed();
    return send(reply, 201, { accounts });
  });
  app.get("/_admin/fleet", async () => ({ accounts: ctx.store.state.fleet ?? [] }));

  // Undocumented vendor behaviours (variants.ts): a partial object, merged; answers them all.
  app.get("/_admin/variants", async () => ctx.variants);
  app.post("/_admin/variants", async (request, reply) => {
    try {
      ctx.variants = mergeVariants(ctx.variants, request.body ?? {});
    } catch (error) {
      if (error instanceof VariantsError) return send(reply, 400, badRequest(error.message));
      throw error;
    }
    return ctx.variants;
  });

  app.get("/_admin/requests", async () => requests.list());
  app.delete("/_admin/requests", async (_request, reply) => {
    requests.clear();
    return send(reply, 204);
  });
}

export type { VendorName };
