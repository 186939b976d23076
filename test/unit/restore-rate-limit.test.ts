/**
 * A Northflank restore (start, follow, refresh) waits out a 429 for as long as the vendor's
 * advertised reset says, bounded by the resource's `timeout` — not by the HTTP core's 60 s
 * cap for requests made outside a deadline. A real `node:http` server plays Northflank (429
 * with `x-ratelimit-*` and no Retry-After); only the clock's waits are recorded instead of
 * slept, so a 90 s reset costs nothing here.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { RateLimitedError } from "../../provider/core/errors";
import { closeHttpPools } from "../../provider/core/http";
import { createRestore, readRestore } from "../../provider/resources/restore/lifecycle";

const waits: number[] = [];
jest.mock("../../provider/core/poll", () => {
  const actual = jest.requireActual("../../provider/core/poll");
  return {
    ...actual,
    sleep: async (ms: number) => {
      waits.push(ms);
    },
  };
});

type Answer = { status: number; body: unknown; resetSeconds?: number };
let answers: Answer[] = [];
const seen: string[] = [];
let server: http.Server;

const ok = (data: unknown): Answer => ({ status: 200, body: { data, pagination: { hasNextPage: false, count: 0 } } });
const limited = (resetSeconds: number): Answer => ({
  status: 429,
  body: { error: { message: "Too many requests", id: "rl" } },
  resetSeconds,
});

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url?.split("?")[0]}`);
    const answer = answers.shift() ?? { status: 500, body: { error: { message: "no answer scripted" } } };
    res.writeHead(answer.status, {
      "content-type": "application/json",
      "x-ratelimit-limit": "1000",
      "x-ratelimit-remaining": answer.status === 429 ? "0" : "999",
      "x-ratelimit-reset": String(answer.resetSeconds ?? 3600),
    });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.NORTHFLANK_API_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  process.env.NORTHFLANK_API_TOKEN = "nf-unit-token";
  // The shared request budget would hold the account on the real clock for the whole reset;
  // its own deadline arithmetic is tested in request-budget.test.ts. Here the restore's
  // deadline reaches the HTTP core's wait, which the mocked clock records.
  process.env.HOSTING_BACKUPS_REQUEST_BUDGET = "off";
});
afterAll(async () => {
  await closeHttpPools();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  waits.length = 0;
  seen.length = 0;
});

const target = { vendor: "northflank", projectId: "shop", addonId: "db" };
const inputs = (timeout: string) => ({
  target,
  backupId: "nightly",
  confirm: "shop/db",
  waitForCompletion: false,
  timeout,
});

it("start: a 429 whose reset is 90 s away is waited out within a 10-minute timeout", async () => {
  answers = [
    limited(90), // the pre-restore list of known restores
    ok({ restores: [] }),
    ok({ restoreId: "1700000000000" }),
    ok({ restores: [{ id: "1700000000000", status: "in-progress", restoreTimestamp: "2026-12-03T10:00:00Z" }] }),
  ];
  const { outs } = await createRestore(inputs("10m") as never);
  expect(outs).toMatchObject({ operationId: "1700000000000", status: "running" });
  expect(waits.some((ms) => ms >= 89_000)).toBe(true);
  expect(seen).toEqual([
    "GET /v1/projects/shop/addons/db/backups/nightly/restores",
    "GET /v1/projects/shop/addons/db/backups/nightly/restores",
    "POST /v1/projects/shop/addons/db/backups/nightly/restore",
    "GET /v1/projects/shop/addons/db/backups/nightly/restores",
  ]);
});

it("refresh: a 429 on the progress check waits for a 2-minute reset within the resource's timeout", async () => {
  answers = [
    limited(120),
    ok({ restores: [{ id: "42", status: "completed", restoreTimestamp: "2026-12-03T10:00:00Z" }] }),
  ];
  const props = {
    ...inputs("30m"),
    operationId: "42",
    status: "running",
    startedAt: new Date().toISOString(),
    restoredBackupId: "nightly",
    targetKey: "northflank/shop/db",
  };
  const { props: refreshed } = await readRestore("northflank/shop/db/restore/42", props as never);
  expect(refreshed).toMatchObject({ status: "completed" });
  expect(waits.some((ms) => ms >= 119_000)).toBe(true);
  expect(seen).toHaveLength(2);
});

// Last: it leaves the client's advertised budget spent.
it("start: a reset further away than the timeout fails at once, naming the wait", async () => {
  answers = [limited(600)];
  const error = await createRestore(inputs("5m") as never).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RateLimitedError);
  expect(String(error)).toMatch(/resets in 10 min, later than this request may wait/);
  expect(seen).toHaveLength(1);
  expect(waits.filter((ms) => ms > 1_000)).toEqual([]);
});
