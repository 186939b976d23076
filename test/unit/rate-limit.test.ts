/** The rate-limit header unit: what an answer advertises, and how long to hold the next request. */
import { LOW_BUDGET_SHARE, paceDelayMs, parseRateLimitHeaders } from "../../provider/core/rate-limit";

const NOW = 1_700_000_000_000;

describe("parseRateLimitHeaders", () => {
  it("reads Northflank's reset as seconds from now", () => {
    const headers = { "x-ratelimit-limit": "1000", "x-ratelimit-remaining": "998", "x-ratelimit-reset": "3541" };
    expect(parseRateLimitHeaders(headers, NOW)).toEqual({ limit: 1000, remaining: 998, resetAt: NOW + 3_541_000 });
  });

  it("recognises an epoch reset, in seconds or milliseconds, by its size", () => {
    const base = { "x-ratelimit-limit": "10", "x-ratelimit-remaining": "0" };
    const inSeconds = String((NOW + 60_000) / 1000);
    expect(parseRateLimitHeaders({ ...base, "x-ratelimit-reset": inSeconds }, NOW)?.resetAt).toBe(NOW + 60_000);
    expect(parseRateLimitHeaders({ ...base, "x-ratelimit-reset": String(NOW + 5_000) }, NOW)?.resetAt).toBe(
      NOW + 5_000,
    );
    // A reset already past counts as now.
    expect(parseRateLimitHeaders({ ...base, "x-ratelimit-reset": String(NOW - 5_000) }, NOW)?.resetAt).toBe(NOW);
  });

  it("is undefined unless all three headers are numbers", () => {
    expect(parseRateLimitHeaders({}, NOW)).toBeUndefined();
    expect(parseRateLimitHeaders({ "x-ratelimit-limit": "10", "x-ratelimit-remaining": "3" }, NOW)).toBeUndefined();
    expect(
      parseRateLimitHeaders(
        { "x-ratelimit-limit": "10", "x-ratelimit-remaining": "soon", "x-ratelimit-reset": "3" },
        NOW,
      ),
    ).toBeUndefined();
  });

  it("takes the first value of a repeated header", () => {
    const headers = { "x-ratelimit-limit": ["10", "20"], "x-ratelimit-remaining": "4", "x-ratelimit-reset": "1" };
    expect(parseRateLimitHeaders(headers, NOW)).toEqual({ limit: 10, remaining: 4, resetAt: NOW + 1000 });
  });
});

describe("paceDelayMs", () => {
  const resetAt = NOW + 600_000;

  it("does not hold requests while the budget is comfortable", () => {
    expect(paceDelayMs(undefined, NOW)).toBe(0);
    expect(paceDelayMs({ limit: 1000, remaining: 1000 * LOW_BUDGET_SHARE + 1, resetAt }, NOW)).toBe(0);
  });

  it("spreads a low budget evenly over the rest of the window", () => {
    // 49 left of 1000 (under 5 %), 10 min to the reset: one request every 12 s.
    expect(paceDelayMs({ limit: 1000, remaining: 49, resetAt }, NOW)).toBe(12_000);
  });

  it("waits for the reset when nothing is left, and not at all once it passed", () => {
    expect(paceDelayMs({ limit: 1000, remaining: 0, resetAt }, NOW)).toBe(600_000);
    expect(paceDelayMs({ limit: 1000, remaining: 0, resetAt }, resetAt + 1)).toBe(0);
  });
});
