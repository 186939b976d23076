import { UnsupportedFeatureError } from "../../../provider/core/errors";
import { wpengine } from "../../../provider/vendors/wpengine";
import { errorMessage, toVendorBackup } from "../../../provider/vendors/wpengine/client";
import { issuesOf } from "./helpers";

const INSTALL = "294deacc-d8b8-4005-82c4-0727ba8ddde0";

describe("wpengine schemas", () => {
  it("takes an install UUID as target", () => {
    expect(issuesOf(wpengine.targetSchema, { installId: INSTALL })).toEqual([]);
    expect(issuesOf(wpengine.targetSchema, { installId: "torquemag" })[0]).toMatch(/must be a WP Engine install id/);
    expect(wpengine.targetKey({ installId: INSTALL })).toBe(`wpengine/${INSTALL}`);
  });

  it("requires a description that leaves room for the marker", () => {
    expect(issuesOf(wpengine.descriptionSchema, "Pre-deploy snapshot")).toEqual([]);
    expect(issuesOf(wpengine.descriptionSchema, "")[0]).toMatch(/must not be empty/);
    expect(issuesOf(wpengine.descriptionSchema, "x".repeat(244))[0]).toMatch(
      /at most 243 characters so the provider's 12-character marker fits/,
    );
  });

  it("requires at least one valid notification email", () => {
    expect(issuesOf(wpengine.backupOptionsSchema, { notificationEmails: ["ops@example.com"] })).toEqual([]);
    expect(issuesOf(wpengine.backupOptionsSchema, {})[0]).toMatch(/notificationEmails: is required/);
    expect(issuesOf(wpengine.backupOptionsSchema, { notificationEmails: [] })[0]).toMatch(/at least one email address/);
    expect(issuesOf(wpengine.backupOptionsSchema, { notificationEmails: ["ops@example.com", "nope"] })[0]).toMatch(
      /notificationEmails.1: must be an email address/,
    );
    expect(issuesOf(wpengine.backupOptionsSchema, { notificationEmails: ["a@b.co"], backupType: "dump" })[0]).toMatch(
      /unknown backupType/,
    );
  });

  it("takes restore options with emails and the two switches", () => {
    expect(
      issuesOf(wpengine.restoreOptionsSchema, {
        notificationEmails: ["ops@example.com"],
        restoreDatabase: false,
        createCheckpoint: true,
      }),
    ).toEqual([]);
    expect(
      issuesOf(wpengine.restoreOptionsSchema, { notificationEmails: ["ops@example.com"], restoreDatabase: "no" })[0],
    ).toMatch(/restoreDatabase: must be true or false/);
    expect(issuesOf(wpengine.restoreOptionsSchema, {})[0]).toMatch(/notificationEmails/);
  });

  it("cannot delete, retains by default and only learns a restore was accepted", async () => {
    expect(wpengine.capabilities).toMatchObject({
      deleteBackup: false,
      defaultDeletionPolicy: "retain",
      restoreTracking: "accepted-only",
      schedules: false,
    });
    const client = wpengine.createClient({
      baseUrl: "https://127.0.0.1:1/v1",
      credentials: { user: "u", password: "p" },
    });
    await expect(client.deleteBackup({ installId: INSTALL }, "x")).rejects.toBeInstanceOf(UnsupportedFeatureError);
    await expect(client.checkRestore({ installId: INSTALL }, { backupId: "x", startedAt: "" })).resolves.toEqual({
      state: "accepted",
    });
  });
});

describe("wpengine mapping", () => {
  it("maps statuses, including the legacy `initiated`", () => {
    const base = {
      id: "e41fa98f-ea80-4654-b229-a9b765d0863a",
      description: "Pre-deploy",
      create_time: "2024-01-15T10:00:00Z",
      complete_time: null,
      wordpress_version: "6.4.2",
    };
    expect(toVendorBackup({ ...base, status: "requested" })).toMatchObject({
      state: "pending",
      vendorStatus: "requested",
      manual: true,
      wordpressVersion: "6.4.2",
    });
    expect(toVendorBackup({ ...base, status: "initiated" }).state).toBe("running");
    expect(toVendorBackup({ ...base, status: "in_progress" }).state).toBe("running");
    expect(toVendorBackup({ ...base, status: "completed", complete_time: "2024-01-15T10:30:00Z" })).toMatchObject({
      state: "completed",
      completedAt: "2024-01-15T10:30:00Z",
    });
    expect(toVendorBackup({ ...base, status: "aborted" })).toMatchObject({
      state: "failed",
      failureReason: expect.stringMatching(/aborted/),
    });
  });

  it("accepts the 1.6.15 two-field backup", () => {
    expect(toVendorBackup({ id: "b1", status: "completed" })).toEqual({
      id: "b1",
      state: "completed",
      vendorStatus: "completed",
      manual: true,
      description: undefined,
      createdAt: undefined,
      completedAt: undefined,
      wordpressVersion: undefined,
      failureReason: undefined,
    });
  });

  it("includes errors[] details in the message", () => {
    expect(
      errorMessage({
        message: "Invalid Backup: notification_emails cannot be empty.",
        errors: [
          {
            resource: "Backup",
            field: "notification_emails",
            type: "invalid_value",
            code: "blank",
            message: "Notification emails can't be blank",
          },
        ],
      }),
    ).toBe(
      "Invalid Backup: notification_emails cannot be empty.; notification_emails: Notification emails can't be blank",
    );
    expect(errorMessage({ message: "Bad Credentials" })).toBe("Bad Credentials");
    expect(errorMessage("")).toBeUndefined();
  });
});
