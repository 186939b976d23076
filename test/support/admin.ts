/**
 * The sandbox's `/_admin` API as a client, and the seed it answers: one copy for every test
 * ring and the benchmark. Only type imports, so plain Node runs it too (bench/run.js loads it
 * with Node's type stripping); routes and shapes are documented in docs/sandbox.md.
 */
import type { z } from "zod";
import type { TimingUpdate } from "../../sandbox/core/admin-routes";
import type { faultSpecSchema } from "../../sandbox/core/faults";
import type { LoggedRequest } from "../../sandbox/core/request-log";
import type { Variants, VariantsUpdate } from "../../sandbox/core/variants";

export type { LoggedRequest, TimingUpdate };
/** The body of `POST /_admin/faults`. */
export type FaultSpec = z.input<typeof faultSpecSchema>;

export type VendorName = "kinsta" | "wpengine" | "vpsorg" | "northflank";
export const VENDORS: VendorName[] = ["kinsta", "wpengine", "vpsorg", "northflank"];

/** One vendor account's credentials and targets, as `GET /_admin/seed` answers it. */
export interface SeedAccounts {
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
}

/** `GET /_admin/seed`: the primary account per vendor, and further accounts (to test 403s). */
export interface Seed extends SeedAccounts {
  secondary: { [V in VendorName]: SeedAccounts[V][] };
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body, or undefined when the body is empty or not JSON. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary JSON
}

export interface CallOptions {
  body?: unknown;
  /** The Authorization header; absent or `null` sends none. */
  auth?: string | null;
  headers?: Record<string, string>;
}

/** One HTTP exchange, any status, redirects not followed. */
export async function httpCall(url: string, method: string, options: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.auth) headers.authorization = options.auth;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(url, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
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
}

/** A vendor call as the request log and `/_admin/faults` see it: `path` is a regular expression. */
export interface CallPattern {
  method: string;
  path: string;
}

/**
 * A contract route (`provider/vendors/<v>/contract.ts`) as a call pattern below the sandbox
 * prefix of its vendor (e.g. `/kinsta/v2`): each `{param}` matches one path segment.
 */
export function patternOf(prefix: string, route: { method: string; path: string }): CallPattern {
  const template = `${prefix}${route.path}`
    .split(/(\{\w+\})/)
    .map((part) => (/^\{\w+\}$/.test(part) ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return { method: route.method, path: `^${template}$` };
}

/** The logged requests that match a call pattern (query strings ignored). */
export function matching(log: LoggedRequest[], pattern: CallPattern): LoggedRequest[] {
  const re = new RegExp(pattern.path);
  return log.filter((r) => r.method === pattern.method && re.test(r.path.split("?")[0]));
}

export type AdminClient = ReturnType<typeof adminClient>;

/** The `/_admin` API of the sandbox at `sandboxUrl` (e.g. `http://127.0.0.1:4010`). */
export function adminClient(sandboxUrl: string) {
  /** Any admin call, any answer (for tests of the admin API itself). */
  const call = (method: string, path: string, body?: unknown): Promise<CallResult> =>
    httpCall(`${sandboxUrl}/_admin${path}`, method, { body });
  /** The JSON answer of an admin call; throws on any status but 2xx. */
  const json = async <T = unknown>(method: string, path: string, body?: unknown): Promise<T> => {
    const answer = await call(method, path, body);
    if (answer.status < 200 || answer.status > 299)
      throw new Error(`admin ${method} ${path}: ${answer.status} ${answer.text}`);
    return answer.body as T;
  };
  return {
    call,
    json,
    seed: () => json<Seed>("GET", "/seed"),
    requests: () => json<LoggedRequest[]>("GET", "/requests"),
    clearRequests: () => json("DELETE", "/requests"),
    reset: () => json("POST", "/reset"),
    /** Every vendor's records (arbitrary JSON, inspected by tests). */
    state: () => json<CallResult["body"]>("GET", "/state"),
    deleteBackup: (vendor: VendorName, backupId: string) =>
      json("DELETE", `/backups/${vendor}/${encodeURIComponent(backupId)}`),
    patchBackup: (vendor: VendorName, backupId: string, patch: Record<string, unknown>) =>
      json("PATCH", `/backups/${vendor}/${encodeURIComponent(backupId)}`, patch),
    fault: (fault: FaultSpec) => json("POST", "/faults", fault),
    clearFaults: () => json("DELETE", "/faults"),
    /** Completion delays and rate-limit lanes (`null` turns a lane off). */
    timing: (timing: TimingUpdate) => json("POST", "/timing", timing),
    /** Switches undocumented vendor behaviours (sandbox/core/variants.ts; a partial object, merged). */
    variants: (update: VariantsUpdate) => json<Variants>("POST", "/variants", update),
    /** Moves the sandbox clock forward. */
    advance: (ms: number) => call("POST", "/clock", { advanceMs: ms }),
  };
}
