/**
 * Local sandbox of the four vendors' backup APIs: one fastify server, one port, a prefix per
 * vendor (`/kinsta/v2`, `/wpengine/v1`, `/vpsorg/api/v1`, `/northflank/v1`) and the control
 * API under `/_admin`. Start it in-process with `startSandbox()` or from the CLI (`main.ts`).
 */
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import { registerAdminRoutes } from "./core/admin-routes";
import { Clock, iso } from "./core/clock";
import { FaultList } from "./core/faults";
import { seedFleet, type FleetSpec } from "./core/fleet";
import { RateLimiter, type RateLimitRule } from "./core/rate-limit";
import { RequestLog } from "./core/request-log";
import { seedState, type SandboxState } from "./core/state";
import { Store } from "./core/store";
import type { SandboxContext, VendorModule, VendorName } from "./core/vendor";
import { DEFAULT_VARIANTS, mergeVariants, type VariantsUpdate } from "./core/variants";
import { kinsta } from "./vendors/kinsta/routes";
import { northflank } from "./vendors/northflank/routes";
import { vpsorg } from "./vendors/vpsorg/routes";
import { wpengine } from "./vendors/wpengine/routes";

export type { VendorName } from "./core/vendor";
export type { RateLimitRule } from "./core/rate-limit";
export type { Variants, VariantsUpdate } from "./core/variants";

export const VENDORS: readonly VendorModule[] = [kinsta, wpengine, vpsorg, northflank];

/**
 * Default per-credential limits. Kinsta: 120/min (third-party sources); Northflank: 1000/h
 * (documented). WP Engine and VPS.org publish none: 600/min chosen, generous for tests.
 * The `kinsta-create` lane (5/min for creations per third-party sources) is off by default.
 */
export const DEFAULT_RATE_LIMITS: Record<string, RateLimitRule> = {
  kinsta: { limit: 120, windowMs: 60_000 },
  wpengine: { limit: 600, windowMs: 60_000 },
  vpsorg: { limit: 600, windowMs: 60_000 },
  northflank: { limit: 1000, windowMs: 3_600_000 },
};

export interface SandboxOptions {
  /** 0 (default) = a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Persist the state to this JSON file (read at start, written after each change). */
  stateFile?: string;
  /** Backup (and Kinsta operation) completion delay, ms. Default 2000. */
  backupMs?: number;
  /** Restore completion delay, ms. Default 2000. */
  restoreMs?: number;
  /** Override rate limits per lane (`kinsta`, `wpengine`, `vpsorg`, `northflank`, `kinsta-create`); `null` disables a lane. */
  rateLimit?: Partial<Record<string, RateLimitRule | null>>;
  /** Seed a fleet at start (and on reset): `accounts` per vendor with `targetsPerAccount` targets each. */
  fleet?: FleetSpec;
  /** Undocumented vendor behaviours to emulate (sandbox/core/variants.ts); `/_admin/reset` returns to these. */
  variants?: VariantsUpdate;
  /** Fastify request logging (off by default). */
  logger?: boolean;
  /**
   * Called with every vendor request and its answer, bodies included (tests hold them against
   * the vendors' specs). Not called for requests whose connection a fault reset.
   */
  onExchange?(exchange: Exchange): void;
}

/** One vendor request and the sandbox's answer. */
export interface Exchange {
  vendor: VendorName;
  method: string;
  /** Below the vendor's prefix, with the query string, e.g. `/backups/?server_id=12345`. */
  path: string;
  status: number;
  /** The parsed JSON request body, or undefined. */
  requestBody: unknown;
  /** The parsed JSON answer; the raw text when it is not JSON; undefined when empty. */
  responseBody: unknown;
  /** An injected fault shaped the answer (its status or body is the fault's, not the vendor's). */
  faulted: boolean;
}

export interface RunningSandbox {
  /** e.g. `http://127.0.0.1:4010` */
  url: string;
  port: number;
  /** Each vendor's base URL, e.g. `http://127.0.0.1:4010/kinsta/v2`. */
  baseUrls: Record<VendorName, string>;
  /** Stops the server and writes pending state. */
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Builds the fastify app (not listening). Exposed for tests that want `app.inject`. */
export function buildSandboxApp(options: SandboxOptions = {}): { app: FastifyInstance; ctx: SandboxContext } {
  const clock = new Clock();
  const rules: Record<string, RateLimitRule> = { ...DEFAULT_RATE_LIMITS };
  for (const [lane, rule] of Object.entries(options.rateLimit ?? {})) {
    if (rule) rules[lane] = rule;
    else delete rules[lane];
  }
  const ctx: SandboxContext = {
    clock,
    timing: { backupMs: options.backupMs ?? 2000, restoreMs: options.restoreMs ?? 2000 },
    store: new Store<SandboxState>(() => {
      const seeded = seedState(clock.now());
      if (options.fleet) seedFleet(seeded, options.fleet, clock.now());
      return seeded;
    }, options.stateFile),
    rateLimiter: new RateLimiter(rules),
    variants: mergeVariants(DEFAULT_VARIANTS, options.variants ?? {}),
  };
  // A state file written before the fleet flag was given gets the fleet too (seeding is idempotent).
  if (options.fleet && options.stateFile) seedFleet(ctx.store.state, options.fleet, clock.now());
  const faults = new FaultList();
  const requests = new RequestLog();
  const logged = new WeakSet<FastifyRequest>();
  const delayed = new WeakMap<FastifyRequest, number>();
  const garbled = new WeakSet<FastifyRequest>();
  const faulted = new WeakSet<FastifyRequest>();
  const answers = new WeakMap<FastifyRequest, unknown>();

  const app = Fastify({ logger: options.logger ?? false });
  app.decorateRequest("accountId", "");

  // JSON bodies; an empty body (e.g. DELETE with a JSON content type, as VPS.org's curl examples send) is no body.
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
    const text = typeof body === "string" ? body : body.toString("utf8");
    if (text.trim() === "") return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(Object.assign(new Error("Malformed JSON in request body"), { statusCode: 400 }), undefined);
    }
  });

  const vendorFor = (url: string): VendorModule | undefined =>
    VENDORS.find((v) => url === v.prefix || url.startsWith(`${v.prefix}/`) || url.startsWith(`${v.prefix}?`));

  const settleAll = () => {
    let changed = false;
    for (const v of VENDORS) changed = v.settle(ctx) || changed;
    if (changed) ctx.store.changed();
  };

  // Vendor traffic: faults first (a faulted request never reaches auth or handlers), then the
  // rate limit, then time-driven effects. Vendor plugins add auth after this.
  app.addHook("onRequest", async (request, reply) => {
    const vendor = vendorFor(request.url);
    if (!vendor) return;
    const path = request.url.split("?")[0];
    const fault = faults.take(request.method, path);
    if (fault?.reset) {
      requests.add({ method: request.method, path: request.url, status: 0, at: iso(clock.now()) });
      logged.add(request);
      reply.hijack();
      request.raw.socket.destroy();
      return;
    }
    // The request is handled as usual and only its answer arrives broken (a proxy or the
    // network cut it): a create or restore answered this way was carried out.
    if (fault?.malformed) garbled.add(request);
    if (fault) faulted.add(request);
    if (fault?.status !== undefined) {
      if (fault.retryAfter !== undefined) reply.header("retry-after", String(fault.retryAfter));
      reply.code(fault.status);
      return reply.send(fault.body !== undefined ? fault.body : vendor.errorBody(fault.status));
    }
    // The delay is served in preHandler, once the body has arrived: a client that gives up
    // while waiting must not stop the request from being handled (an ambiguous create).
    if (fault?.delayMs) delayed.set(request, fault.delayMs);

    const decision = ctx.rateLimiter.hit(vendor.name, vendor.credential(request) || `ip:${request.ip}`, clock.now());
    if (decision) {
      if (vendor.rateLimitHeaders) reply.headers(vendor.rateLimitHeaders(decision));
      if (!decision.allowed) {
        if (!vendor.rateLimitHeaders) reply.header("retry-after", String(decision.resetSeconds));
        reply.code(429);
        return reply.send(vendor.errorBody(429));
      }
    }
    settleAll();
  });

  app.addHook("onSend", async (request, _reply, payload) => {
    const sent = garbled.has(request) ? '{"data": {"id": "trunc' : payload;
    if (options.onExchange && vendorFor(request.url)) answers.set(request, sent);
    return sent;
  });

  app.addHook("preHandler", async (request) => {
    const ms = delayed.get(request);
    if (ms) await sleep(ms);
  });

  app.addHook("onResponse", async (request, reply) => {
    const vendor = vendorFor(request.url);
    if (vendor && !logged.has(request)) {
      requests.add({ method: request.method, path: request.url, status: reply.statusCode, at: iso(clock.now()) });
      options.onExchange?.({
        vendor: vendor.name,
        method: request.method,
        path: request.url.slice(vendor.prefix.length),
        status: reply.statusCode,
        requestBody: request.body,
        responseBody: parseAnswer(answers.get(request)),
        faulted: faulted.has(request),
      });
    }
    // Any request may have changed state (a mutation, or lazily materialised backups).
    if (request.method !== "GET" || vendorFor(request.url)) ctx.store.changed();
  });

  // Parse errors and unexpected exceptions in the vendor's own error shape.
  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    const message = status >= 500 ? undefined : error.message;
    const vendor = vendorFor(request.url);
    reply.code(status);
    return reply.send(vendor ? vendor.errorBody(status, message) : { error: message ?? "Internal Server Error" });
  });

  registerAdminRoutes(app, { ctx, vendors: [...VENDORS], faults, requests, settleAll });
  for (const vendor of VENDORS) {
    void app.register(
      async (scope) => {
        vendor.routes(scope, ctx);
      },
      { prefix: vendor.prefix },
    );
  }
  return { app, ctx };
}

/** An answer payload as the client reads it: JSON parsed, other text as it is. */
function parseAnswer(payload: unknown): unknown {
  const text = typeof payload === "string" ? payload : Buffer.isBuffer(payload) ? payload.toString("utf8") : undefined;
  if (text === undefined || text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Starts the sandbox on `host:port` (default 127.0.0.1, a free port). */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const { app, ctx } = buildSandboxApp(options);
  const host = options.host ?? "127.0.0.1";
  await app.listen({ port: options.port ?? 0, host });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : (options.port ?? 0);
  const urlHost = host.includes(":") ? `[${host}]` : host === "0.0.0.0" ? "127.0.0.1" : host;
  const url = `http://${urlHost}:${port}`;
  const baseUrls = Object.fromEntries(VENDORS.map((v) => [v.name, `${url}${v.prefix}`])) as Record<VendorName, string>;
  return {
    url,
    port,
    baseUrls,
    async close() {
      await app.close();
      ctx.store.flush();
    },
  };
}
