import { backupMarker, checkBackupInputs } from "../../provider/resources/backup/inputs";
import type { BackupInputs } from "../../provider/resources/backup/schema";
import { backupResource } from "../../provider/resources/backup/definition";
import { UNKNOWN } from "../../provider/resources/shared/check";

const kinsta = { vendor: "kinsta", environmentId: "c84ce214-69b9-4a32-8e67-880672cf1d38" };
const wpengine = { vendor: "wpengine", installId: "294deacc-d8b8-4005-82c4-0727ba8ddde0" };
const northflank = { vendor: "northflank", projectId: "shop", addonId: "postgres" };

const failuresOf = (news: Record<string, unknown>) => checkBackupInputs(news).failures;

describe("Backup check", () => {
  it("accepts minimal inputs and fills the defaults", () => {
    const { inputs, failures } = checkBackupInputs({ target: kinsta });
    expect(failures).toEqual([]);
    expect(inputs).toMatchObject({
      description: "pulumi backup",
      waitForCompletion: true,
      timeout: "60m",
      deletionPolicy: "delete",
    });
  });

  it("includeDownloadLink: accepted on Northflank, refused at preview where the vendor has no link, changes in place", () => {
    expect(failuresOf({ target: northflank, includeDownloadLink: true })).toEqual([]);
    expect(failuresOf({ target: kinsta, includeDownloadLink: false })).toEqual([]);
    expect(failuresOf({ target: kinsta, includeDownloadLink: true })).toEqual([
      { property: "includeDownloadLink", reason: expect.stringContaining("Kinsta's API offers no download link") },
    ]);
    const olds = checkBackupInputs({ target: northflank }).inputs;
    const news = checkBackupInputs({ target: northflank, includeDownloadLink: true }).inputs;
    expect(backupResource.diff(olds, news)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
  });

  it("defaults deletionPolicy to retain on WP Engine and refuses delete there", () => {
    expect(checkBackupInputs({ target: wpengine, notificationEmails: ["a@b.co"] }).inputs.deletionPolicy).toBe(
      "retain",
    );
    const failures = failuresOf({ target: wpengine, notificationEmails: ["a@b.co"], deletionPolicy: "delete" });
    expect(failures).toEqual([
      { property: "deletionPolicy", reason: expect.stringContaining("cannot delete backups") },
    ]);
  });

  it("names an unknown vendor and lists the known ones", () => {
    expect(failuresOf({ target: { vendor: "godaddy", siteId: "x" } })).toEqual([
      {
        property: "target.vendor",
        reason: expect.stringMatching(/must be one of "kinsta", "wpengine", "vpsorg", "northflank", got "godaddy"/),
      },
    ]);
  });

  it("requires the vendor's target fields", () => {
    expect(failuresOf({ target: { vendor: "kinsta" } })).toEqual([
      { property: "target.environmentId", reason: expect.any(String) },
    ]);
  });

  it("refuses options of another vendor, naming the option", () => {
    expect(failuresOf({ target: kinsta, backupType: "dump" })).toEqual([
      { property: "backupType", reason: "does not apply to Kinsta targets" },
    ]);
  });

  it("requires notificationEmails on WP Engine", () => {
    expect(failuresOf({ target: wpengine }).map((f) => f.property)).toContain("notificationEmails");
  });

  it("reports every failure at once", () => {
    const failures = failuresOf({ target: northflank, timeout: "soon", waitForCompletion: "yes", extra: 1 });
    expect(failures.map((f) => f.property).sort()).toEqual(["extra", "timeout", "waitForCompletion"]);
  });

  it("does not validate values that are unknown during preview", () => {
    expect(failuresOf({ target: { vendor: "kinsta", environmentId: UNKNOWN }, triggers: [UNKNOWN] })).toEqual([]);
  });
});

describe("Backup marker", () => {
  const base: BackupInputs = {
    target: kinsta as BackupInputs["target"],
    description: "release",
    waitForCompletion: true,
    timeout: "60m",
    deletionPolicy: "delete",
    identity: "proj/dev/site",
  };
  it("is stable for the same inputs and changes with what forces a new backup", () => {
    expect(backupMarker(base)).toBe(backupMarker({ ...base, waitForCompletion: false, timeout: "5m" }));
    expect(backupMarker(base)).not.toBe(backupMarker({ ...base, triggers: ["v2"] }));
    expect(backupMarker(base)).not.toBe(backupMarker({ ...base, identity: "proj/prod/site" }));
  });
});

describe("Backup diff", () => {
  const olds = {
    target: kinsta,
    description: "a",
    triggers: ["v1"],
    waitForCompletion: true,
    deletionPolicy: "delete",
    status: "completed",
  };
  it("replaces on triggers, target and description", () => {
    expect(backupResource.diff(olds, { ...olds, triggers: ["v2"] })).toMatchObject({
      changes: true,
      replaces: ["triggers"],
    });
    expect(backupResource.diff(olds, { ...olds, description: "b" }).replaces).toEqual(["description"]);
  });
  it("updates in place on waitForCompletion and deletionPolicy", () => {
    expect(backupResource.diff(olds, { ...olds, deletionPolicy: "retain" })).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });
  it("reports no change for equal inputs, and replaces a backup that failed at the vendor", () => {
    expect(backupResource.diff(olds, olds).changes).toBe(false);
    expect(backupResource.diff({ ...olds, status: "failed" }, olds).replaces).toEqual(["status"]);
  });
  it("treats an unknown trigger as a change (replacement)", () => {
    expect(backupResource.diff(olds, { ...olds, triggers: [UNKNOWN] }).replaces).toEqual(["triggers"]);
  });
});
