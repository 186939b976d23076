/**
 * BackupPolicy `check`: the plan for the inputs being previewed, computed from one list call,
 * no call at all for invalid or still-unknown inputs, and the first-contact floor.
 */
import type { NativeSchedule, VendorBackup, VendorClient } from "../../provider/vendors/vendor";

const fake = { backups: [] as VendorBackup[], schedules: [] as NativeSchedule[], calls: [] as string[] };
const unused = async () => {
  throw new Error("check must not call this");
};
const client = {
  async listBackups() {
    fake.calls.push("list");
    return fake.backups;
  },
  startBackup: unused,
  checkBackup: unused,
  getBackup: unused,
  deleteBackup: unused,
  startRestore: unused,
  checkRestore: unused,
  schedules: {
    async list() {
      fake.calls.push("list schedules");
      return fake.schedules;
    },
    create: unused,
    delete: unused,
  },
} as unknown as VendorClient;

jest.mock("../../provider/resources/shared/clients", () => ({
  clientFor: () => client,
  listBackupsShared: () => client.listBackups({}),
  invalidateBackupList: () => undefined,
}));

import { checkPolicy } from "../../provider/resources/policy/check";
import { UNKNOWN } from "../../provider/resources/shared/check";
import { HOUR, seedBackup } from "../support/backups";

const vpsorg = { vendor: "vpsorg", serverId: "12345" };
const northflank = { vendor: "northflank", projectId: "shop", addonId: "postgres" };

const backup = seedBackup;
const five = () => ["5", "4", "3", "2", "1"].map((id, i) => backup(id, 24 * (i + 1)));

beforeEach(() => {
  jest.spyOn(console, "log").mockImplementation(() => undefined);
  fake.backups = five();
  fake.schedules = [];
  fake.calls = [];
});

describe("BackupPolicy check", () => {
  it("makes no API call for invalid inputs, nor while an input is unknown", async () => {
    const invalid = await checkPolicy({}, { target: vpsorg, retention: { keepLast: 0 } });
    expect(invalid.failures.map((f) => f.property)).toEqual(["retention.keepLast"]);
    const unknown = await checkPolicy({}, { target: vpsorg, retention: UNKNOWN });
    expect(unknown.failures).toEqual([]);
    expect(unknown.inputs).not.toHaveProperty("plannedPrunes");
    expect(fake.calls).toEqual([]);
  });

  it("returns the plan for the new inputs as properties, from one list call", async () => {
    const { inputs, failures } = await checkPolicy(
      { target: vpsorg, retention: { keepLast: 4 } },
      { target: vpsorg, retention: { keepLast: 2 } },
    );
    expect(failures).toEqual([]);
    expect((inputs.plannedPrunes as string[]).map((line) => line.split(":")[0])).toEqual([
      `1 (${new Date(Date.now() - 120 * HOUR).toISOString().slice(0, 10)})`,
      `2 (${new Date(Date.now() - 96 * HOUR).toISOString().slice(0, 10)})`,
      `3 (${new Date(Date.now() - 72 * HOUR).toISOString().slice(0, 10)})`,
    ]);
    expect(inputs.retention).toEqual({ keepLast: 2 });
    expect(fake.calls).toEqual(["list"]);
  });

  it("refuses a new policy whose first run prunes more than half of its backups, listing them", async () => {
    const { failures } = await checkPolicy({}, { target: vpsorg, retention: { keepLast: 2 } });
    expect(failures).toHaveLength(1);
    expect(failures[0].property).toBe("allowInitialPrune");
    expect(failures[0].reason).toMatch(/^this new policy's first run would delete 3 of the 5 backups it manages/);
    for (const id of ["1", "2", "3"])
      expect(failures[0].reason).toMatch(new RegExp(`\\b${id} \\(\\d{4}-\\d\\d-\\d\\d\\)`));
    expect(failures[0].reason).toMatch(/set allowInitialPrune: true \(or a count of at least 3\)/);
  });

  it("accepts the first prune when acknowledged: true, or a count at least as large", async () => {
    const news = { target: vpsorg, retention: { keepLast: 2 } };
    expect((await checkPolicy({}, { ...news, allowInitialPrune: true })).failures).toEqual([]);
    expect((await checkPolicy({}, { ...news, allowInitialPrune: 3 })).failures).toEqual([]);
    const tooFew = await checkPolicy({}, { ...news, allowInitialPrune: 2 });
    expect(tooFew.failures[0].reason).toMatch(/\(allowInitialPrune is 2\)/);
    // Half (rounded down) needs no acknowledgement; neither does a later run on the same target.
    expect((await checkPolicy({}, { target: vpsorg, retention: { keepLast: 3 } })).failures).toEqual([]);
    expect((await checkPolicy({ target: vpsorg }, { target: vpsorg, retention: { keepLast: 1 } })).failures).toEqual(
      [],
    );
    // A new target is first contact again.
    const moved = await checkPolicy({ target: { vendor: "vpsorg", serverId: "999" } }, news);
    expect(moved.failures.map((f) => f.property)).toEqual(["allowInitialPrune"]);
  });

  it("lists a schedule no longer declared for deletion when the previous inputs declared its slot", async () => {
    const daily = {
      interval: "daily" as const,
      minute: [0],
      hour: [3],
      retentionDays: 7,
      backupType: "snapshot" as const,
    };
    const weekly = { interval: "weekly", minute: [0], hour: [4], day: [6], retentionDays: 30, backupType: "snapshot" };
    fake.schedules = [{ id: "s1", ...daily }];
    const { inputs } = await checkPolicy(
      { target: northflank, schedule: [daily] },
      { target: northflank, schedule: weekly },
    );
    expect(inputs.plannedSchedules).toEqual([
      "create weekly snapshot schedule (missing at Northflank)",
      "delete daily snapshot schedule s1 (no longer declared)",
    ]);
    // A schedule in a slot the policy never declared is not its own.
    const fresh = await checkPolicy({}, { target: northflank, schedule: weekly });
    expect(fresh.inputs.plannedSchedules).toEqual(["create weekly snapshot schedule (missing at Northflank)"]);
  });
});
