import { northflank } from "../../../provider/vendors/northflank";
import {
  errorMessage,
  errorRequestId,
  isManual,
  toNativeSchedule,
  toVendorBackup,
} from "../../../provider/vendors/northflank/client";
import { BACKUP_NAME_PATTERN as NAME_PATTERN } from "../../../provider/vendors/northflank/contract";
import { issuesOf, MARKER } from "./helpers";

describe("northflank schemas", () => {
  it("takes project and addon ids and keys them", () => {
    expect(issuesOf(northflank.targetSchema, { projectId: "my-project", addonId: "my-postgres" })).toEqual([]);
    expect(issuesOf(northflank.targetSchema, { projectId: "my project", addonId: "db" })[0]).toMatch(
      /projectId: must be a Northflank project id/,
    );
    expect(issuesOf(northflank.targetSchema, { projectId: "p" })[0]).toMatch(/addonId/);
    expect(northflank.targetKey({ projectId: "p1", addonId: "a1" })).toBe("northflank/p1/a1");
  });

  it("keeps the name within 3–39 characters once marked, and says why", () => {
    expect(northflank.capabilities.maxDescriptionLength).toBe(27);
    for (const good of ["pre migration", "nightly-db", "v1/pre:upgrade", "x".repeat(27), "pulumi backup"]) {
      expect(issuesOf(northflank.descriptionSchema, good)).toEqual([]);
      // The marked name still satisfies Northflank's own rule.
      expect(NAME_PATTERN.test(good + MARKER)).toBe(true);
      expect((good + MARKER).length).toBeLessThanOrEqual(39);
    }
    expect(issuesOf(northflank.descriptionSchema, "x".repeat(28))[0]).toMatch(
      /must be 3–27 characters so the provider's 12-character marker fits Northflank's 39-character name limit/,
    );
    expect(issuesOf(northflank.descriptionSchema, "ab")[0]).toMatch(/3–27 characters/);
    for (const bad of ["pre  migration", "pre_migration", "-leading", "trailing ", "dots.are.out"]) {
      expect(issuesOf(northflank.descriptionSchema, bad)[0]).toMatch(/Northflank's backup name rule/);
    }
  });

  it("defaults backupType to snapshot and ties options to their backup type", () => {
    expect(northflank.backupOptionsSchema.parse({})).toEqual({ backupType: "snapshot" });
    expect(issuesOf(northflank.backupOptionsSchema, { backupType: "dump", compressionType: "zstd" })).toEqual([]);
    expect(issuesOf(northflank.backupOptionsSchema, { compressionType: "gz" })[0]).toMatch(
      /compressionType: applies only to backupType "dump"/,
    );
    expect(
      issuesOf(northflank.backupOptionsSchema, {
        backupType: "dump",
        additionalDestinations: [{ destinationId: "s3-eu" }],
      })[0],
    ).toMatch(/additionalDestinations: applies only to backupType "snapshot"/);
    expect(issuesOf(northflank.backupOptionsSchema, { backupType: "full" })[0]).toMatch(/must be "dump" or "snapshot"/);
    expect(issuesOf(northflank.backupOptionsSchema, { backupType: "dump", compressionType: "bz2" })[0]).toMatch(
      /must be "gz" or "zstd"/,
    );
  });

  it("checks additional destinations: id rule, retention 1–120 days, type custom", () => {
    expect(
      northflank.backupOptionsSchema.parse({ additionalDestinations: [{ destinationId: "s3-eu", retentionTime: 30 }] }),
    ).toEqual({
      backupType: "snapshot",
      additionalDestinations: [{ destinationId: "s3-eu", retentionTime: 30, type: "custom" }],
    });
    const issues = (value: unknown) => issuesOf(northflank.backupOptionsSchema, { additionalDestinations: [value] });
    expect(issues({ destinationId: "s3", retentionTime: 7 })[0]).toMatch(/destinationId: must be 3–100 characters/);
    expect(issues({ destinationId: "s3_eu" })[0]).toMatch(/destination id rule/);
    expect(issues({ destinationId: "s3-eu", retentionTime: 121 })[0]).toMatch(/retentionTime: must be 1–120 days/);
    expect(issues({ destinationId: "s3-eu", retentionTime: 1.5 })[0]).toMatch(/whole number of days/);
    expect(issues({ destinationId: "s3-eu", type: "s3" })[0]).toMatch(/must be "custom"/);
    expect(issues({ retentionTime: 7 })[0]).toMatch(/destinationId: is required/);
  });

  it("takes the restore source as a pair", () => {
    expect(issuesOf(northflank.restoreOptionsSchema, {})).toEqual([]);
    expect(issuesOf(northflank.restoreOptionsSchema, { sourceProjectId: "p", sourceAddonId: "a" })).toEqual([]);
    expect(issuesOf(northflank.restoreOptionsSchema, { sourceProjectId: "p" })[0]).toMatch(
      /sourceAddonId: is required together with the other/,
    );
  });

  it("does everything, schedules included", () => {
    expect(northflank.capabilities).toMatchObject({
      deleteBackup: true,
      restoreTracking: "tracked",
      schedules: true,
      defaultDeletionPolicy: "delete",
    });
    const client = northflank.createClient({
      baseUrl: "https://127.0.0.1:1/v1",
      credentials: { token: "nf-token-123456" },
    });
    expect(client.schedules).toBeDefined();
  });
});

describe("northflank mapping", () => {
  const backup = {
    id: "pre-migration",
    name: "pre migration hb:abcd1234",
    status: "completed" as const,
    createdAt: "2024-05-01T10:00:00.000Z",
    completedAt: "2024-05-01T10:05:00.000Z",
    config: { source: { type: "snapshot" }, size: "1048576", addonVersion: "16.2.0" },
  };

  it("maps name, size, addon version and backup type", () => {
    expect(toVendorBackup(backup, [])).toEqual({
      id: "pre-migration",
      state: "completed",
      vendorStatus: "completed",
      description: "pre migration hb:abcd1234",
      backupType: "snapshot",
      manual: true,
      createdAt: "2024-05-01T10:00:00.000Z",
      completedAt: "2024-05-01T10:05:00.000Z",
      expiresAt: undefined,
      sizeBytes: 1048576,
      addonVersion: "16.2.0",
      failureReason: undefined,
    });
    expect(
      toVendorBackup(
        { ...backup, config: { source: { type: "liveInstance" }, size: "5", compressionType: "zstd" } },
        [],
      ).backupType,
    ).toBe("dump");
  });

  it("maps every status", () => {
    const state = (
      status:
        (typeof backup)["status"] | "in-progress" | "scheduled" | "aborting" | "aborted" | "failed" | "not-supported",
    ) => toVendorBackup({ ...backup, status }, []).state;
    expect([state("scheduled"), state("in-progress"), state("aborting"), state("completed")]).toEqual([
      "pending",
      "running",
      "running",
      "completed",
    ]);
    expect([state("aborted"), state("failed"), state("not-supported")]).toEqual(["failed", "failed", "failed"]);
    expect(toVendorBackup({ ...backup, status: "in-progress", config: { size: "0" } }, []).sizeBytes).toBeUndefined();
  });

  describe("manual or made by a schedule (addon backups carry no schedule id)", () => {
    const daily = {
      id: "62cc20b90956ab62a58e8474",
      backupType: "snapshot" as const,
      scheduling: { interval: "daily" as const, minute: [30], hour: [2] },
      retentionTime: 7,
    };
    // 2024-05-01 was a Wednesday (day 2, with 0 = Monday).
    const weekly = {
      ...daily,
      id: "62cc20b90956ab62a58e8475",
      backupType: "dump" as const,
      scheduling: { interval: "weekly" as const, minute: [0], hour: [4], day: [2] },
    };
    const at = (createdAt: string, extra: object = {}) => ({
      ...backup,
      name: "Backup 2024-05-01",
      createdAt,
      ...extra,
    });

    it("a backup created on (or shortly after) a run of a schedule of its type is automatic", () => {
      expect(isManual(at("2024-05-01T02:30:00.000Z"), [daily])).toBe(false);
      expect(isManual(at("2024-05-01T02:41:10.000Z"), [daily])).toBe(false);
      const dump = { config: { source: { type: "liveInstance" }, size: "5" } };
      expect(isManual(at("2024-05-01T04:03:00.000Z", dump), [weekly])).toBe(false);
    });

    it("otherwise it is manual: off-schedule, other type, other weekday, or no schedules", () => {
      expect(isManual(at("2024-05-01T02:29:59.000Z"), [daily])).toBe(true);
      expect(isManual(at("2024-05-01T02:46:00.000Z"), [daily])).toBe(true);
      expect(isManual(at("2024-05-01T03:30:00.000Z"), [daily])).toBe(true);
      // A snapshot at the weekly dump schedule's time.
      expect(isManual(at("2024-05-01T04:00:00.000Z"), [weekly])).toBe(true);
      const dump = { config: { source: { type: "liveInstance" }, size: "5" } };
      expect(isManual(at("2024-05-02T04:00:00.000Z", dump), [weekly])).toBe(true);
      expect(isManual(at("2024-05-01T02:30:00.000Z"), [])).toBe(true);
    });

    it("the provider's marker and imports are manual even at a schedule's time", () => {
      expect(isManual(at("2024-05-01T02:30:00.000Z", { name: "nightly hb:abcd1234" }), [daily])).toBe(true);
      const imported = { config: { source: { type: "externalDump" }, size: "5" } };
      expect(isManual(at("2024-05-01T02:30:00.000Z", imported), [{ ...daily, backupType: "dump" }])).toBe(true);
    });

    it("toVendorBackup reports it", () => {
      expect(toVendorBackup(at("2024-05-01T02:30:00.000Z"), [daily]).manual).toBe(false);
      expect(toVendorBackup(at("2024-05-01T02:30:00.000Z"), []).manual).toBe(true);
    });
  });

  it("maps schedules, retentionTime ↔ retentionDays", () => {
    expect(
      toNativeSchedule({
        id: "62cc20b90956ab62a58e8474",
        backupType: "snapshot",
        scheduling: { interval: "daily", minute: [0], hour: [3] },
        retentionTime: 14,
      }),
    ).toEqual({
      id: "62cc20b90956ab62a58e8474",
      interval: "daily",
      backupType: "snapshot",
      retentionDays: 14,
      minute: [0],
      hour: [3],
      day: undefined,
    });
  });

  it("reads Northflank's error body and its id", () => {
    const body = { error: { message: "Backup not found", id: "err-123", details: {} } };
    expect(errorMessage(body)).toBe("Backup not found");
    expect(errorRequestId(body)).toBe("err-123");
    expect(errorMessage({ message: "x" })).toBeUndefined();
  });
});
