/**
 * BackupPolicy create/read/update/delete against an in-memory vendor client: the order of
 * the work, partial failures kept in the state, and that delete never touches a backup.
 */
import type { NativeSchedule, VendorBackup, VendorClient } from "../../provider/vendors/vendor";
import { isErrorOf, ResourceInitFailure, ValidationError } from "../../provider/core/errors";

const fake = {
  backups: [] as VendorBackup[],
  schedules: [] as NativeSchedule[],
  calls: [] as string[],
  failStart: false,
  nextId: 900,
};

const client: VendorClient = {
  async listBackups() {
    fake.calls.push("list");
    return fake.backups.map((b) => ({ ...b }));
  },
  async startBackup(_target, request) {
    fake.calls.push(`start ${request.description}`);
    if (fake.failStart) throw new ValidationError("test", "vendor said no");
    const id = String(fake.nextId++);
    fake.backups.push({
      id,
      state: "completed",
      vendorStatus: "completed",
      manual: true,
      description: request.description,
      createdAt: new Date().toISOString(),
    });
    return { backupId: id, requestedAt: new Date().toISOString() };
  },
  async checkBackup(_target, pending) {
    const backup = fake.backups.find((b) => b.id === pending.backupId)!;
    return { state: "completed", backup };
  },
  async getBackup(_target, id) {
    return fake.backups.find((b) => b.id === id);
  },
  async deleteBackup(_target, id) {
    fake.calls.push(`delete ${id}`);
    fake.backups = fake.backups.filter((b) => b.id !== id);
  },
  async startRestore() {
    throw new Error("not used");
  },
  async checkRestore() {
    throw new Error("not used");
  },
  schedules: {
    async list() {
      return fake.schedules;
    },
    async create(_target, schedule) {
      fake.calls.push(`create schedule ${schedule.interval}`);
      const created = { ...schedule, id: `s${fake.nextId++}` };
      fake.schedules.push(created);
      return created;
    },
    async delete(_target, id) {
      fake.calls.push(`delete schedule ${id}`);
      fake.schedules = fake.schedules.filter((s) => s.id !== id);
    },
  },
};

jest.mock("../../provider/resources/shared/clients", () => ({
  clientFor: () => client,
  listBackupsShared: () => client.listBackups({}),
  invalidateBackupList: () => undefined,
}));

// Imported after the mock is declared (jest hoists jest.mock above imports anyway).
import { createPolicy, deletePolicy, readPolicy, updatePolicy } from "../../provider/resources/policy/lifecycle";
import { checkPolicy } from "../../provider/resources/policy/check";
import type { PolicyInputs } from "../../provider/resources/policy/schema";
import { HOUR, seedBackup } from "../support/backups";

/** What the engine hands `create`/`update`: the inputs as `check` returned them, plan included. */
async function checked(news: Record<string, unknown>, olds: Record<string, unknown> = {}) {
  const { inputs, failures } = await checkPolicy(olds, news);
  expect(failures).toEqual([]);
  return inputs as unknown as PolicyInputs;
}

const vpsorg = { vendor: "vpsorg" as const, serverId: "12345" };
const northflank = { vendor: "northflank" as const, projectId: "shop", addonId: "postgres" };

const backup = seedBackup;

const freshPolicy: PolicyInputs = {
  target: vpsorg,
  freshness: { maxAgeHours: 24, description: "pulumi policy" },
  timeout: "5m",
  identity: "proj/dev/policy",
};

beforeEach(() => {
  jest.spyOn(console, "log").mockImplementation(() => undefined);
  fake.backups = [];
  fake.schedules = [];
  fake.calls = [];
  fake.failStart = false;
});

describe("BackupPolicy lifecycle", () => {
  it("makes room under VPS.org's cap before taking the backup, and reports what it did", async () => {
    fake.backups = Array.from({ length: 10 }, (_, i) => backup(String(100 + i), 30 + i));
    const { id, outs } = await createPolicy({ ...(await checked({ ...freshPolicy })), __provider: "p" });
    expect(id).toBe("vpsorg/12345/policy");
    expect(fake.calls.filter((c) => c !== "list")).toEqual([
      "delete 109",
      expect.stringMatching(/^start pulumi policy hb:[0-9a-f]{8}$/),
    ]);
    expect(outs).toMatchObject({ lastPrunedIds: ["109"], lastBackupId: "900", backupCount: 10, managedCount: 10 });
    expect(outs).not.toHaveProperty("plannedPrunes");
    expect(outs).not.toHaveProperty("plannedBackup");
  });

  it("keeps what it already did in the state when a later step fails", async () => {
    fake.backups = Array.from({ length: 10 }, (_, i) => backup(String(100 + i), 30 + i));
    fake.failStart = true;
    const error = await createPolicy({ ...(await checked({ ...freshPolicy })), __provider: "p" }).catch(
      (e: unknown) => e,
    );
    expect(isErrorOf(error, ResourceInitFailure)).toBe(true);
    const failure = error as ResourceInitFailure;
    expect(failure.id).toBe("vpsorg/12345/policy");
    expect(failure.properties).toMatchObject({ lastPrunedIds: ["109"], backupCount: 9, __provider: "p" });
    expect(failure.message).toMatch(/pruned 109/);
  });

  it("refuses a backup blocked by the cap before touching anything", async () => {
    fake.backups = Array.from({ length: 10 }, (_, i) => backup(String(100 + i), 30 + i, { description: "by hand" }));
    const error = await createPolicy(await checked({ ...freshPolicy })).catch((e: unknown) => e);
    expect(isErrorOf(error, ValidationError)).toBe(true);
    expect((error as ValidationError).field).toBe("freshness");
    expect(fake.calls).toEqual(["list", "list"]); // check's, then create's fresh list: nothing else
  });

  // Changed with issue 12: the plan is computed by `check` for the inputs being previewed;
  // `read` (refresh) reports the inventory only, and its inputs carry no plan.
  it("check plans the new inputs' work; update does it; read reports the inventory only", async () => {
    fake.backups = [backup("1", 1), backup("2", 2), backup("3", 3)];
    const state = {
      target: vpsorg,
      retention: { keepLast: 2 },
      timeout: "60m",
      backupCount: 3,
      managedCount: 3,
      lastPrunedIds: [],
      scheduleIds: [],
      targetKey: "vpsorg/12345",
    };
    const read = await readPolicy("vpsorg/12345/policy", state);
    expect(read.inputs).toEqual({ target: vpsorg, retention: { keepLast: 2 }, timeout: "60m" });
    expect(read.props).not.toHaveProperty("plannedPrunes");
    expect(read.props).toMatchObject({ managedCount: 3 });

    const news = await checked({ target: vpsorg, retention: { keepLast: 1 } }, read.inputs);
    const day = (ageHours: number) => new Date(Date.now() - ageHours * HOUR).toISOString().slice(0, 10);
    expect(news).toMatchObject({
      plannedPrunes: [`3 (${day(3)}): beyond keepLast 1 (3rd newest)`, `2 (${day(2)}): beyond keepLast 1 (2nd newest)`],
    });
    const { outs } = await updatePolicy("vpsorg/12345/policy", read.props as never, news);
    expect(outs.lastPrunedIds).toEqual(["3", "2"]);
    expect(outs).not.toHaveProperty("plannedPrunes");
  });

  it("update prunes only what the preview named, even if the vendor changed since", async () => {
    fake.backups = [backup("1", 1), backup("2", 2), backup("3", 3)];
    const news = await checked({ target: vpsorg, retention: { keepLast: 2 } }, { target: vpsorg });
    expect(news).toMatchObject({ plannedPrunes: [expect.stringMatching(/^3 /)] });
    fake.backups.unshift(backup("4", 0.5)); // taken out of band after the preview: "2" is now 3rd newest
    fake.calls = [];
    const { outs } = await updatePolicy("vpsorg/12345/policy", { target: vpsorg } as never, news);
    expect(fake.calls.filter((c) => c !== "list")).toEqual(["delete 3"]);
    expect(outs.lastPrunedIds).toEqual(["3"]);
    expect(console.log).toHaveBeenCalledWith(expect.stringMatching(/differs from the preview: 2 .*did not name it/));
  });

  it("delete removes the schedules it created and never a backup", async () => {
    fake.backups = [backup("1", 1)];
    const { outs } = await createPolicy(
      await checked({
        target: northflank,
        schedule: [{ interval: "daily", minute: [0], hour: [3], retentionDays: 7, backupType: "snapshot" }],
      }),
    );
    expect(outs.scheduleIds).toHaveLength(1);
    fake.calls = [];
    await deletePolicy("northflank/shop/postgres/policy", outs as never);
    expect(fake.calls).toEqual([`delete schedule ${outs.scheduleIds[0]}`]);
    expect(fake.backups).toHaveLength(1);
  });
});
