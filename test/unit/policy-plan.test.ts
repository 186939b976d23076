import type { NativeSchedule, VendorBackup } from "../../provider/vendors/vendor";
import type { ScheduleSpec } from "../../provider/resources/policy/schema";
import {
  agreeWithPreview,
  inventoryOf,
  isManaged,
  plannedProperties,
  planPolicy,
  prunedIdOf,
  pruneLine,
  type PlanVendor,
  type ShownPlan,
} from "../../provider/resources/policy/plan";

const NOW = Date.parse("2025-06-01T12:00:00.000Z");
const HOUR = 3600_000;
const DAY = 24 * HOUR;

const vpsorg: PlanVendor = {
  name: "vpsorg",
  displayName: "VPS.org",
  targetNoun: "server",
  capabilities: { deleteBackup: true, manualBackupLimit: 10 },
};
const northflank: PlanVendor = {
  name: "northflank",
  displayName: "Northflank",
  targetNoun: "addon",
  capabilities: { deleteBackup: true },
};

/** A completed backup taken `ageHours` ago; manual and provider-marked unless told otherwise. */
function backup(id: string, ageHours: number, extra: Partial<VendorBackup> = {}): VendorBackup {
  return {
    id,
    state: "completed",
    vendorStatus: "completed",
    manual: true,
    description: `pulumi backup hb:${id
      .padStart(8, "0")
      .slice(-8)
      .replace(/[^0-9a-f]/g, "a")}`,
    backupType: "manual",
    createdAt: new Date(NOW - ageHours * HOUR).toISOString(),
    ...extra,
  };
}
const automatic = (id: string, ageHours: number) =>
  backup(id, ageHours, { manual: false, backupType: "automatic", description: "Automatic daily backup" });

const prunedIds = (plan: ReturnType<typeof planPolicy>) => plan.prunes.map((p) => p.backupId);

describe("planPolicy retention", () => {
  it("keepLast prunes the older managed backups, naming their day and rank", () => {
    const backups = [backup("504", 1), backup("503", 2), backup("502", 3), backup("501", 4), backup("500", 5)];
    const plan = planPolicy(backups, { retention: { keepLast: 3 } }, NOW, vpsorg);
    expect(plannedProperties(plan)).toEqual({
      plannedPrunes: [
        "500 (2025-06-01): beyond keepLast 3 (5th newest)",
        "501 (2025-06-01): beyond keepLast 3 (4th newest)",
      ],
    });
    expect(plan.prunes.every((p) => p.when === "now")).toBe(true);
  });

  it("maxAgeDays prunes older backups, naming their age", () => {
    const backups = [backup("500", 24), backup("499", 41 * 24 + 3), backup("498", 29 * 24)];
    const plan = planPolicy(backups, { retention: { maxAgeDays: 30 } }, NOW, vpsorg);
    expect(plannedProperties(plan).plannedPrunes).toEqual(["499 (2025-04-21): older than maxAgeDays 30 (41 days old)"]);
  });

  it("never prunes the newest completed managed backup, however old", () => {
    const backups = [backup("10", 100 * 24), backup("9", 200 * 24)];
    expect(prunedIds(planPolicy(backups, { retention: { maxAgeDays: 30 } }, NOW, vpsorg))).toEqual(["9"]);
    expect(
      prunedIds(planPolicy([backup("10", 100 * 24)], { retention: { keepLast: 1, maxAgeDays: 1 } }, NOW, vpsorg)),
    ).toEqual([]);
  });

  it("never prunes a backup that is not completed", () => {
    const backups = [
      backup("5", 1),
      backup("4", 50 * 24, { state: "running", vendorStatus: "in_progress" }),
      backup("3", 60 * 24, { state: "failed", vendorStatus: "failed" }),
      backup("2", 70 * 24),
    ];
    expect(prunedIds(planPolicy(backups, { retention: { keepLast: 1 } }, NOW, vpsorg))).toEqual(["2"]);
  });

  it("leaves automatic backups and unmarked manual backups alone by default", () => {
    const backups = [
      backup("5", 1),
      automatic("4", 2),
      backup("3", 3, { description: "made by hand" }),
      automatic("2", 4),
      backup("1", 5),
    ];
    expect(prunedIds(planPolicy(backups, { retention: { keepLast: 1 } }, NOW, vpsorg))).toEqual(["1"]);
  });

  it("with match, manages what matches every filter, and automatic backups only when included", () => {
    const backups = [
      backup("6", 1, { description: "nightly a" }),
      backup("5", 2, { description: "nightly b" }),
      backup("4", 3, { description: "other" }),
      automatic("3", 4),
      backup("2", 5, { description: "nightly c" }),
      automatic("1", 6),
    ];
    expect(
      prunedIds(
        planPolicy(backups, { retention: { keepLast: 1 }, match: { descriptionPrefix: "nightly" } }, NOW, vpsorg),
      ),
    ).toEqual(["2", "5"]);
    expect(
      prunedIds(planPolicy(backups, { retention: { keepLast: 1 }, match: { backupKind: "automatic" } }, NOW, vpsorg)),
    ).toEqual([]);
    expect(
      prunedIds(
        planPolicy(
          backups,
          { retention: { keepLast: 1 }, match: { backupKind: "automatic", includeAutomatic: true } },
          NOW,
          vpsorg,
        ),
      ),
    ).toEqual(["1"]);
    expect(isManaged(automatic("1", 1), { includeAutomatic: true })).toBe(true);
  });
});

describe("planPolicy freshness", () => {
  const freshness = { maxAgeHours: 24, description: "pulumi policy" };

  it("plans nothing while the newest completed backup (of any kind) is fresh enough", () => {
    const plan = planPolicy([backup("1", 30), automatic("2", 23.9)], { freshness }, NOW, vpsorg);
    expect(plannedProperties(plan)).toEqual({});
  });

  it("plans a backup when the newest completed one is too old, or there is none", () => {
    expect(
      plannedProperties(
        planPolicy([backup("1", 40.2), backup("2", 1, { state: "failed" })], { freshness }, NOW, vpsorg),
      ),
    ).toEqual({
      plannedBackup: "newest completed backup 1 (2025-05-30T19:48Z) is older than maxAgeHours 24",
    });
    expect(planPolicy([], { freshness }, NOW, vpsorg).backup?.reason).toBe(
      "no completed backup exists (maxAgeHours 24)",
    );
  });

  it("waits for a backup already in progress instead of taking another", () => {
    const plan = planPolicy([backup("1", 40), backup("2", 0.1, { state: "running" })], { freshness }, NOW, vpsorg);
    expect(plan.backup).toEqual({
      reason:
        "newest completed backup 1 (2025-05-30T20:00Z) is older than maxAgeHours 24; backup 2 is in progress: wait for it",
      waitForBackupId: "2",
    });
  });

  it("counts the new backup towards keepLast and prunes only after it completed", () => {
    const backups = [backup("3", 30), backup("2", 40), backup("1", 50)];
    const plan = planPolicy(backups, { freshness, retention: { keepLast: 2 } }, NOW, vpsorg);
    expect(plan.prunes).toEqual([
      {
        backupId: "1",
        takenOn: "2025-05-30",
        reason: "beyond keepLast 2 (4th newest, counting the new backup)",
        when: "after-backup",
      },
      {
        backupId: "2",
        takenOn: "2025-05-30",
        reason: "beyond keepLast 2 (3rd newest, counting the new backup)",
        when: "after-backup",
      },
    ]);
  });

  it("may prune the newest old backup once the new one completed (maxAgeDays)", () => {
    const plan = planPolicy([backup("1", 40 * 24)], { freshness, retention: { maxAgeDays: 30 } }, NOW, vpsorg);
    expect(plan.prunes).toEqual([
      { backupId: "1", takenOn: "2025-04-22", reason: "older than maxAgeDays 30 (40 days old)", when: "after-backup" },
    ]);
  });

  it("does not count a new backup that match would not manage", () => {
    const backups = [backup("2", 30, { description: "nightly a" }), backup("1", 40, { description: "nightly b" })];
    const plan = planPolicy(
      backups,
      { freshness, retention: { keepLast: 2 }, match: { descriptionPrefix: "nightly" } },
      NOW,
      vpsorg,
    );
    expect(plan.prunes).toEqual([]);
  });
});

describe("planPolicy vendor limits", () => {
  const freshness = { maxAgeHours: 24, description: "pulumi policy" };
  const tenManual = () => Array.from({ length: 10 }, (_, i) => backup(String(100 + i), 48 + i));

  it("prunes the oldest managed backup before a backup that would exceed the cap", () => {
    const plan = planPolicy([...tenManual(), automatic("1", 30)], { freshness }, NOW, vpsorg);
    expect(plan.prunes).toEqual([
      {
        backupId: "109",
        takenOn: "2025-05-30",
        reason: "making room: VPS.org allows 10 manual backups per server",
        when: "before-backup",
      },
    ]);
    expect(plan.backup?.blocked).toBeUndefined();
  });

  it("uses retention's own prunes to make room first", () => {
    const plan = planPolicy(tenManual(), { freshness, retention: { keepLast: 8 } }, NOW, vpsorg);
    expect(plan.prunes.map((p) => [p.backupId, p.when])).toEqual([
      ["109", "before-backup"],
      ["108", "after-backup"],
      ["107", "after-backup"],
    ]);
    expect(plan.prunes[0].reason).toBe("beyond keepLast 8 (11th newest, counting the new backup)");
  });

  it("blocks the backup when nothing may be pruned to make room", () => {
    const handMade = Array.from({ length: 9 }, (_, i) => backup(String(200 + i), 48 + i, { description: "by hand" }));
    const plan = planPolicy([...handMade, backup("300", 100)], { freshness }, NOW, vpsorg);
    expect(plan.prunes).toEqual([]);
    expect(plan.backup?.blocked).toMatch(
      /^VPS\.org allows 10 manual backups per server and 10 exist; no more can be pruned/,
    );
    expect(plannedProperties(plan).plannedBackup).toContain("blocked: VPS.org allows 10 manual backups per server");
  });

  it("needs no room below the cap", () => {
    expect(planPolicy(tenManual().slice(1), { freshness }, NOW, vpsorg).prunes).toEqual([]);
  });
});

describe("planPolicy schedules", () => {
  const daily: ScheduleSpec = { interval: "daily", minute: [0], hour: [3], retentionDays: 14, backupType: "snapshot" };
  const native = (id: string, extra: Partial<NativeSchedule> = {}): NativeSchedule => ({
    id,
    interval: "daily",
    backupType: "snapshot",
    retentionDays: 14,
    minute: [0],
    hour: [3],
    ...extra,
  });

  it("creates a missing schedule", () => {
    const plan = planPolicy([], { schedule: [daily] }, NOW, northflank, { existing: [], owned: ["s1"] });
    expect(plannedProperties(plan)).toEqual({
      plannedSchedules: ["create daily snapshot schedule (missing at Northflank)"],
    });
  });

  it("keeps an equal schedule it owns, and leaves an equal one it did not create", () => {
    expect(
      planPolicy([], { schedule: [daily] }, NOW, northflank, { existing: [native("s1")], owned: ["s1"] }),
    ).toMatchObject({
      schedules: [],
      keptScheduleIds: ["s1"],
    });
    expect(
      planPolicy([], { schedule: [daily] }, NOW, northflank, { existing: [native("s9")], owned: [] }),
    ).toMatchObject({
      schedules: [],
      keptScheduleIds: [],
    });
  });

  it("replaces a schedule whose settings differ and deletes owned ones no longer declared", () => {
    const plan = planPolicy([], { schedule: [daily] }, NOW, northflank, {
      existing: [native("s1", { minute: [30] }), native("s2", { interval: "hourly", hour: undefined })],
      owned: ["s1", "s2"],
    });
    expect(plannedProperties(plan).plannedSchedules).toEqual([
      "replace daily snapshot schedule s1 (minute differs)",
      "delete hourly snapshot schedule s2 (no longer declared)",
    ]);
  });
});

describe("inventoryOf", () => {
  it("summarises the target's backups", () => {
    const backups = [backup("3", 1), automatic("2", 5), backup("1", 10, { state: "failed" })];
    expect(inventoryOf(backups)).toEqual({
      backupCount: 3,
      managedCount: 2,
      newestCompletedAt: new Date(NOW - HOUR).toISOString(),
      newestCompletedBackupId: "3",
      oldestCompletedAt: new Date(NOW - 5 * HOUR).toISOString(),
    });
    expect(DAY).toBe(24 * HOUR);
  });
});

describe("agreeWithPreview: up does what the preview showed, or less", () => {
  const freshness = { maxAgeHours: 24, description: "pulumi policy" };
  const shownOf = (plan: ReturnType<typeof planPolicy>) => plannedProperties(plan);
  const agree = (backups: VendorBackup[], inputs: Parameters<typeof planPolicy>[1], shown: ShownPlan) =>
    agreeWithPreview(
      planPolicy(backups, inputs, NOW, vpsorg),
      () => planPolicy(backups, { ...inputs, freshness: undefined }, NOW, vpsorg),
      shown,
    );

  it("a prune line names the backup, the day it was taken and the rule; its id reads back", () => {
    const line = pruneLine({ backupId: "509", takenOn: "2026-11-02", reason: "beyond keepLast 1", when: "now" });
    expect(line).toBe("509 (2026-11-02): beyond keepLast 1");
    expect(prunedIdOf(line)).toBe("509");
  });

  it("does the whole plan when the vendor did not change", () => {
    const backups = [backup("4", 1), backup("3", 2), backup("2", 3), backup("1", 4)];
    const inputs = { retention: { keepLast: 2 } };
    const { plan, differences } = agree(backups, inputs, shownOf(planPolicy(backups, inputs, NOW, vpsorg)));
    expect(prunedIds(plan)).toEqual(["1", "2"]);
    expect(differences).toEqual([]);
  });

  it("never prunes a backup the preview did not name (one added since pushes another beyond keepLast)", () => {
    const before = [backup("4", 1), backup("3", 2), backup("2", 3), backup("1", 4)];
    const inputs = { retention: { keepLast: 2 } };
    const shown = shownOf(planPolicy(before, inputs, NOW, vpsorg));
    const after = [backup("5", 0.5), ...before];
    const { plan, differences } = agree(after, inputs, shown);
    expect(prunedIds(plan)).toEqual(["1", "2"]);
    expect(differences).toEqual([
      expect.stringMatching(/^3 \(2025-06-01\): beyond keepLast 2 .*the preview did not name it$/),
    ]);
  });

  it("skips a named backup that is gone or no longer selected, and reports it", () => {
    const before = [backup("4", 1), backup("3", 2), backup("2", 3), backup("1", 4)];
    const inputs = { retention: { keepLast: 2 } };
    const shown = shownOf(planPolicy(before, inputs, NOW, vpsorg));
    const { plan, differences } = agree([backup("4", 1), backup("3", 2), backup("2", 3)], inputs, shown);
    expect(prunedIds(plan)).toEqual(["2"]);
    expect(differences).toEqual(["1: not pruned, no longer selected (or gone) since the preview"]);
  });

  it("takes no backup the preview did not plan, and then drops the prunes that counted on it", () => {
    const backups = [backup("3", 30), backup("2", 40), backup("1", 50)];
    const inputs = { freshness, retention: { keepLast: 2 } };
    // The preview (made while the newest was fresh) planned only "1".
    const shown = { plannedPrunes: ["1 (2025-05-30): beyond keepLast 2 (3rd newest)"] };
    const { plan, differences } = agree(backups, inputs, shown);
    expect(plan.backup).toBeUndefined();
    expect(prunedIds(plan)).toEqual(["1"]);
    expect(differences[0]).toMatch(/^no backup taken: the preview planned none/);
  });

  it("takes no backup when making room under the cap would need a prune the preview did not name", () => {
    const ten = Array.from({ length: 10 }, (_, i) => backup(String(100 + i), 48 + i));
    const { plan, differences } = agree(ten, { freshness }, { plannedBackup: "newest completed backup …" });
    expect(plan.backup).toBeUndefined();
    expect(plan.prunes).toEqual([]);
    expect(differences).toContain(
      "no backup taken: making room for it under the vendor's cap needs prunes the preview did not name",
    );
  });

  it("does only the schedule changes the preview listed", () => {
    const spec: ScheduleSpec = { interval: "daily", minute: [0], hour: [3], retentionDays: 7, backupType: "snapshot" };
    const existing: NativeSchedule[] = [
      { id: "s1", interval: "weekly", backupType: "snapshot", minute: [0], hour: [4], day: [6], retentionDays: 30 },
    ];
    const plan = planPolicy([], { schedule: [spec] }, NOW, northflank, { existing, owned: ["s1"] });
    const fresh = () => plan;
    const { plan: agreed, differences } = agreeWithPreview(plan, fresh, {
      plannedSchedules: ["create daily snapshot schedule (missing at Northflank)"],
    });
    expect(agreed.schedules.map((s) => s.action)).toEqual(["create"]);
    expect(agreed.keptScheduleIds).toEqual(["s1"]);
    expect(differences).toEqual([
      "delete weekly snapshot schedule s1 (no longer declared): not done, the preview did not list it",
    ]);
  });
});
