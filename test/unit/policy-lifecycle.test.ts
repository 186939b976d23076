/**
 * BackupPolicy create/read/update/delete against an in-memory vendor client: the order of
 * the work, partial failures kept in the state, and that delete never touches a backup.
 */
import type { NativeSchedule, VendorBackup, VendorClient } from "../../provider/core/vendor";
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
import type { PolicyInputs } from "../../provider/resources/policy/inputs";

const HOUR = 3600_000;
const vpsorg = { vendor: "vpsorg" as const, serverId: "12345" };
const northflank = { vendor: "northflank" as const, projectId: "shop", addonId: "postgres" };

function backup(id: string, ageHours: number, extra: Partial<VendorBackup> = {}): VendorBackup {
  return {
    id,
    state: "completed",
    vendorStatus: "completed",
    manual: true,
    description: `seed hb:0000${id.padStart(4, "0")}`,
    createdAt: new Date(Date.now() - ageHours * HOUR).toISOString(),
    ...extra,
  };
}

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
    const { id, outs } = await createPolicy({ ...freshPolicy, __provider: "p" });
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
    const error = await createPolicy({ ...freshPolicy, __provider: "p" }).catch((e: unknown) => e);
    expect(isErrorOf(error, ResourceInitFailure)).toBe(true);
    const failure = error as ResourceInitFailure;
    expect(failure.id).toBe("vpsorg/12345/policy");
    expect(failure.properties).toMatchObject({ lastPrunedIds: ["109"], backupCount: 9, __provider: "p" });
    expect(failure.message).toMatch(/pruned 109/);
  });

  it("refuses a backup blocked by the cap before touching anything", async () => {
    fake.backups = Array.from({ length: 10 }, (_, i) => backup(String(100 + i), 30 + i, { description: "by hand" }));
    const error = await createPolicy(freshPolicy).catch((e: unknown) => e);
    expect(isErrorOf(error, ValidationError)).toBe(true);
    expect((error as ValidationError).field).toBe("freshness");
    expect(fake.calls).toEqual(["list"]);
  });

  it("read reports the planned work in the outputs and in the inputs; nothing planned, nothing reported", async () => {
    fake.backups = [backup("1", 1), backup("2", 2), backup("3", 3)];
    const state = {
      target: vpsorg,
      retention: { keepLast: 1 },
      timeout: "60m",
      backupCount: 3,
      managedCount: 3,
      lastPrunedIds: [],
      scheduleIds: [],
      targetKey: "vpsorg/12345",
    };
    const read = await readPolicy("vpsorg/12345/policy", state);
    const planned = ["3: beyond keepLast 1 (3rd newest)", "2: beyond keepLast 1 (2nd newest)"];
    expect(read.inputs).toEqual({ target: vpsorg, retention: { keepLast: 1 }, timeout: "60m", plannedPrunes: planned });
    expect(read.props).toMatchObject({ plannedPrunes: planned, managedCount: 3 });
    expect(fake.calls).toEqual(["list"]);

    const { outs } = await updatePolicy("vpsorg/12345/policy", read.props as never, state as never);
    expect(outs.lastPrunedIds).toEqual(["3", "2"]);
    const again = await readPolicy("vpsorg/12345/policy", outs as never);
    expect(again.inputs).toEqual({ target: vpsorg, retention: { keepLast: 1 }, timeout: "60m" });
    expect(again.props).not.toHaveProperty("plannedPrunes");
  });

  it("delete removes the schedules it created and never a backup", async () => {
    fake.backups = [backup("1", 1)];
    const { outs } = await createPolicy({
      target: northflank,
      schedule: [{ interval: "daily", minute: [0], hour: [3], retentionDays: 7, backupType: "snapshot" }],
      timeout: "60m",
    });
    expect(outs.scheduleIds).toHaveLength(1);
    fake.calls = [];
    await deletePolicy("northflank/shop/postgres/policy", outs as never);
    expect(fake.calls).toEqual([`delete schedule ${outs.scheduleIds[0]}`]);
    expect(fake.backups).toHaveLength(1);
  });
});
