/**
 * The sandbox's own machinery: the `/_admin` control API, injected faults, rate limiting,
 * the request log, persistence, and the mounting of the vendors under one port.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { request as undiciRequest } from "undici";
import { startSandbox } from "../../sandbox";
import { CALLS } from "../support/routes";
import { startTestSandbox, VENDORS, type TestSandbox, type VendorName } from "../support/sandbox";

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox({ specCheck: "answers" });
});
afterAll(() => sb.close());
beforeEach(async () => {
  await sb.reset();
  await sb.adminCall("DELETE", "/faults");
  await sb.adminCall("DELETE", "/requests");
  await sb.adminCall("POST", "/timing", { backupMs: 0, restoreMs: 0 });
});

/** A cheap authenticated read per vendor, and a create, for fault and rate tests. */
const READS: Record<VendorName, () => string> = {
  kinsta: () => `/sites/environments/${sb.seed.kinsta.environmentIds[0]}/backups`,
  wpengine: () => `/installs/${sb.seed.wpengine.installIds[0]}/backups`,
  vpsorg: () => "/backups/",
  northflank: () => `/projects/shop/addons/postgres/backups`,
};

describe("startSandbox", () => {
  test("one port, a prefix per vendor; base URLs as documented", () => {
    expect(sb.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sb.baseUrls).toEqual({
      kinsta: `${sb.url}/kinsta/v2`,
      wpengine: `${sb.url}/wpengine/v1`,
      vpsorg: `${sb.url}/vpsorg/api/v1`,
      northflank: `${sb.url}/northflank/v1`,
    });
    expect(sb.port).toBe(Number(new URL(sb.url).port));
  });
});

describe("/_admin/seed", () => {
  test("has the documented shape with fixed ids", async () => {
    const seed = (await sb.adminCall("GET", "/seed")).body;
    expect(seed).toMatchObject({
      kinsta: { apiKey: "kinsta-demo-key-a", companyId: "c0c0c0c0-0000-4000-8000-00000000000a" },
      wpengine: { user: "a9e7c0de-0000-4000-8000-00000000000a", password: "wpe-demo-password-a" },
      vpsorg: { token: "vps_demo_token_a", serverIds: ["12345", "12346"] },
      northflank: {
        token: "nf-demo-token-a",
        addons: [
          { projectId: "shop", addonId: "postgres" },
          { projectId: "shop", addonId: "mongo" },
        ],
      },
    });
    expect(seed.kinsta.environmentIds).toContain("e0e0e0e0-0000-4000-8000-000000000011");
    expect(seed.wpengine.installIds[0]).toBe("294deacc-d8b8-4005-82c4-0727ba8ddde0");
    for (const v of VENDORS) expect(seed.secondary[v]).toHaveLength(1);
  });
});

describe("/_admin/reset and /_admin/state", () => {
  test("reset brings back the seed; state dumps every vendor", async () => {
    await sb.call("vpsorg", "DELETE", "/backups/499/");
    expect((await sb.state()).vpsorg.backups.some((b: { id: number }) => b.id === 499)).toBe(false);
    expect((await sb.adminCall("POST", "/reset")).status).toBe(200);
    const state = await sb.state();
    expect(state.vpsorg.backups.some((b: { id: number }) => b.id === 499)).toBe(true);
    expect(Object.keys(state)).toEqual(
      expect.arrayContaining(["now", "timing", "kinsta", "wpengine", "vpsorg", "northflank"]),
    );
  });
});

describe("/_admin/backups/{vendor}/{id}: drift", () => {
  test("DELETE removes a backup out of band, per vendor", async () => {
    const cases: [VendorName, string, () => Promise<boolean>][] = [
      [
        "kinsta",
        "123456789",
        async () => JSON.stringify((await sb.call("kinsta", "GET", READS.kinsta())).body).includes("123456789"),
      ],
      [
        "wpengine",
        "e41fa98f-ea80-4654-b229-a9b765d0863a",
        async () =>
          (await sb.call("wpengine", "GET", `${READS.wpengine()}/e41fa98f-ea80-4654-b229-a9b765d0863a`)).status === 200,
      ],
      [
        "vpsorg",
        "499",
        async () =>
          (await sb.call("vpsorg", "GET", "/backups/")).body.results.some((b: { id: number }) => b.id === 499),
      ],
      [
        "northflank",
        "pre-migration",
        async () => (await sb.call("northflank", "GET", `${READS.northflank()}/pre-migration`)).status === 200,
      ],
    ];
    for (const [vendor, id, exists] of cases) {
      expect(await exists()).toBe(true);
      expect((await sb.adminCall("DELETE", `/backups/${vendor}/${id}`)).status).toBe(204);
      expect(await exists()).toBe(false);
      expect((await sb.adminCall("DELETE", `/backups/${vendor}/${id}`)).status).toBe(404);
    }
    expect((await sb.adminCall("DELETE", "/backups/nobody/1")).status).toBe(404);
  });

  test("PATCH with neutral names maps to each vendor's words and fields", async () => {
    const expires = "2030-01-01T00:00:00.000Z";
    const created = "2024-01-01T00:00:00.000Z";
    const vps = await sb.adminCall("PATCH", "/backups/vpsorg/499", {
      status: "failed",
      expiresAt: expires,
      createdAt: created,
    });
    expect(vps.status).toBe(200);
    const listed = (await sb.call("vpsorg", "GET", "/backups/")).body.results.find((b: { id: number }) => b.id === 499);
    expect(listed).toMatchObject({
      status: "failed",
      expires_at: "2030-01-01T00:00:00Z",
      created_at: "2024-01-01T00:00:00Z",
    });
    await sb.adminCall("PATCH", "/backups/northflank/pre-migration", { status: "failed" });
    expect((await sb.call("northflank", "GET", `${READS.northflank()}/pre-migration`)).body.data.status).toBe("failed");
    // Vendor words are accepted too.
    await sb.adminCall("PATCH", "/backups/northflank/pre-migration", { status: "in-progress" });
    expect((await sb.call("northflank", "GET", `${READS.northflank()}/pre-migration`)).body.data.status).toBe(
      "in-progress",
    );
    await sb.adminCall("PATCH", "/backups/wpengine/e41fa98f-ea80-4654-b229-a9b765d0863a", { status: "running" });
    expect(
      (await sb.call("wpengine", "GET", `${READS.wpengine()}/e41fa98f-ea80-4654-b229-a9b765d0863a`)).body.status,
    ).toBe("in_progress");
    // An expiry in the past makes retention remove it.
    await sb.adminCall("PATCH", "/backups/kinsta/123456789", { expiresAt: "2000-01-01T00:00:00Z" });
    expect(JSON.stringify((await sb.call("kinsta", "GET", READS.kinsta())).body)).not.toContain("123456789");
    expect((await sb.adminCall("PATCH", "/backups/vpsorg/499", { status: "exploded" })).status).toBe(400);
    expect((await sb.adminCall("PATCH", "/backups/vpsorg/424242", { status: "failed" })).status).toBe(404);
  });
});

describe("faults", () => {
  test.each(VENDORS)(
    "%s: status fault answers with the vendor's error body and Retry-After, then normal service",
    async (vendor) => {
      const prefix = new URL(sb.baseUrls[vendor]).pathname;
      expect(
        (await sb.adminCall("POST", "/faults", { path: `^${prefix}/`, count: 2, status: 503, retryAfter: 7 })).status,
      ).toBe(201);
      for (let i = 0; i < 2; i++) {
        const res = await sb.call(vendor, "GET", READS[vendor]());
        expect(res.status).toBe(503);
        expect(res.headers.get("retry-after")).toBe("7");
        const bodies: Record<VendorName, unknown> = {
          kinsta: { status: 503, message: "Service Unavailable", data: null },
          wpengine: { message: "Service Unavailable" },
          vpsorg: { detail: "Service Unavailable" },
          northflank: { error: { message: "Service Unavailable", id: expect.any(String) } },
        };
        expect(res.body).toEqual(bodies[vendor]);
      }
      expect((await sb.call(vendor, "GET", READS[vendor]())).status).toBe(200);
    },
  );

  test("status fault with a custom body; method filter; faults apply before auth", async () => {
    await sb.adminCall("POST", "/faults", {
      method: "POST",
      path: "/vpsorg/api/v1/backups/$",
      status: 500,
      body: { oops: true },
    });
    expect((await sb.call("vpsorg", "GET", "/backups/")).status).toBe(200); // GET does not match
    const res = await sb.call("vpsorg", "POST", "/backups/", { body: { server_id: 12345 }, auth: null });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ oops: true });
  });

  test("a fault with a probability hits about that share of matching requests, and only those", async () => {
    await sb.admin("POST", "/faults", { path: "^/vpsorg/", count: 10_000, probability: 0.25, status: 503 });
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) statuses.push((await sb.call("vpsorg", "GET", READS.vpsorg())).status);
    const faulted = statuses.filter((s) => s === 503).length;
    // 200 draws at 25 %: far outside 20–80 only once in millions of runs.
    expect(faulted).toBeGreaterThan(20);
    expect(faulted).toBeLessThan(80);
    expect(statuses.filter((s) => s !== 503).every((s) => s === 200)).toBe(true);
    // A probability of 0 never fires.
    await sb.admin("DELETE", "/faults");
    await sb.admin("POST", "/faults", { path: "^/vpsorg/", count: 10, probability: 0, status: 503 });
    for (let i = 0; i < 20; i++) expect((await sb.call("vpsorg", "GET", READS.vpsorg())).status).toBe(200);
  });

  test("a faulted create does not mutate state", async () => {
    await sb.adminCall("POST", "/faults", { path: "manual-backups$", status: 502 });
    const before = (await sb.state()).kinsta.backups.length;
    expect(
      (
        await sb.call("kinsta", "POST", `/sites/environments/${sb.seed.kinsta.environmentIds[0]}/manual-backups`, {
          body: { tag: "x" },
        })
      ).status,
    ).toBe(502);
    expect((await sb.state()).kinsta.backups.length).toBe(before);
  });

  test("reset destroys the connection without a response, and does not mutate", async () => {
    await sb.adminCall("POST", "/faults", { ...CALLS.createBackup.wpengine, reset: true });
    const before = (await sb.state()).wpengine.backups.length;
    await expect(
      sb.call("wpengine", "POST", READS.wpengine(), { body: { description: "x", notification_emails: ["a@b.c"] } }),
    ).rejects.toThrow();
    expect((await sb.state()).wpengine.backups.length).toBe(before);
    const log = (await sb.adminCall("GET", "/requests")).body;
    expect(log[log.length - 1]).toMatchObject({ method: "POST", status: 0 });
  });

  test("malformed answers with a broken JSON body", async () => {
    await sb.adminCall("POST", "/faults", { path: "^/northflank/", malformed: true });
    const res = await sb.call("northflank", "GET", READS.northflank());
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(() => JSON.parse(res.text)).toThrow();
  });

  test("malformed handles the request first: a create answered that way was carried out", async () => {
    await sb.adminCall("POST", "/faults", { ...CALLS.createBackup.vpsorg, malformed: true });
    const before = (await sb.call("vpsorg", "GET", "/backups/?backup_type=manual")).body.count;
    const res = await sb.call("vpsorg", "POST", "/backups/", { body: { server_id: 12345, description: "garbled" } });
    expect(res.status).toBe(201);
    expect(() => JSON.parse(res.text)).toThrow();
    const after = (await sb.call("vpsorg", "GET", "/backups/?backup_type=manual")).body;
    expect(after.count).toBe(before + 1);
    expect(after.results.some((b: { description: string }) => b.description === "garbled")).toBe(true);
  });

  test("delayMs delays, then handles the request: a client that gives up still caused a create (ambiguous create)", async () => {
    await sb.adminCall("POST", "/faults", { ...CALLS.createBackup.vpsorg, delayMs: 400 });
    const before = (await sb.call("vpsorg", "GET", "/backups/?backup_type=manual")).body.count;
    const started = Date.now();
    const aborted = fetch(`${sb.baseUrls.vpsorg}/backups/`, {
      method: "POST",
      headers: { authorization: sb.authOf("vpsorg"), "content-type": "application/json" },
      body: JSON.stringify({ server_id: 12345, description: "ambiguous" }),
      signal: AbortSignal.timeout(100),
    });
    await expect(aborted).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 500));
    const after = (await sb.call("vpsorg", "GET", "/backups/?backup_type=manual")).body;
    expect(after.count).toBe(before + 1);
    expect(after.results.some((b: { description: string }) => b.description === "ambiguous")).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  });

  test("count, list and clear; invalid specs are refused", async () => {
    await sb.adminCall("POST", "/faults", { path: "^/kinsta/", status: 500, count: 3 });
    expect((await sb.call("kinsta", "GET", READS.kinsta())).status).toBe(500);
    expect((await sb.adminCall("GET", "/faults")).body[0].remaining).toBe(2);
    expect((await sb.adminCall("DELETE", "/faults")).status).toBe(204);
    expect((await sb.call("kinsta", "GET", READS.kinsta())).status).toBe(200);
    expect((await sb.adminCall("POST", "/faults", { path: "(", status: 500 })).status).toBe(400);
    expect((await sb.adminCall("POST", "/faults", { path: "x", status: 500, reset: true })).status).toBe(400);
    expect((await sb.adminCall("POST", "/faults", { path: "x" })).status).toBe(400);
  });

  test("skip lets the first matching requests through", async () => {
    await sb.adminCall("POST", "/faults", { path: "^/kinsta/", status: 500, count: 1, skip: 2 });
    expect((await sb.call("kinsta", "GET", READS.kinsta())).status).toBe(200);
    expect((await sb.call("kinsta", "GET", READS.kinsta())).status).toBe(200);
    expect((await sb.call("kinsta", "GET", READS.kinsta())).status).toBe(500);
    expect((await sb.call("kinsta", "GET", READS.kinsta())).status).toBe(200);
  });

  test("/_admin is never faulted", async () => {
    await sb.adminCall("POST", "/faults", { path: ".*", status: 500 });
    expect((await sb.adminCall("GET", "/seed")).status).toBe(200);
  });
});

describe("rate limiting", () => {
  afterEach(async () => {
    await sb.adminCall("POST", "/timing", {
      rateLimit: {
        kinsta: { limit: 120, windowMs: 60_000 },
        wpengine: { limit: 600, windowMs: 60_000 },
        vpsorg: { limit: 600, windowMs: 60_000 },
        northflank: { limit: 1000, windowMs: 3_600_000 },
        "kinsta-create": null,
      },
    });
  });

  test.each(VENDORS)(
    "%s: 429 with when-to-retry headers once the per-credential limit is used up; other credentials unaffected",
    async (vendor) => {
      await sb.adminCall("POST", "/timing", { rateLimit: { [vendor]: { limit: 2, windowMs: 30_000 } } });
      expect((await sb.call(vendor, "GET", READS[vendor]())).status).toBe(200);
      expect((await sb.call(vendor, "GET", READS[vendor]())).status).toBe(200);
      const limited = await sb.call(vendor, "GET", READS[vendor]());
      expect(limited.status).toBe(429);
      // Northflank documents x-ratelimit-* (reset in seconds) and no Retry-After; the others Retry-After.
      const resetHeader = vendor === "northflank" ? "x-ratelimit-reset" : "retry-after";
      if (vendor === "northflank") {
        expect(limited.headers.get("retry-after")).toBeNull();
        expect(limited.headers.get("x-ratelimit-limit")).toBe("2");
        expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
      }
      const retryAfter = Number(limited.headers.get(resetHeader));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(30);
      expect(limited.body).toBeDefined(); // every vendor answers JSON
      // Another account has its own budget.
      const other = await sb.call(vendor, "GET", "/", { auth: sb.authOf(vendor, "secondary") });
      expect(other.status).not.toBe(429);
      // The window passes.
      await sb.advance(31_000);
      expect((await sb.call(vendor, "GET", READS[vendor]())).status).toBe(200);
    },
  );

  test("Kinsta 429 body; optional creation lane (5/min per third-party sources)", async () => {
    await sb.adminCall("POST", "/timing", { rateLimit: { "kinsta-create": { limit: 1, windowMs: 60_000 } } });
    const path = `/sites/environments/${sb.seed.kinsta.environmentIds[0]}/manual-backups`;
    expect((await sb.call("kinsta", "POST", path, { body: { tag: "a" } })).status).toBe(202);
    const limited = await sb.call("kinsta", "POST", path, { body: { tag: "b" } });
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ status: 429, message: "Too many requests, please try again later.", data: null });
    expect(limited.headers.get("retry-after")).toBeTruthy();
  });

  test("startSandbox({ rateLimit }) sets limits at start", async () => {
    const small = await startSandbox({
      port: 0,
      backupMs: 0,
      restoreMs: 0,
      rateLimit: { vpsorg: { limit: 1, windowMs: 60_000 } },
    });
    try {
      const get = () =>
        fetch(`${small.baseUrls.vpsorg}/servers/`, { headers: { authorization: "Bearer vps_demo_token_a" } });
      expect((await get()).status).toBe(200);
      expect((await get()).status).toBe(429);
    } finally {
      await small.close();
    }
  });
});

describe("/_admin/requests", () => {
  test("logs vendor traffic only, with method, path, status and time; clearable", async () => {
    await sb.call("vpsorg", "GET", "/backups/?server_id=12345");
    await sb.call("kinsta", "GET", "/nothing-here");
    await sb.adminCall("GET", "/state");
    const log = (await sb.adminCall("GET", "/requests")).body;
    expect(log).toEqual([
      { method: "GET", path: "/vpsorg/api/v1/backups/?server_id=12345", status: 200, at: expect.any(String) },
      { method: "GET", path: "/kinsta/v2/nothing-here", status: 404, at: expect.any(String) },
    ]);
    expect((await sb.adminCall("DELETE", "/requests")).status).toBe(204);
    expect((await sb.adminCall("GET", "/requests")).body).toEqual([]);
  });
});

describe("/_admin/timing and /_admin/clock", () => {
  test("timing sets the delays of new work and echoes the settings", async () => {
    const res = await sb.adminCall("POST", "/timing", { backupMs: 5000, restoreMs: 100 });
    expect(res.body).toMatchObject({ backupMs: 5000, restoreMs: 100 });
    const created = await sb.call("vpsorg", "POST", "/backups/", { body: { server_id: 12345 } });
    expect(created.body.status).toBe("in_progress");
    expect((await sb.adminCall("POST", "/timing", { backupMs: -1 })).status).toBe(400);
    const advanced = await sb.advance(5000);
    expect(advanced.status).toBe(200);
    const listed = (await sb.call("vpsorg", "GET", "/backups/")).body.results.find(
      (b: { id: number }) => b.id === created.body.id,
    );
    expect(listed.status).toBe("completed");
  });
});

describe("/_admin/clock rate", () => {
  afterEach(() => sb.adminCall("POST", "/clock", { rate: 1 }));

  test("a clock running 600× faster completes a 3-minute backup in well under a second of real time", async () => {
    await sb.adminCall("POST", "/timing", { backupMs: 180_000 });
    const set = await sb.adminCall("POST", "/clock", { rate: 600 });
    expect(set.body).toMatchObject({ rate: 600 });
    const created = await sb.call("vpsorg", "POST", "/backups/", { body: { server_id: 12345 } });
    expect(created.body.status).toBe("in_progress");
    const startedAt = Date.now();
    let status = "in_progress";
    while (status !== "completed" && Date.now() - startedAt < 5_000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const listed = (await sb.call("vpsorg", "GET", "/backups/")).body.results;
      status = listed.find((b: { id: number }) => b.id === created.body.id).status;
    }
    expect(status).toBe("completed");
    // 180 s / 600 = 300 ms of real time (plus polling slack).
    expect(Date.now() - startedAt).toBeLessThan(2_000);
  });

  test("the rate is checked: zero, negative or unknown fields are refused", async () => {
    expect((await sb.adminCall("POST", "/clock", { rate: 0 })).status).toBe(400);
    expect((await sb.adminCall("POST", "/clock", { rate: -2 })).status).toBe(400);
    expect((await sb.adminCall("POST", "/clock", { speed: 2 })).status).toBe(400);
    expect((await sb.adminCall("POST", "/clock", {})).body).toMatchObject({ rate: 1 });
  });
});

describe("persistence", () => {
  test("--state file: state survives a restart", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sandbox-state-"));
    const file = path.join(dir, "state.json");
    try {
      const first = await startSandbox({ port: 0, backupMs: 0, restoreMs: 0, stateFile: file });
      const res = await undiciRequest(`${first.baseUrls.vpsorg}/backups/`, {
        method: "POST",
        headers: { authorization: "Bearer vps_demo_token_a", "content-type": "application/json" },
        body: JSON.stringify({ server_id: 12345, description: "survives restarts" }),
      });
      expect(res.statusCode).toBe(201);
      const { id } = (await res.body.json()) as { id: number };
      await first.close();
      expect(readFileSync(file, "utf8")).toContain("survives restarts");

      const second = await startSandbox({ port: 0, backupMs: 0, restoreMs: 0, stateFile: file });
      try {
        const list = await fetch(`${second.baseUrls.vpsorg}/backups/?server_id=12345`, {
          headers: { authorization: "Bearer vps_demo_token_a" },
        });
        const body = (await list.json()) as { results: { id: number; description: string }[] };
        expect(body.results.find((b) => b.id === id)?.description).toBe("survives restarts");
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
