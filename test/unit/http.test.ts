/**
 * The HTTP core against a real `node:http` server on port 0: retries, Retry-After,
 * timeouts, resets, ambiguity, response validation and redaction. No fetch mocks.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import {
  AmbiguousRequestError,
  AuthError,
  NotFoundError,
  RateLimitedError,
  ResponseShapeError,
  VendorApiError,
} from "../../provider/core/errors";
import { closeHttpPools, createHttpClient, parseRetryAfter, type HttpClientOptions } from "../../provider/core/http";
import { withDeadline } from "../../provider/core/poll";

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

interface TestServer {
  url: string;
  port: number;
  /** Requests seen, in order. */
  seen: { method: string; url: string; at: number; authorization?: string }[];
  /** Handlers used one per request; the last one repeats. */
  reply(...handlers: Handler[]): void;
  close(): Promise<void>;
}

async function startServer(port = 0): Promise<TestServer> {
  let handlers: Handler[] = [];
  const seen: TestServer["seen"] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      seen.push({
        method: req.method ?? "",
        url: req.url ?? "",
        at: Date.now(),
        authorization: req.headers.authorization,
      });
      const handler = handlers.length > 1 ? handlers.shift()! : handlers[0];
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}/api/v2`,
    port: actual,
    seen,
    reply: (...next) => (handlers = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };
const raw =
  (status: number, text: string): Handler =>
  (_req, res) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(text);
  };
const hang: Handler = () => undefined;
const reset: Handler = (req) => req.socket.destroy();

const TOKEN = "tok_live_1234567890abcdef";
const itemSchema = z.object({ environment: z.object({ backups: z.array(z.object({ id: z.number() })) }) });

let server: TestServer;
const clients: HttpClientOptions[] = [];

function client(overrides: Partial<HttpClientOptions> = {}) {
  const options: HttpClientOptions = {
    vendor: "Testvendor",
    baseUrl: server.url,
    auth: { type: "bearer", token: TOKEN },
    timeoutMs: 2_000,
    retry: { retries: 3, baseDelayMs: 5, maxDelayMs: 20 },
    ...overrides,
  };
  // No outage budget unless a test asks for one: the retry count alone bounds the others.
  options.retry = { outageBudgetMs: 0, ...options.retry };
  clients.push(options);
  return createHttpClient(options);
}

async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new VendorApiError({ vendor: "test", operation: "expectation" }, "expected the call to fail");
}

beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});
afterAll(async () => {
  await closeHttpPools();
});

describe("requests", () => {
  it("sends auth, JSON body and query, appending the path to the base URL's path", async () => {
    let received: { url?: string; body?: string; contentType?: string } = {};
    server.reply((req, res, body) => {
      received = { url: req.url, body, contentType: req.headers["content-type"] };
      json(202, { operation_id: "op-1" })(req, res, body);
    });
    const result = await client().request({
      operation: "startBackup",
      method: "POST",
      path: "/sites/environments/e1/manual-backups",
      query: { a: 1, b: undefined, c: "x y" },
      body: { tag: "hello" },
      schema: z.object({ operation_id: z.string() }),
    });
    expect(result).toEqual({ operation_id: "op-1" });
    expect(received).toEqual({
      url: "/api/v2/sites/environments/e1/manual-backups?a=1&c=x+y",
      body: '{"tag":"hello"}',
      contentType: "application/json",
    });
    expect(server.seen[0].authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("sends HTTP Basic auth", async () => {
    server.reply(json(200, {}));
    await client({ auth: { type: "basic", user: "api-user-1", password: "s3cret-password" } }).request({
      operation: "x",
      method: "GET",
      path: "/status",
    });
    expect(server.seen[0].authorization).toBe(`Basic ${Buffer.from("api-user-1:s3cret-password").toString("base64")}`);
  });

  it("resolves undefined when no schema is given (e.g. 204)", async () => {
    server.reply((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    await expect(
      client().request({ operation: "deleteBackup", method: "DELETE", path: "/backups/1/" }),
    ).resolves.toBeUndefined();
  });

  it("treats statuses in expectStatus as success and reports the status", async () => {
    server.reply(json(500, { message: "failed", status: 500 }));
    const response = await client().send({
      operation: "getOperation",
      method: "GET",
      path: "/operations/x",
      schema: z.object({ message: z.string() }),
      expectStatus: [200, 202, 404, 500],
    });
    expect(response).toMatchObject({ status: 500, data: { message: "failed" } });
    expect(server.seen).toHaveLength(1);
  });
});

describe("retries", () => {
  it("retries a 503 and then succeeds", async () => {
    server.reply(json(503, {}), json(503, {}), json(200, { ok: true }));
    const result = await client().request({
      operation: "list",
      method: "GET",
      path: "/x",
      schema: z.object({ ok: z.boolean() }),
    });
    expect(result).toEqual({ ok: true });
    expect(server.seen).toHaveLength(3);
  });

  it("retries a 503 on POST too (the vendor did not take the request)", async () => {
    server.reply(json(503, {}), json(201, { id: 1 }));
    await expect(
      client().request({
        operation: "create",
        method: "POST",
        path: "/x",
        body: {},
        schema: z.object({ id: z.number() }),
      }),
    ).resolves.toEqual({ id: 1 });
    expect(server.seen).toHaveLength(2);
  });

  it("honours Retry-After in seconds", async () => {
    server.reply(json(429, { message: "slow down" }, { "retry-after": "1" }), json(200, { ok: true }));
    const started = Date.now();
    await client().request({ operation: "list", method: "GET", path: "/x", schema: z.object({ ok: z.boolean() }) });
    const gap = server.seen[1].at - server.seen[0].at;
    expect(gap).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("honours Retry-After given as an HTTP date", async () => {
    // HTTP dates have one-second resolution: ask for ~2 s and expect at least ~1 s.
    const when = new Date(Date.now() + 2_000).toUTCString();
    server.reply(json(503, {}, { "retry-after": when }), json(200, { ok: true }));
    await client().request({ operation: "list", method: "GET", path: "/x", schema: z.object({ ok: z.boolean() }) });
    expect(server.seen[1].at - server.seen[0].at).toBeGreaterThanOrEqual(900);
  });

  it("gives up with RateLimitedError after the retries, carrying retryAfterSeconds", async () => {
    server.reply(json(429, { message: "Too many requests" }, { "retry-after": "0" }));
    const error = await caught(
      client({ retry: { retries: 2, baseDelayMs: 1 } }).request({ operation: "list", method: "GET", path: "/x" }),
    );
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({
      status: 429,
      retryable: true,
      retryAfterSeconds: 0,
      vendorMessage: "Too many requests",
    });
    expect(server.seen).toHaveLength(3);
  });

  it("fails at once when Retry-After is longer than the cap", async () => {
    server.reply(json(429, {}, { "retry-after": "3600" }));
    const error = await caught(client().request({ operation: "list", method: "GET", path: "/x" }));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ retryAfterSeconds: 3600 });
    expect(server.seen).toHaveLength(1);
  });

  it("waits for an advertised rate-limit reset after a 429 instead of retrying quickly", async () => {
    // Northflank: x-ratelimit-* on every answer, no Retry-After.
    const limited = { "x-ratelimit-limit": "1000", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1" };
    server.reply(
      json(429, { error: { message: "Too many requests" } }, limited),
      json(200, { ok: true }, { ...limited, "x-ratelimit-remaining": "999", "x-ratelimit-reset": "3600" }),
    );
    await client().request({ operation: "list", method: "GET", path: "/x", schema: z.object({ ok: z.boolean() }) });
    expect(server.seen).toHaveLength(2);
    expect(server.seen[1].at - server.seen[0].at).toBeGreaterThanOrEqual(950);
  });

  it("fails a 429 at once when the reset is further away than the wait allowed, naming when it resets", async () => {
    server.reply(
      json(
        429,
        { error: {} },
        { "x-ratelimit-limit": "1000", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1800" },
      ),
    );
    const error = await caught(client().request({ operation: "list", method: "GET", path: "/x" }));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ retryAfterSeconds: 1800 });
    expect(error.message).toContain("resets in 30 min");
    expect(server.seen).toHaveLength(1);
  });

  it("inside a deadline, a 429 waits up to the deadline and not past it", async () => {
    const limited = { "x-ratelimit-limit": "1000", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1" };
    server.reply(json(429, {}, limited), json(200, { ok: true }));
    // Past the 60 s outside-deadline cap would not matter here: the deadline allows the 1 s wait.
    await withDeadline(Date.now() + 5_000, () =>
      client({ retry: { retries: 3, maxRetryAfterMs: 10 } }).request({
        operation: "list",
        method: "GET",
        path: "/x",
        schema: z.object({ ok: z.boolean() }),
      }),
    );
    expect(server.seen).toHaveLength(2);

    server.seen.length = 0;
    server.reply(json(429, {}, { ...limited, "x-ratelimit-reset": "30" }));
    const error = await caught(
      withDeadline(Date.now() + 2_000, () => client().request({ operation: "list", method: "GET", path: "/x" })),
    );
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(server.seen).toHaveLength(1);
  });

  it("holds the next request until the reset once the advertised budget is spent", async () => {
    const spent = { "x-ratelimit-limit": "3", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1" };
    server.reply(json(200, { ok: true }, spent), json(200, { ok: true }));
    const http = client();
    const get = () =>
      http.request({ operation: "list", method: "GET", path: "/x", schema: z.object({ ok: z.boolean() }) });
    await get();
    await get();
    expect(server.seen).toHaveLength(2);
    expect(server.seen[1].at - server.seen[0].at).toBeGreaterThanOrEqual(950);
  });

  it("spreads the last requests of a low budget over the rest of the window", async () => {
    // 1 of 100 left (under 5 %), reset in 2 s: the next request waits about 1 s.
    const low = { "x-ratelimit-limit": "100", "x-ratelimit-remaining": "1", "x-ratelimit-reset": "2" };
    server.reply(json(200, { ok: true }, low), json(200, { ok: true }));
    const http = client();
    const get = () =>
      http.request({ operation: "list", method: "GET", path: "/x", schema: z.object({ ok: z.boolean() }) });
    await get();
    await get();
    const gap = server.seen[1].at - server.seen[0].at;
    expect(gap).toBeGreaterThanOrEqual(900);
    expect(gap).toBeLessThan(1_900);
  });

  it("fails at once, without sending, when the spent budget resets later than the wait allowed", async () => {
    server.reply(
      json(200, { ok: true }, { "x-ratelimit-limit": "3", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "900" }),
    );
    const http = client();
    await http.request({ operation: "list", method: "GET", path: "/x", schema: z.object({ ok: z.boolean() }) });
    const error = await caught(http.request({ operation: "list", method: "GET", path: "/x" }));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.message).toContain("spent and resets in 15 min");
    expect(server.seen).toHaveLength(1);
  });

  it("retries 500 only for idempotent requests", async () => {
    server.reply(json(500, { message: "boom" }), json(200, {}));
    await client().request({ operation: "list", method: "GET", path: "/x", schema: z.object({}) });
    expect(server.seen).toHaveLength(2);

    server.seen.length = 0;
    server.reply(json(500, { message: "boom" }));
    const error = await caught(client().request({ operation: "create", method: "POST", path: "/x", body: {} }));
    expect(error).toBeInstanceOf(VendorApiError);
    expect(error).toMatchObject({ status: 500, retryable: false });
    expect(server.seen).toHaveLength(1);
  });

  it("exhausted 5xx → VendorApiError marked retryable", async () => {
    server.reply(json(502, {}));
    const error = await caught(client().request({ operation: "list", method: "GET", path: "/x" }));
    expect(error.constructor).toBe(VendorApiError);
    expect(error).toMatchObject({ status: 502, retryable: true });
    expect(server.seen).toHaveLength(4);
  });

  it("does not retry other 4xx", async () => {
    server.reply(json(400, { message: "bad" }));
    const error = await caught(client().request({ operation: "create", method: "POST", path: "/x", body: {} }));
    expect(error).toMatchObject({ status: 400, retryable: false, vendorMessage: "bad" });
    expect(server.seen).toHaveLength(1);
  });
});

describe("timeouts and resets", () => {
  it("a GET that gets no answer in time is retried, then fails as retryable", async () => {
    server.reply(hang);
    const started = Date.now();
    const error = await caught(
      client({ timeoutMs: 150, retry: { retries: 1, baseDelayMs: 1 } }).request({
        operation: "list",
        method: "GET",
        path: "/x",
      }),
    );
    expect(error).toBeInstanceOf(VendorApiError);
    expect(error.message).toMatch(/no response .* within 150 ms/);
    expect(error).toMatchObject({ retryable: true });
    expect(server.seen).toHaveLength(2);
    // Two 150 ms waits, not the 30 s default: a bound far below 30 s that a loaded CI machine still meets.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("a POST that gets no answer in time is ambiguous and not retried", async () => {
    server.reply(hang);
    const error = await caught(
      client({ timeoutMs: 150 }).request({ operation: "startBackup", method: "POST", path: "/x", body: { tag: "t" } }),
    );
    expect(error).toBeInstanceOf(AmbiguousRequestError);
    expect(error.message).toMatch(/may have reached/);
    expect(server.seen).toHaveLength(1);
  });

  it("a POST whose connection is reset after sending is ambiguous and not retried", async () => {
    server.reply(reset);
    const error = await caught(
      client().request({ operation: "startBackup", method: "POST", path: "/x", body: { tag: "t" } }),
    );
    expect(error).toBeInstanceOf(AmbiguousRequestError);
    expect(server.seen).toHaveLength(1);
  });

  it("a POST marked idempotent is retried after a reset", async () => {
    server.reply(reset, json(200, { ok: true }));
    await expect(
      client().request({
        operation: "restore",
        method: "POST",
        path: "/x",
        body: {},
        idempotent: true,
        schema: z.object({ ok: z.boolean() }),
      }),
    ).resolves.toEqual({ ok: true });
    expect(server.seen).toHaveLength(2);
  });

  it("a GET whose connection is reset is retried", async () => {
    server.reply(reset, json(200, { ok: true }));
    await expect(
      client().request({ operation: "list", method: "GET", path: "/x", schema: z.object({ ok: z.boolean() }) }),
    ).resolves.toEqual({ ok: true });
    expect(server.seen).toHaveLength(2);
  });

  it("a POST whose connection was refused (never sent) is retried until the server is up", async () => {
    const port = server.port;
    await server.close();
    const pending = client({ retry: { retries: 6, baseDelayMs: 100, maxDelayMs: 200 } }).request({
      operation: "startBackup",
      method: "POST",
      path: "/x",
      body: {},
      schema: z.object({ id: z.number() }),
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    server = await startServer(port);
    server.reply(json(201, { id: 7 }));
    await expect(pending).resolves.toEqual({ id: 7 });
    expect(server.seen).toHaveLength(1);
  });

  it("refused connections that never recover fail as retryable, not ambiguous", async () => {
    await server.close();
    const error = await caught(
      client({ retry: { retries: 1, baseDelayMs: 1 } }).request({
        operation: "startBackup",
        method: "POST",
        path: "/x",
        body: {},
      }),
    );
    expect(error).not.toBeInstanceOf(AmbiguousRequestError);
    expect(error).toMatchObject({ retryable: true });
    expect(error.message).toMatch(/ECONNREFUSED/);
    server = await startServer();
  });

  it("a 504 on POST is ambiguous (the gateway gave up, the vendor may still work)", async () => {
    server.reply(json(504, {}));
    const error = await caught(client().request({ operation: "startBackup", method: "POST", path: "/x", body: {} }));
    expect(error).toBeInstanceOf(AmbiguousRequestError);
    expect(server.seen).toHaveLength(1);
  });
});

describe("short outages", () => {
  const OUTAGE = { retries: 1, baseDelayMs: 50, maxDelayMs: 200, outageBudgetMs: 5_000 };

  it("a GET and a POST ride out a 1.5 s outage (connection refused) well beyond the retry count", async () => {
    const port = server.port;
    await server.close();
    const started = Date.now();
    const list = client({ retry: OUTAGE }).request({
      operation: "list",
      method: "GET",
      path: "/x",
      schema: z.object({ ok: z.boolean() }),
    });
    const create = client({ retry: OUTAGE }).request({
      operation: "startBackup",
      method: "POST",
      path: "/y",
      body: {},
      schema: z.object({ ok: z.boolean() }),
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    server = await startServer(port);
    server.reply(json(200, { ok: true }));
    await expect(list).resolves.toEqual({ ok: true });
    await expect(create).resolves.toEqual({ ok: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_500);
    // Each request reached the server once: the refused attempts never left.
    expect(server.seen.map((r) => r.method).sort()).toEqual(["GET", "POST"]);
  });

  it("502/503 are retried for the budget, then fail as retryable", async () => {
    server.reply(json(503, {}));
    const started = Date.now();
    const error = await caught(
      client({ retry: { ...OUTAGE, outageBudgetMs: 600 } }).request({ operation: "list", method: "GET", path: "/x" }),
    );
    expect(error).toMatchObject({ status: 503, retryable: true });
    expect(server.seen.length).toBeGreaterThan(2);
    expect(Date.now() - started).toBeLessThan(600 + 500);
  });

  it("never waits past the deadline, whatever the budget", async () => {
    await server.close();
    const started = Date.now();
    const error = await caught(
      withDeadline(Date.now() + 400, () =>
        client({ retry: { ...OUTAGE, outageBudgetMs: 60_000 } }).request({
          operation: "list",
          method: "GET",
          path: "/x",
        }),
      ),
    );
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(Date.now() - started).toBeLessThan(1_500);
    server = await startServer();
  });

  it("keeps the no-blind-resend rule: a POST reset after sending is ambiguous at once, even within the budget", async () => {
    server.reply(reset);
    const error = await caught(
      client({ retry: OUTAGE }).request({ operation: "startBackup", method: "POST", path: "/x", body: {} }),
    );
    expect(error).toBeInstanceOf(AmbiguousRequestError);
    expect(server.seen).toHaveLength(1);
  });

  it("HOSTING_BACKUPS_OUTAGE_RETRY_SECONDS sets the budget (a bad value is refused)", async () => {
    server.reply(json(503, {}));
    const options = {
      vendor: "Testvendor",
      baseUrl: server.url,
      auth: { type: "bearer" as const, token: TOKEN },
      retry: { retries: 0, baseDelayMs: 20, maxDelayMs: 50 },
    };
    process.env.HOSTING_BACKUPS_OUTAGE_RETRY_SECONDS = "0.4";
    try {
      const started = Date.now();
      const error = await caught(createHttpClient(options).request({ operation: "list", method: "GET", path: "/x" }));
      expect(error).toMatchObject({ status: 503 });
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      expect(server.seen.length).toBeGreaterThan(3);
      process.env.HOSTING_BACKUPS_OUTAGE_RETRY_SECONDS = "soon";
      expect(() => createHttpClient(options)).toThrow(/HOSTING_BACKUPS_OUTAGE_RETRY_SECONDS must be a number/);
    } finally {
      delete process.env.HOSTING_BACKUPS_OUTAGE_RETRY_SECONDS;
    }
  });

  it("a 504 answering a POST stays ambiguous within the budget", async () => {
    server.reply(json(504, {}));
    const error = await caught(
      client({ retry: OUTAGE }).request({ operation: "startBackup", method: "POST", path: "/x", body: {} }),
    );
    expect(error).toBeInstanceOf(AmbiguousRequestError);
    expect(server.seen).toHaveLength(1);
  });
});

describe("response validation", () => {
  it("names the path of the bad field", async () => {
    server.reply(json(200, { environment: { backups: [{ id: 1 }, { id: "two" }] } }));
    const error = await caught(
      client({ retry: { retries: 0 } }).request({
        operation: "listBackups",
        method: "GET",
        path: "/x",
        schema: itemSchema,
      }),
    );
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect(error.message).toContain("environment.backups[1].id: expected number, got string");
  });

  it("names a missing field", async () => {
    server.reply(json(200, { environment: {} }));
    const error = await caught(
      client({ retry: { retries: 0 } }).request({
        operation: "listBackups",
        method: "GET",
        path: "/x",
        schema: itemSchema,
      }),
    );
    expect(error.message).toContain("environment.backups: expected array, got nothing");
  });

  it("retries malformed JSON on an idempotent request", async () => {
    server.reply(raw(200, "{not json"), json(200, { environment: { backups: [] } }));
    await expect(
      client().request({ operation: "listBackups", method: "GET", path: "/x", schema: itemSchema }),
    ).resolves.toEqual({ environment: { backups: [] } });
    expect(server.seen).toHaveLength(2);
  });

  it("malformed JSON answering a POST is ambiguous: accepted, unreadable, not resent", async () => {
    server.reply(raw(201, "{not json"));
    const error = await caught(
      client().request({ operation: "create", method: "POST", path: "/x", body: {}, schema: z.object({}) }),
    );
    expect(error).toBeInstanceOf(AmbiguousRequestError);
    expect(error).toMatchObject({ retryable: false, status: 201 });
    expect(error.message).toMatch(/not valid JSON; Testvendor accepted the request, so it is not repeated blindly/);
    expect(server.seen).toHaveLength(1);
  });

  it("an unexpected shape answering a POST is ambiguous too", async () => {
    server.reply(json(201, { surprise: true }));
    const error = await caught(
      client().request({
        operation: "create",
        method: "POST",
        path: "/x",
        body: {},
        schema: z.object({ id: z.string() }),
      }),
    );
    expect(error).toBeInstanceOf(AmbiguousRequestError);
    expect(error.message).toMatch(/id/);
    expect(server.seen).toHaveLength(1);
  });
});

describe("error mapping and redaction", () => {
  it("404 → NotFoundError with the vendor's message and request id", async () => {
    server.reply(json(404, { message: "Site not found" }, { "x-request-id": "req-42" }));
    const error = await caught(
      client({ errorMessage: (b) => (b as { message?: string }).message }).request({
        operation: "getBackup",
        method: "GET",
        path: "/x",
      }),
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, vendorMessage: "Site not found", requestId: "req-42" });
    expect(error.message).toBe("Testvendor getBackup failed with HTTP 404: Site not found (request id req-42)");
  });

  it("uses a request id found in the error body when the vendor puts it there", async () => {
    server.reply(json(409, { error: { message: "duplicate", id: "err-9" } }));
    const error = await caught(
      client({
        errorMessage: (b) => (b as { error?: { message?: string } }).error?.message,
        errorRequestId: (b) => (b as { error?: { id?: string } }).error?.id,
      }).request({ operation: "createSchedule", method: "POST", path: "/x", body: {} }),
    );
    expect(error).toMatchObject({ status: 409, vendorMessage: "duplicate", requestId: "err-9" });
  });

  it("keeps a short plain-text error body as the vendor message", async () => {
    server.reply((_req, res) => {
      res.writeHead(400, { "content-type": "text/plain" });
      res.end("Bad things happened");
    });
    const error = await caught(client().request({ operation: "x", method: "POST", path: "/x", body: {} }));
    expect(error).toMatchObject({ vendorMessage: "Bad things happened" });
  });

  it.each([401, 403])(
    "%i → AuthError that never contains the bearer token, even when the body echoes it",
    async (status) => {
      server.reply(json(status, { message: `invalid token ${TOKEN} (Authorization: Bearer ${TOKEN})` }));
      const error = await caught(
        client({ errorMessage: (b) => (b as { message?: string }).message }).request({
          operation: "listBackups",
          method: "GET",
          path: "/x",
        }),
      );
      expect(error).toBeInstanceOf(AuthError);
      expect(error.message).not.toContain(TOKEN);
      expect((error as AuthError).vendorMessage).not.toContain(TOKEN);
      expect(JSON.stringify(error)).not.toContain(TOKEN);
      expect(String(error.stack)).not.toContain(TOKEN);
      expect(error.message).toContain("[redacted]");
    },
  );

  it("never leaks Basic credentials (user, password or their encoding)", async () => {
    const user = "wpe-api-user-77";
    const password = "wpe-secret-password-99";
    const encoded = Buffer.from(`${user}:${password}`).toString("base64");
    server.reply(json(401, { message: `Bad Credentials for ${user}:${password} / Basic ${encoded}` }));
    const error = await caught(
      client({
        auth: { type: "basic", user, password },
        errorMessage: (b) => (b as { message?: string }).message,
      }).request({ operation: "x", method: "GET", path: "/x" }),
    );
    for (const secret of [user, password, encoded]) {
      expect(error.message).not.toContain(secret);
      expect(JSON.stringify(error)).not.toContain(secret);
    }
  });

  it("redacts the token from every kind of error", async () => {
    const echo: Handler = (req, res) => {
      res.writeHead(Number(new URL(req.url ?? "", "http://x").searchParams.get("status")), {
        "content-type": "application/json",
      });
      res.end(JSON.stringify({ message: `echo ${req.headers.authorization}` }));
    };
    server.reply(echo);
    const c = client({ retry: { retries: 0 }, errorMessage: (b) => (b as { message?: string }).message });
    for (const status of [400, 404, 409, 429, 500, 503]) {
      const error = await caught(c.request({ operation: "x", method: "GET", path: "/x", query: { status } }));
      expect(error.message).not.toContain(TOKEN);
      expect(JSON.stringify(error)).not.toContain(TOKEN);
    }
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("3")).toBe(3_000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter(new Date(1_000).toUTCString(), 4_000)).toBe(0);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});
