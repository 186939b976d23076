import { vpsorg } from "../../../provider/vendors/vpsorg";
import {
  errorMessage,
  restoreProgressOf,
  sameServerId,
  stateOf,
  toVendorBackup,
  wireId,
} from "../../../provider/vendors/vpsorg/client";
import { issuesOf } from "./helpers";

describe("vpsorg schemas", () => {
  it("takes a server id of digits or a UUID, kept as an opaque string", () => {
    expect(issuesOf(vpsorg.targetSchema, { serverId: "12345" })).toEqual([]);
    expect(issuesOf(vpsorg.targetSchema, { serverId: "294deacc-d8b8-4005-82c4-0727ba8ddde0" })).toEqual([]);
    expect(issuesOf(vpsorg.targetSchema, { serverId: "web-01" })[0]).toMatch(/digits .* or a UUID/);
    expect(issuesOf(vpsorg.targetSchema, { serverId: 12345 }).length).toBe(1);
    expect(vpsorg.targetKey({ serverId: "12345" })).toBe("vpsorg/12345");
  });

  it("sends all-digit ids as integers, others as strings", () => {
    expect(wireId("12345")).toBe(12345);
    expect(wireId("294deacc-d8b8-4005-82c4-0727ba8ddde0")).toBe("294deacc-d8b8-4005-82c4-0727ba8ddde0");
  });

  it("limits descriptions so the marker fits, and rejects options", () => {
    expect(issuesOf(vpsorg.descriptionSchema, "Pre-update backup")).toEqual([]);
    expect(issuesOf(vpsorg.descriptionSchema, "x".repeat(244))[0]).toMatch(/at most 243 characters/);
    expect(issuesOf(vpsorg.backupOptionsSchema, { backupType: "dump" })[0]).toMatch(/unknown backupType/);
    expect(issuesOf(vpsorg.restoreOptionsSchema, { notifiedUserId: "x" })[0]).toMatch(/unknown notifiedUserId/);
  });

  it("declares its capabilities", () => {
    expect(vpsorg.capabilities).toMatchObject({
      deleteBackup: true,
      manualBackupLimit: 10,
      defaultDeletionPolicy: "delete",
      schedules: false,
    });
  });
});

describe("vpsorg mapping", () => {
  const backup = {
    id: 499,
    server: { id: 12345, name: "web-server-01" },
    backup_type: "manual" as const,
    status: "completed",
    size_mb: 4456,
    created_at: "2025-01-14T10:30:00Z",
    expires_at: null,
    description: "Pre-update backup",
  };

  it("maps size in MiB to bytes, ids to strings, manual from backup_type", () => {
    expect(toVendorBackup(backup)).toEqual({
      id: "499",
      state: "completed",
      vendorStatus: "completed",
      description: "Pre-update backup",
      backupType: "manual",
      manual: true,
      createdAt: "2025-01-14T10:30:00Z",
      expiresAt: undefined,
      sizeBytes: 4456 * 1024 * 1024,
      failureReason: undefined,
    });
    expect(
      toVendorBackup({
        ...backup,
        backup_type: "automatic" as const,
        status: "in_progress",
        size_mb: null,
        expires_at: "2025-02-16T03:00:00Z",
      }),
    ).toMatchObject({
      manual: false,
      state: "running",
      sizeBytes: undefined,
      expiresAt: "2025-02-16T03:00:00Z",
    });
  });

  it("treats undocumented failure words as failed and unknown words as still running", () => {
    expect(stateOf("failed")).toBe("failed");
    expect(stateOf("in_progress")).toBe("running");
    expect(stateOf("something-new")).toBe("running");
  });

  it("follows a restore through the server's status; an unknown status is still running, never completed", () => {
    expect(restoreProgressOf("restoring")).toEqual({ state: "running" });
    expect(restoreProgressOf("running")).toEqual({ state: "completed" });
    expect(restoreProgressOf("Active")).toEqual({ state: "completed" });
    expect(restoreProgressOf("error")).toMatchObject({ state: "failed" });
    // Undocumented words (the Servers API has no document): waiting beats a false success.
    for (const status of ["rebuilding", "provisioning", "migrating", ""])
      expect(restoreProgressOf(status)).toEqual({ state: "running" });
  });

  it("compares server ids as the API returns them: integers by value, UUIDs without regard to case", () => {
    expect(sameServerId(12345, "12345")).toBe(true);
    expect(sameServerId("12345", "12345")).toBe(true);
    expect(sameServerId(12345, "12346")).toBe(false);
    const uuid = "0b9c6a1e-7f7e-4c1b-9d55-3f1f2a4b5c6d";
    expect(sameServerId(uuid.toUpperCase(), uuid)).toBe(true);
    expect(sameServerId(uuid, "12345")).toBe(false);
    expect(sameServerId(12345, uuid)).toBe(false);
  });

  it("reads DRF error bodies", () => {
    expect(errorMessage({ detail: "Authentication credentials were not provided." })).toBe(
      "Authentication credentials were not provided.",
    );
    expect(errorMessage({ server_id: ["This field is required."], description: ["Too long.", "Bad."] })).toBe(
      "server_id: This field is required.; description: Too long. Bad.",
    );
    expect(errorMessage({ non_field_errors: ["Maximum of 10 manual backups reached."] })).toBe(
      "Maximum of 10 manual backups reached.",
    );
    expect(errorMessage([])).toBeUndefined();
  });
});
