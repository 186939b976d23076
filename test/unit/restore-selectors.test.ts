/**
 * `check` and `diff` of the restore kinds: point in time, the latest-backup selector, and
 * cross-target sources per vendor. All of it is decided at preview, before any API call.
 */
import type { VendorBackup } from "../../provider/vendors/vendor";
import { checkRestoreInputs, matchingBackups } from "../../provider/resources/restore/inputs";
import { restoreResource } from "../../provider/resources/restore/definition";

const nf = { vendor: "northflank", projectId: "shop", addonId: "db" };
const live = "c84ce214-69b9-4a32-8e67-880672cf1d38";
const staging = "c84ce214-69b9-4a32-8e67-880672cf1d39";
const userId = "0b5a8d4e-1111-4c2d-8e0f-000000000001";
const kinsta = (environmentId: string) => ({ vendor: "kinsta", environmentId });

describe("pointInTime", () => {
  it("is accepted on Northflank", () => {
    const { failures } = checkRestoreInputs({ target: nf, pointInTime: "2026-01-01T10:42:00Z", confirm: "shop/db" });
    expect(failures).toEqual([]);
  });

  it.each([
    ["kinsta", { target: kinsta(live), confirm: live, notifiedUserId: userId }, "Kinsta"],
    ["vpsorg", { target: { vendor: "vpsorg", serverId: "12345" }, confirm: "12345" }, "VPS.org"],
  ])("is refused on %s, naming what the vendor offers instead", (_name, args, display) => {
    const { failures } = checkRestoreInputs({ ...args, pointInTime: "2026-01-01T10:42:00Z" });
    expect(failures).toEqual([
      {
        property: "pointInTime",
        reason: `${display} offers no point-in-time restore; it restores a backup (backupId, or backup: { latest: true })`,
      },
    ]);
  });

  it("is exclusive with backupId and with backup", () => {
    const both = checkRestoreInputs({
      target: nf,
      backupId: "b",
      pointInTime: "2026-01-01T10:42:00Z",
      confirm: "shop/db",
    });
    expect(both.failures).toEqual([
      {
        property: "pointInTime",
        reason: "cannot be combined with backupId: a restore takes exactly one of backupId, backup and pointInTime",
      },
    ]);
    const selector = checkRestoreInputs({
      target: nf,
      backup: { latest: true },
      pointInTime: "2026-01-01T10:42:00Z",
      confirm: "shop/db",
    });
    expect(selector.failures.map((f) => f.property)).toEqual(["pointInTime"]);
  });

  it("must be a date-time with a time zone, and not in the future", () => {
    const bad = checkRestoreInputs({ target: nf, pointInTime: "yesterday 10:42", confirm: "shop/db" });
    expect(bad.failures).toEqual([{ property: "pointInTime", reason: expect.stringContaining("ISO-8601 date-time") }]);
    const future = checkRestoreInputs({ target: nf, pointInTime: "2999-01-01T00:00:00Z", confirm: "shop/db" });
    expect(future.failures).toEqual([{ property: "pointInTime", reason: expect.stringContaining("future") }]);
  });

  it("needs one of backupId, backup and pointInTime", () => {
    const { failures } = checkRestoreInputs({ target: nf, confirm: "shop/db" });
    expect(failures).toEqual([
      {
        property: "backupId",
        reason:
          "is required unless backup or pointInTime is set: Northflank restores a backup (backupId, or backup: { latest: true }) or a point in time (pointInTime)",
      },
    ]);
  });
});

describe("backup: { latest: true }", () => {
  it("accepts a selector with a match, and refuses unknown match fields", () => {
    const ok = checkRestoreInputs({
      target: nf,
      backup: { latest: true, match: { descriptionPrefix: "nightly", backupKind: "manual" } },
      confirm: "shop/db",
    });
    expect(ok.failures).toEqual([]);
    const bad = checkRestoreInputs({
      target: nf,
      backup: { latest: true, match: { kind: "manual", backupKind: "weekly" } },
      confirm: "shop/db",
    });
    expect(bad.failures.map((f) => f.property).sort()).toEqual(["backup.match.backupKind", "backup.match.kind"]);
  });

  it("does not churn: the same selector is no change, whatever the chosen id (an output) became", () => {
    const olds = { target: nf, backup: { latest: true }, confirm: "shop/db", restoredBackupId: "old-backup" };
    const news = { target: nf, backup: { latest: true }, confirm: "shop/db" };
    expect(restoreResource.diff(olds, news).changes).toBe(false);
    expect(restoreResource.diff(olds, { ...news, triggers: ["2026-12"] }).replaces).toEqual(["triggers"]);
    expect(
      restoreResource.diff(olds, { ...news, backup: { latest: true, match: { backupKind: "manual" } } }).replaces,
    ).toEqual(["backup"]);
  });
});

describe("which backups a selector picks", () => {
  const backup = (id: string, fields: Partial<VendorBackup>): VendorBackup => ({
    id,
    state: "completed",
    vendorStatus: "completed",
    manual: true,
    ...fields,
  });
  const backups = [
    backup("old-nightly", { description: "nightly 1", completedAt: "2026-11-01T00:00:00Z" }),
    backup("new-nightly", { description: "nightly 2", completedAt: "2026-11-03T00:00:00Z" }),
    backup("running", { description: "nightly 3", state: "running", createdAt: "2026-11-04T00:00:00Z" }),
    backup("auto", { manual: false, createdAt: "2026-11-05T00:00:00Z" }),
    backup("failed", { state: "failed", createdAt: "2026-11-06T00:00:00Z" }),
  ];
  const ids = (selector: Parameters<typeof matchingBackups>[1]) => matchingBackups(backups, selector).map((b) => b.id);

  it("only completed backups, newest first", () => {
    expect(ids({ latest: true })).toEqual(["auto", "new-nightly", "old-nightly"]);
  });
  it("by description prefix and by kind", () => {
    expect(ids({ latest: true, match: { descriptionPrefix: "nightly" } })).toEqual(["new-nightly", "old-nightly"]);
    expect(ids({ latest: true, match: { backupKind: "automatic" } })).toEqual(["auto"]);
    expect(ids({ latest: true, match: { backupKind: "manual", descriptionPrefix: "weekly" } })).toEqual([]);
  });
});

describe("source (cross-target restores)", () => {
  it("Kinsta: another environment of the site is allowed, and the confirm guard names the target overwritten", () => {
    const ok = checkRestoreInputs({
      target: kinsta(staging),
      source: kinsta(live),
      backup: { latest: true },
      confirm: staging,
      notifiedUserId: userId,
    });
    expect(ok.failures).toEqual([]);
    expect(ok.inputs.source).toEqual(kinsta(live));
    const wrong = checkRestoreInputs({
      target: kinsta(staging),
      source: kinsta(live),
      backupId: "1",
      confirm: live,
      notifiedUserId: userId,
    });
    expect(wrong.failures).toEqual([
      {
        property: "confirm",
        reason: `must equal the target's id "${staging}" to allow overwriting it (got "${live}"); a restore replaces the live data of Kinsta target kinsta/${staging} (with a backup of kinsta/${live})`,
      },
    ]);
  });

  it("names the target when confirm is missing", () => {
    const { failures } = checkRestoreInputs({ target: kinsta(staging), backupId: "1", notifiedUserId: userId });
    expect(failures).toEqual([
      {
        property: "confirm",
        reason: `is required: set it to the target's id "${staging}" to allow a restore that replaces the live data of Kinsta target kinsta/${staging}`,
      },
    ]);
  });

  it.each([
    ["vpsorg", { vendor: "vpsorg", serverId: "1" }, { vendor: "vpsorg", serverId: "2" }, "1", "VPS.org"],
    [
      "wpengine",
      { vendor: "wpengine", installId: "294deacc-d8b8-4005-82c4-0727ba8ddde0" },
      { vendor: "wpengine", installId: "294deacc-d8b8-4005-82c4-0727ba8ddde1" },
      "294deacc-d8b8-4005-82c4-0727ba8ddde0",
      "WP Engine",
    ],
  ])(
    "%s: another source is refused; the target itself is the default and dropped",
    (vendor, target, source, confirm, display) => {
      const extra = vendor === "wpengine" ? { notificationEmails: ["ops@example.com"] } : {};
      const refused = checkRestoreInputs({ target, source, backupId: "9", confirm, ...extra });
      expect(refused.failures).toEqual([
        {
          property: "source",
          reason: expect.stringContaining(`${display} restores a backup only onto the target it was taken from`),
        },
      ]);
      const same = checkRestoreInputs({ target, source: target, backupId: "9", confirm, ...extra });
      expect(same.failures).toEqual([]);
      expect(same.inputs.source).toBeUndefined();
    },
  );

  it("refuses a source of another vendor, and source together with sourceProjectId", () => {
    const crossVendor = checkRestoreInputs({ target: nf, source: kinsta(live), backupId: "b", confirm: "shop/db" });
    expect(crossVendor.failures.map((f) => f.property)).toEqual(["source.vendor"]);
    const both = checkRestoreInputs({
      target: nf,
      source: { vendor: "northflank", projectId: "shop", addonId: "other" },
      sourceProjectId: "shop",
      sourceAddonId: "other",
      backupId: "b",
      confirm: "shop/db",
    });
    expect(both.failures.map((f) => f.property)).toEqual(["source"]);
  });

  it("does not apply to a point-in-time restore", () => {
    const { failures } = checkRestoreInputs({
      target: nf,
      source: { vendor: "northflank", projectId: "shop", addonId: "other" },
      pointInTime: "2026-01-01T10:42:00Z",
      confirm: "shop/db",
    });
    expect(failures.map((f) => f.property)).toEqual(["source"]);
  });
});
