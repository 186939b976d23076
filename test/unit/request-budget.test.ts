/**
 * The per-account request budget: window arithmetic, what it learns from headers and 429s,
 * foreground before background, deadlines, and one budget per account (credential hashed).
 * Arithmetic is checked with explicit clocks; queueing with real (short) timers.
 */
import { parseRateLimitHeaders } from "../../provider/core/rate-limit";
import {
  accountKey,
  BACKGROUND_MAX_WAIT_MS,
  budgetBoundBy,
  budgetFor,
  BudgetWaitTooLong,
  RequestBudget,
} from "../../provider/core/request-budget";

const NOW = 1_700_000_000_000;
const FAR = Number.MAX_SAFE_INTEGER;

/** Takes `n` slots at `at` (they are free, so `acquire` resolves at once). */
async function take(budget: RequestBudget, n: number, at: number) {
  for (let i = 0; i < n; i++) await budget.acquire(FAR, "foreground", at);
}

describe("window arithmetic", () => {
  it("lets `requests` through per window, then the next one when the oldest leaves the window", async () => {
    const budget = new RequestBudget({ requests: 3, windowMs: 10_000 });
    expect(budget.nextSlotAt(NOW)).toBe(NOW);
    await take(budget, 1, NOW);
    await take(budget, 2, NOW + 4_000);
    // Full: the first send leaves the window at NOW + 10 s (plus 2 % slack, at least 300 ms).
    expect(budget.nextSlotAt(NOW + 5_000)).toBe(NOW + 10_300);
    // Once it left, one slot is free; the two sent at +4 s still count.
    expect(budget.nextSlotAt(NOW + 10_300)).toBe(NOW + 10_300);
    await take(budget, 1, NOW + 10_300);
    expect(budget.nextSlotAt(NOW + 10_400)).toBe(NOW + 14_300);
  });

  it("takes n requests at least (ceil(n / limit) − 1) windows: the rate-limit minimum", async () => {
    const budget = new RequestBudget({ requests: 5, windowMs: 1_000 });
    let now = NOW;
    for (let i = 0; i < 12; i++) {
      now = budget.nextSlotAt(now);
      await budget.acquire(FAR, "foreground", now);
    }
    // 12 requests at 5 per second: the 11th and 12th go in the third window.
    expect(now - NOW).toBe(2 * 1_300);
  });
});

describe("learning from the vendor", () => {
  const headers = (limit: number, remaining: number, resetSeconds: number) => ({
    "x-ratelimit-limit": String(limit),
    "x-ratelimit-remaining": String(remaining),
    "x-ratelimit-reset": String(resetSeconds),
  });

  it("holds every request once the advertised budget is spent, until the advertised reset", async () => {
    const budget = new RequestBudget({ requests: 1000, windowMs: 3_600_000 });
    await take(budget, 1, NOW);
    budget.observe(parseRateLimitHeaders(headers(1000, 2, 30), NOW), NOW);
    // Two left of 1000 (under 5 %): they are spread over the 30 s to the reset.
    const first = budget.nextSlotAt(NOW);
    expect(first).toBe(NOW + 10_000); // 30 s shared by 2 left + 1
    await budget.acquire(FAR, "foreground", first);
    await budget.acquire(FAR, "foreground", budget.nextSlotAt(first));
    // Both spent: the next waits for the reset, whatever our own window says.
    expect(budget.nextSlotAt(NOW + 25_000)).toBe(NOW + 30_000);
    expect(budget.nextSlotAt(NOW + 30_001)).toBe(NOW + 30_001);
  });

  it("counts its own requests against what was advertised, and ignores an older, higher remaining", async () => {
    const budget = new RequestBudget({ requests: 1000, windowMs: 3_600_000 });
    budget.observe(parseRateLimitHeaders(headers(100, 60, 600), NOW), NOW);
    await take(budget, 10, NOW);
    // An answer to an earlier request arrives late, claiming more left: not believed.
    budget.observe(parseRateLimitHeaders(headers(100, 65, 600), NOW), NOW);
    await take(budget, 44, NOW);
    // 60 − 54 = 6 left of 100 (over 5 %): no pacing yet.
    expect(budget.nextSlotAt(NOW)).toBe(NOW);
    // 5 left (5 %): the 600 s to the reset are shared by them (and the reset itself).
    await take(budget, 1, NOW);
    expect(budget.nextSlotAt(NOW)).toBe(NOW + 100_000);
  });

  it("a 429 holds the account for the Retry-After and lowers the capacity to what the vendor accepted", async () => {
    const budget = new RequestBudget({ requests: 20, windowMs: 60_000 });
    await take(budget, 13, NOW);
    budget.rateLimited(5_000, NOW);
    expect(budget.limit).toBe(12);
    expect(budget.nextSlotAt(NOW + 1_000)).toBe(NOW + 61_200);
    expect(budget.stats.rateLimited).toBe(1);
  });

  it("a stray 429 after far fewer requests than the limit holds, but does not shrink the capacity", async () => {
    const budget = new RequestBudget({ requests: 120, windowMs: 60_000 });
    await take(budget, 10, NOW);
    budget.rateLimited(2_000, NOW);
    expect(budget.limit).toBe(120);
    expect(budget.nextSlotAt(NOW)).toBe(NOW + 2_000);
    expect(budget.nextSlotAt(NOW + 2_000)).toBe(NOW + 2_000);
  });
});

describe("queueing", () => {
  it("serves waiting requests in order as slots free up, instead of refusing them", async () => {
    const budget = new RequestBudget({ requests: 2, windowMs: 300 });
    const started = Date.now();
    const served: number[] = [];
    await Promise.all([0, 1, 2, 3, 4].map((i) => budget.acquire(Date.now() + 5_000).then(() => served.push(i))));
    expect(served).toEqual([0, 1, 2, 3, 4]);
    // Five at two per 300 ms (+300 ms slack): the fifth in the third window.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2 * 600 - 20);
    expect(budget.stats.sent).toBe(5);
  });

  it("serves foreground requests before background ones that were queued first", async () => {
    const budget = new RequestBudget({ requests: 1, windowMs: 200 });
    await budget.acquire(FAR);
    const order: string[] = [];
    const poll = budget.acquire(FAR, "background").then(() => order.push("poll"));
    const create = budget.acquire(FAR, "foreground").then(() => order.push("create"));
    await Promise.all([poll, create]);
    expect(order).toEqual(["create", "poll"]);
  });

  it("serves a background request that waited long enough even while foreground ones queue", () => {
    expect(BACKGROUND_MAX_WAIT_MS).toBeGreaterThan(0);
    const budget = new RequestBudget({ requests: 1, windowMs: 1 });
    const order: string[] = [];
    // Enqueued "long ago" by its clock; the foreground one just now.
    void budget.acquire(FAR, "foreground", NOW).then(() => order.push("first"));
    void budget.acquire(FAR, "background", NOW).then(() => order.push("starved poll"));
    void budget.acquire(FAR, "foreground", NOW + BACKGROUND_MAX_WAIT_MS).then(() => order.push("create"));
    return new Promise<void>((resolve) => setTimeout(resolve, 400)).then(() =>
      expect(order).toEqual(["first", "starved poll", "create"]),
    );
  });

  it("refuses at once a request whose deadline comes before its slot, naming the wait", async () => {
    const budget = new RequestBudget({ requests: 1, windowMs: 60_000 });
    await budget.acquire(FAR);
    const error = await budget.acquire(Date.now() + 1_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetWaitTooLong);
    expect((error as BudgetWaitTooLong).waitMs).toBeGreaterThan(59_000);
    expect((error as BudgetWaitTooLong).spentUntilReset).toBe(false);
  });
});

describe("one budget per account", () => {
  const rule = { requests: 10, windowMs: 1_000 };

  it("is shared by clients of one credential and separate per credential, vendor and base URL", () => {
    const a = budgetFor("Northflank", "https://api.northflank.com/v1", "Bearer tok-a", rule);
    expect(budgetFor("Northflank", "https://api.northflank.com/v1", "Bearer tok-a", rule)).toBe(a);
    expect(budgetFor("Northflank", "https://api.northflank.com/v1", "Bearer tok-b", rule)).not.toBe(a);
    expect(budgetFor("Kinsta", "https://api.northflank.com/v1", "Bearer tok-a", rule)).not.toBe(a);
    expect(budgetFor("Northflank", "http://127.0.0.1:4010/northflank/v1", "Bearer tok-a", rule)).not.toBe(a);
  });

  it("keys the registry by a hash: no credential is held in plain text", () => {
    const key = accountKey("Northflank", "https://api.northflank.com/v1", "Bearer nf-secret-token-123");
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).not.toContain("nf-secret-token-123");
  });
});

describe("spare share (what polls read to decide how old a shared list may be)", () => {
  const headers = (limit: number, remaining: number, resetSeconds: number) => ({
    "x-ratelimit-limit": String(limit),
    "x-ratelimit-remaining": String(remaining),
    "x-ratelimit-reset": String(resetSeconds),
  });

  it("is 1 with nothing sent, falls with each request in the window, and recovers as they leave it", async () => {
    const budget = new RequestBudget({ requests: 10, windowMs: 10_000 });
    expect(budget.spareShare(NOW)).toBe(1);
    await take(budget, 3, NOW);
    expect(budget.spareShare(NOW + 1)).toBeCloseTo(0.7);
    await take(budget, 7, NOW + 5_000);
    expect(budget.spareShare(NOW + 5_001)).toBe(0);
    // The three of NOW left the window (10 s + 300 ms slack); the seven of +5 s still count.
    expect(budget.spareShare(NOW + 10_301)).toBeCloseTo(0.3);
    expect(budget.spareShare(NOW + 15_301)).toBe(1);
  });

  it("counts requests waiting in the queue against it: a queue deeper than the window leaves none", async () => {
    const budget = new RequestBudget({ requests: 4, windowMs: 60_000 });
    await take(budget, 2, NOW);
    // Two more fit; six more wait: 4 − 2 − 6 < 0, so nothing is spare.
    for (let i = 0; i < 8; i++) void budget.acquire(FAR, "foreground", NOW + 1);
    expect(budget.spareShare(NOW + 2)).toBe(0);
  });

  it("is 0 while a 429 holds the account, and follows the vendor's advertised remaining when lower", async () => {
    const held = new RequestBudget({ requests: 100, windowMs: 60_000 });
    held.rateLimited(2_000, NOW);
    expect(held.spareShare(NOW + 1_000)).toBe(0);
    expect(held.spareShare(NOW + 2_001)).toBeGreaterThan(0.9);

    const advertised = new RequestBudget({ requests: 1000, windowMs: 3_600_000 });
    await take(advertised, 1, NOW);
    // Our own count says 999 of 1000 left; the vendor says 200 (another process spent the rest).
    advertised.observe(parseRateLimitHeaders(headers(1000, 200, 600), NOW), NOW);
    expect(advertised.spareShare(NOW + 1)).toBeCloseTo(0.2);
  });

  it("is what a client factory's HTTP client took, found through budgetBoundBy", () => {
    const rule = { requests: 10, windowMs: 1_000 };
    const { value, budget } = budgetBoundBy(() => {
      budgetFor("Northflank", "https://api.northflank.com/v1", "Bearer tok-bound", rule);
      return "client";
    });
    expect(value).toBe("client");
    expect(budget).toBe(budgetFor("Northflank", "https://api.northflank.com/v1", "Bearer tok-bound", rule));
    // Outside the factory nothing is bound.
    expect(budgetBoundBy(() => "no http").budget).toBeUndefined();
  });
});
