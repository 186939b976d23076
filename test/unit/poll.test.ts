import { lookFor, PLENTY_WAVES, pollListMaxAgeMs, SHARED_LIST_MAX_AGE_MS, waitUntil } from "../../provider/core/poll";
import { RateLimitedError, WaitTimeoutError } from "../../provider/core/errors";

describe("lookFor (after a request without a usable answer)", () => {
  it("probes after 1 s, then 2 s later, and returns what it found", async () => {
    const at: number[] = [];
    const start = Date.now();
    const found = await lookFor(async () => {
      at.push(Date.now() - start);
      return at.length === 2 ? "restore-7" : undefined;
    }, start + 10_000);
    expect(found).toBe("restore-7");
    expect(at[0]).toBeGreaterThanOrEqual(950);
    expect(at[1] - at[0]).toBeGreaterThanOrEqual(1_950);
  });

  it("stops at the deadline, probing once more right there, and finds nothing", async () => {
    let probes = 0;
    const start = Date.now();
    const found = await lookFor(async () => {
      probes++;
      return undefined;
    }, start + 1_500);
    expect(found).toBeUndefined();
    expect(probes).toBe(2); // at 1 s and at the deadline
    expect(Date.now() - start).toBeLessThan(2_500);
  });
});

describe("waitUntil", () => {
  it("times out with a WaitTimeoutError naming what it waited for", async () => {
    const wait = waitUntil(async () => undefined, {
      deadline: Date.now() + 300,
      what: "backup 42",
      initialIntervalMs: 50,
    });
    await expect(wait).rejects.toBeInstanceOf(WaitTimeoutError);
    await expect(wait).rejects.toThrow(/backup 42/);
  });

  it("a probe refused by the account's budget at the deadline ends as the timeout, not as a rate-limit failure", async () => {
    const budgetFull = () =>
      new RateLimitedError(
        { vendor: "VPS.org", operation: "listBackups", retryable: true, retryAfterSeconds: 0 },
        "no free slot",
      );
    const deadline = Date.now() + 200;
    const wait = waitUntil(
      async () => {
        if (Date.now() >= deadline) throw budgetFull();
        return undefined;
      },
      { deadline, what: "backup 42", initialIntervalMs: 50 },
    );
    await expect(wait).rejects.toBeInstanceOf(WaitTimeoutError);
  });

  it("a rate-limit failure well before the deadline stays what it is", async () => {
    const wait = waitUntil(
      async () => {
        throw new RateLimitedError({ vendor: "VPS.org", operation: "listBackups", retryAfterSeconds: 1 }, "HTTP 429");
      },
      { deadline: Date.now() + 60_000, what: "backup 42" },
    );
    await expect(wait).rejects.toBeInstanceOf(RateLimitedError);
  });
});

describe("pollListMaxAgeMs (how old a shared list may be to answer a poll)", () => {
  const age = (spareRequests: number, waitingOnAccount: number, waitingOnTarget = waitingOnAccount) =>
    pollListMaxAgeMs({ spareRequests, waitingOnAccount, waitingOnTarget });

  it("with requests to spare, wants a list newer than the poll's last, however many backups wait", () => {
    // Before: 500 ms per waiting backup (up to 5 s) whatever the budget, so with 8 engine
    // slots every Backup finished ~4 s after the vendor did.
    expect(age(Number.POSITIVE_INFINITY, 200)).toBe(0);
    expect(age(1000, 8)).toBe(0);
    // Enough for PLENTY_WAVES lists per waiting backup: still fresh.
    expect(age(PLENTY_WAVES * 8, 8)).toBe(0);
  });

  it("as the spare requests run short of that, lets waiters share older lists: 500 ms per waiter, at most 5 s", () => {
    expect(age(0, 4)).toBe(2_000);
    expect(age(0, 200)).toBe(SHARED_LIST_MAX_AGE_MS);
    // Half of what plenty needs: half of that.
    expect(age((PLENTY_WAVES * 200) / 2, 200)).toBe(SHARED_LIST_MAX_AGE_MS / 2);
    // A lone waiter on an exhausted account polls no more often than every 500 ms.
    expect(age(0, 1)).toBe(500);
    // The waiters of the whole account count against its spare requests; the age follows the target's.
    expect(age(20, 40, 2)).toBe(Math.round((1 - 20 / (PLENTY_WAVES * 40)) * 1_000));
  });

  it("never shares an older list when more requests are spare", () => {
    let previous = Number.POSITIVE_INFINITY;
    for (let spare = 0; spare <= PLENTY_WAVES * 20; spare += 5) {
      const ms = age(spare, 20);
      expect(ms).toBeLessThanOrEqual(previous);
      previous = ms;
    }
    expect(previous).toBe(0);
  });
});
