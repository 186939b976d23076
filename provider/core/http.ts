/**
 * The HTTP core: the only module that imports undici. Every vendor client sends its
 * requests through `createHttpClient`, so retries (jittered backoff, `Retry-After`),
 * timeouts, connection-error mapping, response validation and redaction behave the same
 * for all four vendors.
 *
 * Policy in one paragraph: 429/502/503 are retried for every method, 500 and 504 only when
 * the request is idempotent; connection errors that happen before the request left
 * (refused, DNS, connect timeout) are retried for every method; anything that may have
 * reached the vendor (no response in time, socket reset after sending, a gateway timeout,
 * a 2xx whose body cannot be read) is retried only when idempotent, and otherwise surfaces
 * at once as `AmbiguousRequestError` so the caller can look for what it asked for before
 * asking again.
 *
 * Short outages: the failures an outage produces (refused, DNS, connect timeout; 502/503;
 * and for idempotent requests resets, missing answers and 504) are retried with jittered
 * backoff for up to `outageBudgetMs` (2 minutes, or `HOSTING_BACKUPS_OUTAGE_RETRY_SECONDS`) from
 * the first such failure, beyond the retry count, and never past the current deadline. The no-blind-resend rules above are
 * unchanged: a non-idempotent request that may have reached the vendor is still not resent.
 *
 * Rate limits: every request of one account waits its turn in the account's shared
 * `RequestBudget` (request-budget.ts): the vendor's documented or configured limit, learnt
 * from `x-ratelimit-*` headers and 429s. A 429 holds the account for as long as the vendor
 * says (`Retry-After`, or the advertised reset) and is then repeated, as often as the current
 * deadline allows (outside one, `retries` times). No wait runs past the current deadline
 * (`withDeadline`, e.g. a resource's `timeout`), or `maxRetryAfterMs` outside one; a longer
 * one fails at once as `RateLimitedError`.
 */
import type { Pool } from "undici";
import type { z } from "zod";
import {
  AmbiguousRequestError,
  AuthError,
  ConfigurationError,
  NotFoundError,
  RateLimitedError,
  registerSecret,
  ResponseShapeError,
  VendorApiError,
  type VendorApiErrorDetails,
} from "./errors";
import { logInfo } from "./log";
import { recordExchange } from "./recorder";
import { currentDeadline, sleep } from "./poll";
import { parseRateLimitHeaders } from "./rate-limit";
import {
  budgetFor,
  budgetsEnabled,
  BudgetWaitTooLong,
  currentPriority,
  noteRequestSent,
  type RateLimitRule,
  type RequestBudget,
} from "./request-budget";

export type HttpMethod = "GET" | "POST" | "DELETE" | "PATCH";

export type HttpAuth = { type: "bearer"; token: string } | { type: "basic"; user: string; password: string };

export interface RetryOptions {
  /** Retries after the first attempt. @default 4 */
  retries?: number;
  /** First backoff ceiling; doubles per attempt. @default 300 */
  baseDelayMs?: number;
  /** Largest backoff ceiling. @default 10_000 */
  maxDelayMs?: number;
  /**
   * Outside a deadline (`withDeadline`), a `Retry-After` or rate-limit reset further away than
   * this is not waited out: the call fails at once. Inside one, the deadline bounds the wait.
   * @default 60_000
   */
  maxRetryAfterMs?: number;
  /**
   * How long failures that look like an outage (refused, DNS, connect timeout, 502/503, and
   * for idempotent requests resets, missing answers and 504) keep being retried, counted from
   * the first one, beyond `retries`; never past the current deadline.
   * @default 120_000, or `HOSTING_BACKUPS_OUTAGE_RETRY_SECONDS` × 1000
   */
  outageBudgetMs?: number;
}

export interface RetryInfo {
  operation: string;
  attempt: number;
  delayMs: number;
  reason: string;
}

export interface HttpClientOptions {
  /** Vendor name for error messages, e.g. `Kinsta`. */
  vendor: string;
  /** Base URL including the API version path, e.g. `https://api.kinsta.com/v2`. */
  baseUrl: string;
  auth: HttpAuth;
  /**
   * The account's request limit; every client of the same account (vendor, base URL,
   * credential) shares one budget, created with the first client's limit. Without it, the
   * budget is learnt from the vendor's headers and 429s alone.
   */
  rateLimit?: RateLimitRule;
  /** Per-request timeout (waiting for headers, then between body chunks). @default 30_000 */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** Pulls the vendor's own message out of an error body (parsed JSON, or the raw text). */
  errorMessage?(body: unknown): string | undefined;
  /** Pulls a request id out of an error body, for vendors that put it there (Northflank). */
  errorRequestId?(body: unknown): string | undefined;
  /** Response header carrying the vendor's request id. @default "x-request-id" */
  requestIdHeader?: string;
  /** Called before each retry; for diagnostics. */
  onRetry?(info: RetryInfo): void;
}

export interface HttpRequest<S extends z.ZodType | null | undefined = z.ZodType | null | undefined> {
  /** What we are doing, for error messages, e.g. `listBackups`. */
  operation: string;
  method: HttpMethod;
  /** Appended to the base URL's path. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Schema of the success body; `null`/absent when no body is expected. */
  schema?: S;
  /** Schema per success status (a contract route's answers); wins over `schema`. */
  schemaFor?(status: number): z.ZodType | null;
  /** Statuses that count as success; by default every 2xx. */
  expectStatus?: number[];
  /** Whether repeating the request is harmless. @default true for GET/DELETE, false otherwise */
  idempotent?: boolean;
}

export type ResponseOf<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface HttpResponse<T> {
  status: number;
  data: T;
  requestId?: string;
}

export interface HttpClient {
  /** Sends the request and resolves the validated success body. */
  request<S extends z.ZodType | null | undefined>(req: HttpRequest<S>): Promise<ResponseOf<S>>;
  /** Like `request`, but also resolves the status (for APIs whose status is the state, e.g. Kinsta operations). */
  send<S extends z.ZodType | null | undefined>(req: HttpRequest<S>): Promise<HttpResponse<ResponseOf<S>>>;
}

/** Waits shorter than this are not worth a log line. */
const LOGGED_WAIT_MS = 5_000;
/** Queue waits in the account's budget are common at fleet scale: only long ones are logged. */
const LOGGED_QUEUE_WAIT_MS = 30_000;
/** No configured limit: the budget learns one from the vendor's headers and 429s. */
const UNCONFIGURED_LIMIT: RateLimitRule = { requests: Number.MAX_SAFE_INTEGER, windowMs: 60_000 };

const DEFAULTS = {
  timeoutMs: 30_000,
  retries: 4,
  baseDelayMs: 300,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000,
  outageBudgetMs: 120_000,
};
const USER_AGENT = "pulumi-hosting-backups/0.1";

/** Connection errors raised before any byte of the request left: always safe to retry. */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);
// Every other failure (no response in time, socket reset, EPIPE, …) may have happened after
// the request reached the vendor: retried only when idempotent.

/** One keep-alive pool per origin, shared by every client in the process. */
const pools = new Map<string, Pool>();

/**
 * undici, loaded on the first request: a `preview` or a `refresh` answered from shared
 * lists sends few or none, and loading it took ~40 % of the provider's module load, paid by
 * both the program and the provider process of every Pulumi command.
 */
let undici: typeof import("undici") | undefined;

function poolFor(origin: string): Pool {
  let pool = pools.get(origin);
  if (!pool) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    undici ??= require("undici") as typeof import("undici");
    pool = new undici.Pool(origin, { connections: 8, connect: { timeout: 10_000 } });
    pools.set(origin, pool);
  }
  return pool;
}

/** Closes every pool (tests, and a clean process exit). */
export async function closeHttpPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((pool) => pool.close()));
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const base = new URL(options.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, "");
  const authorization = authorizationHeader(options.auth);
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const retry = { ...DEFAULTS, outageBudgetMs: outageBudgetFromEnv(), ...options.retry };
  const requestIdHeader = (options.requestIdHeader ?? "x-request-id").toLowerCase();
  /** The account's shared budget (off only for measurements, `HOSTING_BACKUPS_REQUEST_BUDGET=off`). */
  const budget: RequestBudget | undefined = budgetsEnabled()
    ? budgetFor(options.vendor, options.baseUrl, authorization, options.rateLimit ?? UNCONFIGURED_LIMIT)
    : undefined;
  /** How long a rate-limit wait may last from now. */
  const waitAllowanceMs = () => {
    const deadline = currentDeadline();
    return deadline === undefined ? retry.maxRetryAfterMs : deadline - Date.now();
  };
  const describeWait = (ms: number) => (ms < 120_000 ? `${Math.ceil(ms / 1000)} s` : `${Math.ceil(ms / 60_000)} min`);

  async function send<S extends z.ZodType | null | undefined>(
    req: HttpRequest<S>,
  ): Promise<HttpResponse<ResponseOf<S>>> {
    const idempotent = req.idempotent ?? (req.method === "GET" || req.method === "DELETE");
    const path = basePath + req.path + queryString(req.query);
    const headers: Record<string, string> = { authorization, accept: "application/json", "user-agent": USER_AGENT };
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    if (body !== undefined) headers["content-type"] = "application/json";
    const fail = (details: Omit<VendorApiErrorDetails, "vendor" | "operation">) => ({
      vendor: options.vendor,
      operation: req.operation,
      ...details,
    });

    /** When the first outage-like failure of this request happened. */
    let outageSince: number | undefined;
    for (let attempt = 0; ; attempt++) {
      const canRetry = attempt < retry.retries;
      const backoff = () => Math.random() * Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** attempt);
      /** For outage-like failures: retry within the count, or within the outage budget and the deadline. */
      const canRideOut = (delayMs: number) => {
        outageSince ??= Date.now();
        if (delayMs > waitAllowanceMs()) return false;
        return canRetry || Date.now() + delayMs - outageSince <= retry.outageBudgetMs;
      };
      const again = async (delayMs: number, reason: string) => {
        options.onRetry?.({ operation: req.operation, attempt: attempt + 1, delayMs, reason });
        await sleep(delayMs);
      };

      // Wait for the account's turn: a spent budget waits for its reset (or fails at once
      // when that is too far away); a low one spreads the requests left over the window.
      if (budget) {
        const queuedAt = Date.now();
        try {
          await budget.acquire(queuedAt + waitAllowanceMs(), currentPriority());
        } catch (error) {
          if (!(error instanceof BudgetWaitTooLong)) throw error;
          throw new RateLimitedError(
            fail({ retryable: true, retryAfterSeconds: Math.ceil(error.waitMs / 1000) }),
            error.spentUntilReset
              ? `the rate limit of ${error.limit} requests is spent and resets in ${describeWait(error.waitMs)}, later than this request may wait`
              : `the account's budget of ${error.limit} requests per window has no free slot for ${describeWait(error.waitMs)}, later than this request may wait`,
          );
        }
        const waitedMs = Date.now() - queuedAt;
        if (waitedMs >= LOGGED_QUEUE_WAIT_MS)
          logInfo(
            `${options.vendor} rate limit: ${req.operation} waited ${describeWait(waitedMs)} for the account's turn`,
          );
      }

      let status: number;
      let text: string;
      let responseHeaders: Record<string, string | string[] | undefined>;
      noteRequestSent();
      try {
        const response = await poolFor(base.origin).request({
          path,
          method: req.method,
          headers,
          body,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
        status = response.statusCode;
        responseHeaders = response.headers;
        text = await response.body.text();
        recordExchange({
          vendor: options.vendor,
          operation: req.operation,
          method: req.method,
          path: req.path + queryString(req.query),
          status,
          requestBody: req.body,
          responseText: text,
        });
      } catch (error) {
        const code = errorCode(error);
        const what = describeConnectionError(code, base.host, timeoutMs);
        if (NOT_SENT_CODES.has(code)) {
          const delayMs = backoff();
          if (canRideOut(delayMs)) {
            await again(delayMs, what);
            continue;
          }
          throw new VendorApiError(fail({ retryable: true }), what);
        }
        if (code.startsWith("UND_ERR_INVALID")) {
          // A malformed request of ours: nothing was sent, and repeating cannot help.
          throw new VendorApiError(fail({ retryable: false }), `the request could not be sent (${code})`);
        }
        // Anything else (known or not) may have happened after the request left.
        if (!idempotent) {
          throw new AmbiguousRequestError(
            fail({ retryable: false }),
            `${what}; the request may have reached ${options.vendor}, so it is not repeated blindly`,
          );
        }
        const delayMs = backoff();
        if (canRideOut(delayMs)) {
          await again(delayMs, what);
          continue;
        }
        throw new VendorApiError(fail({ retryable: true }), what);
      }

      const requestId = headerValue(responseHeaders, requestIdHeader);
      const advertised = parseRateLimitHeaders(responseHeaders);
      budget?.observe(advertised);
      const success = req.expectStatus ? req.expectStatus.includes(status) : status >= 200 && status < 300;
      if (success) {
        const parsed = parseBody(text, (req.schemaFor ? req.schemaFor(status) : req.schema) ?? undefined);
        if (parsed.ok) return { status, data: parsed.value as ResponseOf<S>, requestId };
        // A garbled 2xx is usually a proxy hiccup: repeat it when repeating is harmless.
        if (idempotent && canRetry) {
          await again(backoff(), parsed.problem);
          continue;
        }
        if (!idempotent) {
          // The vendor said yes, so it most likely did what was asked; we cannot read what.
          // Like a lost answer: the caller looks for the result before asking again.
          throw new AmbiguousRequestError(
            fail({ status, requestId, retryable: false }),
            `${parsed.problem}; ${options.vendor} accepted the request, so it is not repeated blindly`,
          );
        }
        throw new ResponseShapeError(fail({ status, requestId, retryable: true }), parsed.problem);
      }

      const errorBody = parseErrorBody(text);
      const details = fail({
        status,
        requestId: options.errorRequestId?.(errorBody) ?? requestId,
        vendorMessage: extractMessage(options, errorBody),
      });
      // A 429 with an advertised reset waits for it: retrying sooner only spends budget.
      const resetMs = status === 429 && advertised ? Math.max(0, advertised.resetAt - Date.now()) : undefined;
      const retryAfterMs = resetMs ?? parseRetryAfter(headerValue(responseHeaders, "retry-after"));
      const retryAfterSeconds = retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000);
      // The whole account holds off, not just this request.
      if (status === 429) budget?.rateLimited(retryAfterMs);

      if (status === 404) throw new NotFoundError(details);
      if (status === 401 || status === 403) throw new AuthError(details);
      if (status === 504 && !idempotent) {
        // The gateway gave up waiting for the vendor, which may still be doing the work.
        throw new AmbiguousRequestError(
          { ...details, retryable: false },
          `gateway timeout; the request may have reached ${options.vendor}, so it is not repeated blindly`,
        );
      }
      const transient =
        status === 429 || status === 502 || status === 503 || status === 504 || (status === 500 && idempotent);
      const waitTooLong = retryAfterMs !== undefined && retryAfterMs > waitAllowanceMs();
      // 502/503 (and 504 here, which is idempotent) are what an outage looks like from outside.
      const outage = status === 502 || status === 503 || status === 504;
      // Past the retry count, a vendor that keeps asking for no wait gets at least a backoff.
      const delayMs = retryAfterMs !== undefined && (canRetry || retryAfterMs > 0) ? retryAfterMs : backoff();
      // A 429 is no failure while a deadline allows the wait it asks for; outside one, the count bounds it.
      const mayRepeat = outage
        ? canRideOut(delayMs)
        : status === 429
          ? canRetry || currentDeadline() !== undefined
          : canRetry;
      if (transient && !waitTooLong && mayRepeat) {
        if (retryAfterMs !== undefined && retryAfterMs >= LOGGED_WAIT_MS)
          logInfo(
            `${options.vendor} answered HTTP ${status}; waiting ${describeWait(retryAfterMs)} before repeating ${req.operation}`,
          );
        if (status === 429 && budget && delayMs === retryAfterMs) {
          // The budget holds the account until then; the next turn comes no sooner.
          options.onRetry?.({ operation: req.operation, attempt: attempt + 1, delayMs, reason: `HTTP ${status}` });
        } else {
          await again(delayMs, `HTTP ${status}`);
        }
        continue;
      }
      if (status === 429)
        throw new RateLimitedError(
          { ...details, retryable: true, retryAfterSeconds },
          waitTooLong
            ? `the rate limit resets in ${describeWait(retryAfterMs)}, later than this request may wait`
            : undefined,
        );
      throw new VendorApiError({ ...details, retryable: transient, retryAfterSeconds });
    }
  }

  return {
    send,
    request: async (req) => (await send(req)).data,
  };
}

/** The outage budget: `HOSTING_BACKUPS_OUTAGE_RETRY_SECONDS` (the provider's environment), else 2 minutes. */
function outageBudgetFromEnv(): number {
  const raw = process.env.HOSTING_BACKUPS_OUTAGE_RETRY_SECONDS;
  if (raw === undefined || raw.trim() === "") return DEFAULTS.outageBudgetMs;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0)
    throw new ConfigurationError(`HOSTING_BACKUPS_OUTAGE_RETRY_SECONDS must be a number of seconds ≥ 0, got "${raw}"`);
  return seconds * 1000;
}

function authorizationHeader(auth: HttpAuth): string {
  if (auth.type === "bearer") {
    registerSecret(auth.token);
    return `Bearer ${auth.token}`;
  }
  registerSecret(auth.user);
  registerSecret(auth.password);
  const encoded = Buffer.from(`${auth.user}:${auth.password}`).toString("base64");
  registerSecret(encoded);
  return `Basic ${encoded}`;
}

function queryString(query: HttpRequest["query"]): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.append(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
}

function errorCode(error: unknown): string {
  if (error && typeof error === "object") {
    const { code, cause } = error as { code?: unknown; cause?: unknown };
    if (typeof code === "string") return code;
    if (cause) return errorCode(cause);
  }
  return "UNKNOWN";
}

function describeConnectionError(code: string, host: string, timeoutMs: number): string {
  switch (code) {
    case "UND_ERR_HEADERS_TIMEOUT":
    case "UND_ERR_BODY_TIMEOUT":
      return `no response from ${host} within ${timeoutMs} ms`;
    case "UND_ERR_CONNECT_TIMEOUT":
      return `could not connect to ${host} in time`;
    case "UND_ERR_SOCKET":
    case "ECONNRESET":
    case "EPIPE":
      return `the connection to ${host} was reset (${code})`;
    default:
      return `could not reach ${host} (${code})`;
  }
}

function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** `Retry-After` as milliseconds: delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  // Decimals are not in RFC 9110 but cost nothing to accept.
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

type Parsed = { ok: true; value: unknown } | { ok: false; problem: string };

function parseBody(text: string, schema: z.ZodType | undefined): Parsed {
  if (!schema) return { ok: true, value: undefined };
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    return { ok: false, problem: "the response body is not valid JSON" };
  }
  const result = schema.safeParse(json, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problem: `unexpected response shape: ${describeShapeIssues(result.error.issues)}` };
}

/** `environment.backups[0].id: expected number, got string` — path first, then the rule. */
export function describeShapeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const described = issues.slice(0, 3).map((issue) => {
    const path = issue.path.reduce<string>(
      (acc, key) => (typeof key === "number" ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
      "",
    );
    const where = path || "(body)";
    if (issue.code === "invalid_type") return `${where}: expected ${issue.expected}, got ${typeOf(issue.input)}`;
    if (issue.code === "invalid_value")
      return `${where}: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    return `${where}: ${issue.message}`;
  });
  if (issues.length > 3) described.push(`and ${issues.length - 3} more`);
  return described.join("; ");
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  return Array.isArray(value) ? "array" : typeof value;
}

function parseErrorBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function extractMessage(options: HttpClientOptions, body: unknown): string | undefined {
  const fromVendor = options.errorMessage?.(body);
  if (fromVendor) return fromVendor;
  // Most JSON error bodies carry a top-level `message`; a sensible default for any vendor.
  if (body && typeof body === "object" && typeof (body as { message?: unknown }).message === "string")
    return (body as { message: string }).message;
  // Plain-text bodies (gateways, WP Engine's 429/503) are kept short: they can be whole HTML pages.
  if (typeof body === "string" && body.trim() !== "" && !body.trimStart().startsWith("<"))
    return body.trim().slice(0, 200);
  return undefined;
}
