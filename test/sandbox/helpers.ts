/**
 * Helpers for the sandbox contract tests: an in-process sandbox on a free port, vendor calls
 * with each vendor's auth, and the `/_admin` API.
 */
import { z } from "zod";
import { startSandbox, type SandboxOptions } from "../../sandbox";
import { SpecChecker } from "../support/spec-check";

export type Vendor = "kinsta" | "wpengine" | "vpsorg" | "northflank";

export interface Seed {
  kinsta: { apiKey: string; companyId: string; environmentIds: string[] };
  wpengine: { user: string; password: string; installIds: string[] };
  vpsorg: { token: string; serverIds: string[] };
  northflank: {
    token: string;
    teamId: string;
    /** Reaches the demo teams through `/teams/{teamId}/…` routes only. */
    organisationToken: string;
    addons: { projectId: string; addonId: string }[];
  };
  secondary: {
    kinsta: Seed["kinsta"][];
    wpengine: Seed["wpengine"][];
    vpsorg: Seed["vpsorg"][];
    northflank: Seed["northflank"][];
  };
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body, or undefined when the body is empty. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary JSON
}

export interface CallOptions {
  body?: unknown;
  /** Override the Authorization header; `null` sends none. */
  auth?: string | null;
  headers?: Record<string, string>;
}

export type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

export async function startTestSandbox(options: SandboxOptions = {}) {
  // These tests send invalid requests and probe undocumented paths on purpose: only the
  // answers to documented operations are held against the vendor specs.
  const spec = new SpecChecker({ requests: false, allowUnknownRoutes: true });
  const sandbox = await startSandbox({ port: 0, backupMs: 0, restoreMs: 0, onExchange: spec.record, ...options });

  const raw = async (url: string, method: string, opts: CallOptions = {}): Promise<CallResult> => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.auth) headers.authorization = opts.auth;
    if (opts.body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(url, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      redirect: "manual",
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return { status: response.status, headers: response.headers, text, body };
  };

  const admin = async (method: string, path: string, body?: unknown): Promise<CallResult> =>
    raw(`${sandbox.url}/_admin${path}`, method, { body });

  const seed = (await admin("GET", "/seed")).body as Seed;

  /** The primary account's credential for a vendor, as its Authorization header. */
  const authOf = (vendor: Vendor, account: "primary" | "secondary" = "primary"): string => {
    const s =
      account === "primary"
        ? seed
        : {
            kinsta: seed.secondary.kinsta[0],
            wpengine: seed.secondary.wpengine[0],
            vpsorg: seed.secondary.vpsorg[0],
            northflank: seed.secondary.northflank[0],
          };
    switch (vendor) {
      case "kinsta":
        return `Bearer ${s.kinsta.apiKey}`;
      case "wpengine":
        return `Basic ${Buffer.from(`${s.wpengine.user}:${s.wpengine.password}`).toString("base64")}`;
      case "vpsorg":
        return `Bearer ${s.vpsorg.token}`;
      case "northflank":
        return `Bearer ${s.northflank.token}`;
    }
  };

  /** Calls a vendor path (below its base URL) with the primary credential unless `auth` says otherwise. */
  const call = (vendor: Vendor, method: string, path: string, opts: CallOptions = {}) =>
    raw(`${sandbox.baseUrls[vendor]}${path}`, method, {
      ...opts,
      auth: opts.auth === undefined ? authOf(vendor) : opts.auth,
    });

  return {
    ...sandbox,
    seed,
    admin,
    call,
    raw,
    authOf,
    /** Moves the sandbox clock forward. */
    advance: (ms: number) => admin("POST", "/clock", { advanceMs: ms }),
    reset: () => admin("POST", "/reset"),
    state: async () => (await admin("GET", "/state")).body,
    /** Every answer so far checked against the vendor specs (see test/support/spec-check.ts). */
    spec,
  };
}

/** Asserts a value against a zod schema with a readable failure; returns it typed by the schema. */
export function expectShape<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new Error(`shape mismatch: ${z.prettifyError(result.error)}\nvalue: ${JSON.stringify(value, null, 2)}`);
  // The original value, not zod's parse (which strips keys the schema does not name).
  return value as z.output<S>;
}
