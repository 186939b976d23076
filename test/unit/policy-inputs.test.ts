import { checkPolicyInputs } from "../../provider/resources/policy/inputs";
import { policyResource } from "../../provider/resources/policy/definition";
import { UNKNOWN } from "../../provider/resources/shared/check";

const kinsta = { vendor: "kinsta", environmentId: "c84ce214-69b9-4a32-8e67-880672cf1d38" };
const wpengine = { vendor: "wpengine", installId: "294deacc-d8b8-4005-82c4-0727ba8ddde0" };
const vpsorg = { vendor: "vpsorg", serverId: "12345" };
const northflank = { vendor: "northflank", projectId: "shop", addonId: "postgres" };

const failuresOf = (news: Record<string, unknown>) => checkPolicyInputs(news).failures;
const daily = { interval: "daily", minute: [0], hour: [3], retentionDays: 14 };

describe("BackupPolicy check", () => {
  it("accepts retention alone and fills the defaults", () => {
    const { inputs, failures } = checkPolicyInputs({ target: vpsorg, retention: { keepLast: 3 } });
    expect(failures).toEqual([]);
    expect(inputs).toEqual({ target: vpsorg, retention: { keepLast: 3 }, timeout: "60m", __provider: undefined });
  });

  it("fills freshness's default description and normalises one schedule to a list", () => {
    const { inputs, failures } = checkPolicyInputs({
      target: northflank,
      freshness: { maxAgeHours: 24 },
      schedule: daily,
    });
    expect(failures).toEqual([]);
    expect(inputs.freshness).toEqual({ maxAgeHours: 24, description: "pulumi policy" });
    expect(inputs.schedule).toEqual([{ ...daily, backupType: "snapshot" }]);
  });

  it("needs at least one of retention, schedule or freshness", () => {
    expect(failuresOf({ target: kinsta })).toEqual([
      { property: "retention", reason: "a policy needs at least one of retention, schedule or freshness" },
    ]);
  });

  it("refuses retention on WP Engine, naming what its API lacks, and accepts freshness there", () => {
    expect(failuresOf({ target: wpengine, retention: { keepLast: 3 } })).toEqual([
      {
        property: "retention",
        reason:
          "WP Engine's API has no delete-backup endpoint, so retention cannot be enforced there; freshness still works",
      },
    ]);
    expect(
      failuresOf({ target: wpengine, freshness: { maxAgeHours: 24 }, notificationEmails: ["ops@example.com"] }),
    ).toEqual([]);
  });

  it("requires notificationEmails with freshness on WP Engine", () => {
    expect(failuresOf({ target: wpengine, freshness: { maxAgeHours: 24 } }).map((f) => f.property)).toEqual([
      "notificationEmails",
    ]);
  });

  it("refuses backup options without freshness, and options of another vendor", () => {
    expect(failuresOf({ target: vpsorg, retention: { keepLast: 3 }, notificationEmails: ["a@b.co"] })).toEqual([
      {
        property: "notificationEmails",
        reason: expect.stringContaining("applies only to the backups freshness takes"),
      },
    ]);
    expect(failuresOf({ target: kinsta, freshness: { maxAgeHours: 1 }, backupType: "dump" })).toEqual([
      { property: "backupType", reason: "does not apply to Kinsta targets" },
    ]);
  });

  it("refuses schedules where the vendor has none, saying what to do instead", () => {
    expect(failuresOf({ target: kinsta, schedule: daily })).toEqual([
      {
        property: "schedule",
        reason:
          "Kinsta has no backup-schedule API (its automatic daily backups are configured in MyKinsta); use freshness to take a backup when the newest is too old",
      },
    ]);
    expect(failuresOf({ target: vpsorg, schedule: daily })[0].reason).toMatch(/^VPS\.org has no backup-schedule API/);
  });

  it("names bad retention bounds", () => {
    expect(failuresOf({ target: vpsorg, retention: { keepLast: 0, maxAgeDays: 4000 } })).toEqual([
      { property: "retention.keepLast", reason: "must be between 1 and 100, got 0" },
      { property: "retention.maxAgeDays", reason: "must be between 1 and 3650, got 4000" },
    ]);
    expect(failuresOf({ target: vpsorg, retention: {} })).toEqual([
      { property: "retention", reason: "must set keepLast, maxAgeDays or both" },
    ]);
    expect(failuresOf({ target: vpsorg, retention: { keepLast: 3, keep: 1 } })).toEqual([
      { property: "retention.keep", reason: 'unknown property "keep"' },
    ]);
  });

  it("applies Northflank's per-interval schedule rules", () => {
    const failures = failuresOf({
      target: northflank,
      schedule: [
        { interval: "hourly", minute: [0], hour: [1], retentionDays: 8 },
        { interval: "weekly", minute: [60], hour: [3], retentionDays: 30 },
        { interval: "daily", minute: [0], hour: [3], day: [1], retentionDays: 14 },
      ],
    });
    expect(failures).toEqual(
      expect.arrayContaining([
        { property: "schedule[0].hour", reason: "is not allowed for hourly schedules (they run every hour)" },
        {
          property: "schedule[0].retentionDays",
          reason: "must be at most 7 days for hourly schedules (Northflank's limit), got 8",
        },
        { property: "schedule[1].minute[0]", reason: "must be between 0 and 59, got 60" },
        { property: "schedule[1].day", reason: expect.stringContaining("is required for weekly schedules") },
        { property: "schedule[2].day", reason: "is allowed only for weekly schedules, not daily" },
      ]),
    );
    expect(failures).toHaveLength(5);
    expect(failuresOf({ target: northflank, schedule: { interval: "daily", minute: [0], retentionDays: 7 } })).toEqual([
      { property: "schedule.hour", reason: "is required for daily schedules: the hours (0–23) to run at" },
    ]);
  });

  it("refuses two schedules for the same interval and backup type", () => {
    expect(failuresOf({ target: northflank, schedule: [daily, { ...daily, hour: [4] }] })).toEqual([
      {
        property: "schedule[1]",
        reason: expect.stringContaining("Northflank allows one schedule per interval and backup type"),
      },
    ]);
  });

  it("checks freshness with the vendor's description rules", () => {
    expect(failuresOf({ target: northflank, freshness: { maxAgeHours: 0, description: "x" } })).toEqual([
      { property: "freshness.maxAgeHours", reason: "must be more than 0, got 0" },
      { property: "freshness.description", reason: expect.stringContaining("Northflank") },
    ]);
  });

  it("does not validate values that are unknown during preview, and keeps them", () => {
    const news = { target: { vendor: "vpsorg", serverId: UNKNOWN }, retention: { keepLast: UNKNOWN } };
    const { inputs, failures } = checkPolicyInputs(news);
    expect(failures).toEqual([]);
    expect(inputs).toBe(news);
  });
});

describe("BackupPolicy diff", () => {
  const olds = { target: vpsorg, retention: { keepLast: 3 }, timeout: "60m", backupCount: 4, lastPrunedIds: [] };
  const news = { target: vpsorg, retention: { keepLast: 3 }, timeout: "60m" };

  it("reports no change when inputs are equal and nothing is planned", () => {
    expect(policyResource.diff(olds, news)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
  });

  // Changed with issue 12: the plan is the one `check` computed for the new inputs (`news`),
  // no longer the one a refresh stored in the old state.
  it("reports the work check planned for the new inputs as a change in place", () => {
    expect(
      policyResource.diff(olds, { ...news, plannedPrunes: ["501 (2026-11-01): beyond keepLast 3 (4th newest)"] }),
    ).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    expect(
      policyResource.diff(olds, { ...news, plannedBackup: "no completed backup exists (maxAgeHours 24)" }).changes,
    ).toBe(true);
    expect(policyResource.diff(olds, { ...news, plannedSchedules: [] }).changes).toBe(false);
    // A plan left in the old state (the work the last `up` did) is no work now.
    expect(policyResource.diff({ ...olds, plannedPrunes: ["501 (2026-11-01): beyond keepLast 3"] }, news).changes).toBe(
      false,
    );
  });

  it("updates in place on policy changes and replaces only on target", () => {
    expect(policyResource.diff(olds, { ...news, retention: { keepLast: 2 } })).toMatchObject({
      changes: true,
      replaces: [],
    });
    expect(policyResource.diff(olds, { ...news, account: "agency" })).toMatchObject({ changes: true, replaces: [] });
    expect(policyResource.diff(olds, { ...news, target: { vendor: "vpsorg", serverId: "999" } }).replaces).toEqual([
      "target",
    ]);
  });
});
