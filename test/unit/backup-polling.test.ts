/**
 * How a Backup waiting for its backup polls (provider/resources/backup/lifecycle.ts with the
 * real shared lists and request budget, an in-memory VPS.org client): with budget to spare a
 * completion is noticed at the next poll, however many Backups wait on the target (before,
 * eight waiters shared a list up to 4 s old, so each finished seconds after the vendor); with
 * the account's budget spent, waiters share older lists instead of each asking for one.
 */
import { budgetFor } from "../../provider/core/request-budget";
import type { VendorBackup, VendorClient, VendorModule } from "../../provider/vendors/vendor";

const vendorSide = {
  backups: [] as (VendorBackup & { doneAt: number })[],
  lists: 0,
  completionMs: 0,
  nextId: 1,
};
const RULE = { requests: 10, windowMs: 60_000 };
const account = () => budgetFor("VPS.org", "https://polling-test.invalid", "Bearer polling-test", RULE);

const unused = async (): Promise<never> => {
  throw new Error("not used by this test");
};
const client: VendorClient = {
  async listBackups() {
    vendorSide.lists++;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const now = Date.now();
    return vendorSide.backups.map(({ doneAt, ...b }) => ({ ...b, state: now >= doneAt ? "completed" : "running" }));
  },
  async startBackup(_target, request) {
    const id = String(vendorSide.nextId++);
    const requestedAt = new Date().toISOString();
    vendorSide.backups.push({
      id,
      state: "running",
      vendorStatus: "running",
      manual: true,
      description: request.description,
      createdAt: requestedAt,
      doneAt: Date.now() + vendorSide.completionMs,
    });
    return { backupId: id, requestedAt };
  },
  checkBackup: unused,
  getBackup: unused,
  deleteBackup: unused,
  startRestore: unused,
  checkRestore: unused,
};

jest.mock("../../provider/vendors/registry", () => {
  const actual = jest.requireActual("../../provider/vendors/registry");
  return {
    ...actual,
    vendorNamed(name: string): VendorModule {
      const vendor = actual.vendorNamed(name) as VendorModule;
      // The client factory takes the account's budget as the real HTTP client does.
      return {
        ...vendor,
        createClient: () => {
          account();
          return client;
        },
      };
    },
  };
});

import { checkBackupInputs } from "../../provider/resources/backup/inputs";
import { createBackup } from "../../provider/resources/backup/lifecycle";
import type { BackupInputs } from "../../provider/resources/backup/schema";

function inputs(i: number, serverId: string): BackupInputs {
  const { inputs, failures } = checkBackupInputs({
    target: { vendor: "vpsorg", serverId },
    description: `polling ${i}`,
    identity: `proj/dev/b${i}`,
  });
  expect(failures).toEqual([]);
  return inputs as unknown as BackupInputs;
}

/** Creates `n` Backups at once on one server; resolves each one's time to return. */
async function createMany(n: number, serverId: string) {
  const started = Date.now();
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const { outs } = await createBackup(inputs(i, serverId));
      expect(outs.status).toBe("completed");
      return Date.now() - started;
    }),
  );
}

beforeAll(() => {
  process.env.VPSORG_API_TOKEN = "polling-test-token";
  jest.spyOn(console, "log").mockImplementation(() => undefined);
});
beforeEach(() => {
  vendorSide.backups = [];
  vendorSide.lists = 0;
});

it("with budget to spare, eight Backups waiting on one target each notice their completion at once", async () => {
  vendorSide.completionMs = 0;
  expect(account().spareShare()).toBe(1);
  const took = await createMany(8, "11111");
  // Each create is answered completed by the first list asked for after it.
  for (const ms of took) expect(ms).toBeLessThan(1_000);
  // The look-up, then at most one list per create (concurrent polls share the one in flight).
  expect(vendorSide.lists).toBeLessThanOrEqual(9);
});

it("with the account's budget spent, the waiters share older lists instead of asking for one each", async () => {
  vendorSide.completionMs = 1_000;
  // Another part of the run used the whole window (the fake client itself takes no slots).
  for (let i = 0; i < RULE.requests; i++) await account().acquire(Number.MAX_SAFE_INTEGER);
  expect(account().spareShare()).toBe(0);
  const took = await createMany(8, "22222");
  for (const ms of took) expect(ms).toBeGreaterThanOrEqual(1_000);
  // Polls at 0, 0.25, 0.6, 1.2 s … each wanting its own list would ask for dozens; sharing
  // lists up to 4 s old (eight waiters × 500 ms) asks for a couple.
  expect(vendorSide.lists).toBeLessThanOrEqual(4);
}, 20_000);
