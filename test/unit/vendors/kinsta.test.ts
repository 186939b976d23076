import { kinsta } from "../../../provider/vendors/kinsta";
import { errorMessage, findTaggedBackup, toVendorBackup } from "../../../provider/vendors/kinsta/client";
import { issuesOf, MARKER } from "./helpers";

const ENV = "c84ce214-69b9-4a32-8e67-880672cf1d38";

describe("kinsta schemas", () => {
  it("takes an environment UUID as target and keys it", () => {
    expect(issuesOf(kinsta.targetSchema, { environmentId: ENV })).toEqual([]);
    expect(issuesOf(kinsta.targetSchema, { environmentId: "live" })[0]).toMatch(
      /environmentId: must be a Kinsta environment id \(a UUID/,
    );
    expect(issuesOf(kinsta.targetSchema, { environmentId: ENV, siteId: "x" })[0]).toMatch(/unknown siteId/);
    expect(kinsta.targetKey({ environmentId: ENV })).toBe(`kinsta/${ENV}`);
  });

  it("limits the tag so the marker fits, and says why", () => {
    const max = kinsta.capabilities.maxDescriptionLength;
    expect(max).toBe(88);
    expect(issuesOf(kinsta.descriptionSchema, "pre-upgrade snapshot")).toEqual([]);
    expect(issuesOf(kinsta.descriptionSchema, "x".repeat(max))).toEqual([]);
    expect(("x".repeat(max) + MARKER).length).toBe(100);
    expect(issuesOf(kinsta.descriptionSchema, "x".repeat(max + 1))[0]).toMatch(
      /at most 88 characters so the provider's 12-character marker fits/,
    );
    expect(issuesOf(kinsta.descriptionSchema, "   ")[0]).toMatch(/must not be empty/);
    expect(issuesOf(kinsta.descriptionSchema, "two\nlines")[0]).toMatch(/control characters/);
  });

  it("takes no backup options", () => {
    expect(issuesOf(kinsta.backupOptionsSchema, {})).toEqual([]);
    expect(issuesOf(kinsta.backupOptionsSchema, { notificationEmails: ["a@b.c"] })[0]).toMatch(
      /unknown notificationEmails/,
    );
  });

  it("needs the user to notify on restore", () => {
    expect(issuesOf(kinsta.restoreOptionsSchema, { notifiedUserId: ENV })).toEqual([]);
    expect(issuesOf(kinsta.restoreOptionsSchema, {})[0]).toMatch(/notifiedUserId: is required/);
    expect(issuesOf(kinsta.restoreOptionsSchema, { notifiedUserId: "bob" })[0]).toMatch(/company user/);
  });

  it("declares its capabilities", () => {
    expect(kinsta.capabilities).toMatchObject({
      deleteBackup: true,
      restoreTracking: "tracked",
      manualBackupLimit: 5,
      defaultDeletionPolicy: "delete",
      schedules: false,
    });
  });
});

describe("kinsta mapping", () => {
  it("maps a listed backup: id as string, epoch ms → ISO, manual from type", () => {
    expect(
      toVendorBackup({
        id: 123456789,
        name: "site-1700000000-manual",
        note: "pre-upgrade",
        type: "manual",
        created_at: 1700000000123,
      }),
    ).toEqual({
      id: "123456789",
      state: "completed",
      vendorStatus: "completed",
      description: "pre-upgrade",
      backupType: "manual",
      manual: true,
      createdAt: "2023-11-14T22:13:20.123Z",
    });
    expect(toVendorBackup({ id: 1, name: "site-1-daily", note: null, type: "daily", created_at: 0 })).toMatchObject({
      manual: false,
      description: undefined,
    });
  });

  it("finds the newest manual backup with the tag, created after the request (with clock slack)", () => {
    const at = (iso: string) => Date.parse(iso);
    const backups = [
      toVendorBackup({
        id: 1,
        name: "s-1-manual",
        note: "db hb:1",
        type: "manual",
        created_at: at("2024-01-01T09:00:00Z"),
      }),
      toVendorBackup({
        id: 2,
        name: "s-2-manual",
        note: "db hb:1",
        type: "manual",
        created_at: at("2024-01-01T11:58:00Z"),
      }),
      toVendorBackup({
        id: 3,
        name: "s-3-daily",
        note: "db hb:1",
        type: "daily",
        created_at: at("2024-01-01T12:01:00Z"),
      }),
      toVendorBackup({
        id: 4,
        name: "s-4-manual",
        note: "other",
        type: "manual",
        created_at: at("2024-01-01T12:02:00Z"),
      }),
    ];
    expect(findTaggedBackup(backups, "db hb:1", "2024-01-01T12:00:00Z")?.id).toBe("2");
    expect(findTaggedBackup(backups, "db hb:1", "2024-01-01T13:00:00Z")).toBeUndefined();
    expect(findTaggedBackup(backups, "db hb:1")?.id).toBe("2");
  });

  it("finds the marked backup wherever Kinsta puts the tag: note, tag or name (1.87.0 never says it is `note`)", () => {
    const at = Date.parse("2024-01-01T12:01:00Z");
    const marked = "nightly hb:0a1b2c3d";
    const find = (fields: { name: string; note: string | null; tag?: string }) =>
      findTaggedBackup(
        [toVendorBackup({ id: 7, type: "manual", created_at: at, ...fields })],
        marked,
        "2024-01-01T12:00:00Z",
      )?.id;
    expect(find({ name: "site-1704110460-manual", note: marked })).toBe("7");
    expect(find({ name: "site-1704110460-manual", note: null, tag: marked })).toBe("7");
    expect(find({ name: `site-1704110460-manual ${marked}`, note: "" })).toBe("7");
    // Only the marker counts: the user's words may be cut or rewritten by the vendor.
    expect(find({ name: "site-1704110460-manual", note: "hb:0a1b2c3d" })).toBe("7");
    expect(find({ name: "site-1704110460-manual", note: "nightly hb:0a1b2c3e" })).toBeUndefined();
    expect(find({ name: "site-1704110460-manual", note: "nightly" })).toBeUndefined();
  });

  it("reads the message of Kinsta's error body", () => {
    expect(errorMessage({ status: 404, message: "Site not found", data: null })).toBe("Site not found");
    expect(errorMessage({ error: "Unauthenticated." })).toBe("Unauthenticated.");
    expect(errorMessage("oops")).toBeUndefined();
  });
});
