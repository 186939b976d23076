/**
 * The bad-input catalogue: invalid inputs across Backup, RestoreOperation and BackupPolicy
 * and the four vendors. Each fails at `pulumi preview` (the provider's `check`) with a
 * message naming the field and the rule, and the sandbox sees zero API calls. One invalid
 * input per preview, so each failure stands alone.
 */
import * as path from "node:path";
import { createTestStack, TestStack } from "../support/pulumi";
import { startTestSandbox, TestSandbox } from "../support/sandbox";
import { errorText, Results } from "./helpers";

jest.setTimeout(120_000);

let sandbox: TestSandbox;
const results = new Results("bad-input");
const stacks: Record<string, TestStack> = {};

const PROGRAMS = {
  Backup: { dir: "backups", key: "e2e-backups:backups" },
  RestoreOperation: { dir: "restores", key: "e2e-restores:restores" },
  BackupPolicy: { dir: "policies", key: "e2e-policies:policies" },
} as const;
type Kind = keyof typeof PROGRAMS;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  for (const kind of Object.keys(PROGRAMS) as Kind[]) {
    stacks[kind] = await createTestStack(path.join(__dirname, "../e2e/programs", PROGRAMS[kind].dir), {
      envVars: { ...sandbox.urlEnv(), ...sandbox.credentialEnv() },
    });
  }
});
afterAll(async () => {
  results.write();
  for (const t of Object.values(stacks)) await t.cleanup();
  await sandbox?.close();
});

const K = "e0e0e0e0-0000-4000-8000-000000000011";
const W = "294deacc-d8b8-4005-82c4-0727ba8ddde0";
const kinsta = { vendor: "kinsta", environmentId: K };
const wpe = { vendor: "wpengine", installId: W };
const vps = { vendor: "vpsorg", serverId: "12345" };
const nf = { vendor: "northflank", projectId: "shop", addonId: "postgres" };
const emails = { notificationEmails: ["ops@example.com"] };
const USER = "b0b0b0b0-0000-4000-8000-000000000001";

interface Row {
  kind: Kind;
  what: string;
  args: Record<string, unknown>;
  /** The property the message names. */
  field: string;
  /** The rule, as the message states it. */
  rule: RegExp;
}

const ROWS: Row[] = [
  // Backup: target
  { kind: "Backup", what: "no target", args: { description: "x" }, field: "target", rule: /is required/ },
  {
    kind: "Backup",
    what: "unknown vendor",
    args: { target: { vendor: "hostgator", siteId: "1" } },
    field: "target.vendor",
    rule: /must be one of "kinsta", "wpengine", "vpsorg", "northflank"/,
  },
  {
    kind: "Backup",
    what: "target of the wrong type",
    args: { target: "kinsta" },
    field: "target",
    rule: /is required: an object/,
  },
  {
    kind: "Backup",
    what: "Kinsta environmentId not a UUID",
    args: { target: { vendor: "kinsta", environmentId: "prod" } },
    field: "target.environmentId",
    rule: /must be a Kinsta environment id \(a UUID/,
  },
  {
    kind: "Backup",
    what: "WP Engine installId empty",
    args: { target: { vendor: "wpengine", installId: "" }, ...emails },
    field: "target.installId",
    rule: /./,
  },
  {
    kind: "Backup",
    what: "VPS.org serverId not digits",
    args: { target: { vendor: "vpsorg", serverId: "web-1" } },
    field: "target.serverId",
    rule: /./,
  },
  {
    kind: "Backup",
    what: "Northflank target without addonId",
    args: { target: { vendor: "northflank", projectId: "shop" } },
    field: "target.addonId",
    rule: /is required/,
  },
  {
    kind: "Backup",
    what: "Northflank projectId with a bad pattern",
    args: { target: { vendor: "northflank", projectId: "My_Shop!", addonId: "postgres" } },
    field: "target.projectId",
    rule: /letters, digits and single hyphens/,
  },
  {
    kind: "Backup",
    what: "unknown target field",
    args: { target: { ...vps, region: "eu" } },
    field: "target.region",
    rule: /unknown property/,
  },
  // Backup: description
  {
    kind: "Backup",
    what: "empty description",
    args: { target: vps, description: "" },
    field: "description",
    rule: /must not be empty/,
  },
  {
    kind: "Backup",
    what: "description of the wrong type",
    args: { target: kinsta, description: 42 },
    field: "description",
    rule: /must be a string/,
  },
  {
    kind: "Backup",
    what: "over-long Northflank name",
    args: { target: nf, description: "a much too long backup name here" },
    field: "description",
    rule: /3–27 characters/,
  },
  {
    kind: "Backup",
    what: "over-long VPS.org description",
    args: { target: vps, description: "x".repeat(400) },
    field: "description",
    rule: /at most \d+ characters/,
  },
  {
    kind: "Backup",
    what: "newline in a description",
    args: { target: kinsta, description: "line1\nline2" },
    field: "description",
    rule: /control characters/,
  },
  {
    kind: "Backup",
    what: "Northflank name with a bad pattern",
    args: { target: nf, description: "rel_v1!" },
    field: "description",
    rule: /./,
  },
  // Backup: vendor options
  {
    kind: "Backup",
    what: "WP Engine without notificationEmails",
    args: { target: wpe },
    field: "notificationEmails",
    rule: /required|at least one/,
  },
  {
    kind: "Backup",
    what: "WP Engine invalid email",
    args: { target: wpe, notificationEmails: ["ops-at-example"] },
    field: "notificationEmails[0]",
    rule: /must be an email address/,
  },
  {
    kind: "Backup",
    what: "notificationEmails on Kinsta",
    args: { target: kinsta, ...emails },
    field: "notificationEmails",
    rule: /does not apply to Kinsta targets/,
  },
  {
    kind: "Backup",
    what: "backupType on VPS.org",
    args: { target: vps, backupType: "dump" },
    field: "backupType",
    rule: /does not apply to VPS\.org targets/,
  },
  {
    kind: "Backup",
    what: "unknown Northflank backupType",
    args: { target: nf, backupType: "full" },
    field: "backupType",
    rule: /must be one of "dump", "snapshot"/,
  },
  {
    kind: "Backup",
    what: "compressionType on a snapshot",
    args: { target: nf, backupType: "snapshot", compressionType: "zstd" },
    field: "compressionType",
    rule: /./,
  },
  {
    kind: "Backup",
    what: "additionalDestinations retention out of bounds",
    args: { target: nf, additionalDestinations: [{ destinationId: "dest-1", retentionTime: 500 }] },
    field: "additionalDestinations[0].retentionTime",
    rule: /1–120 days/,
  },
  // Backup: common inputs
  {
    kind: "Backup",
    what: "deletionPolicy delete on WP Engine",
    args: { target: wpe, ...emails, deletionPolicy: "delete" },
    field: "deletionPolicy",
    rule: /WP Engine's API cannot delete backups/,
  },
  {
    kind: "Backup",
    what: "unknown deletionPolicy",
    args: { target: vps, deletionPolicy: "keep" },
    field: "deletionPolicy",
    rule: /must be one of "retain", "delete"/,
  },
  {
    kind: "Backup",
    what: "timeout not a duration",
    args: { target: vps, timeout: "10 minutes" },
    field: "timeout",
    rule: /must be a duration such as "90s"/,
  },
  {
    kind: "Backup",
    what: "timeout out of bounds",
    args: { target: vps, timeout: "48h" },
    field: "timeout",
    rule: /at most 24h/,
  },
  {
    kind: "Backup",
    what: "waitForCompletion of the wrong type",
    args: { target: vps, waitForCompletion: "yes" },
    field: "waitForCompletion",
    rule: /must be a boolean/,
  },
  {
    kind: "Backup",
    what: "triggers not a list",
    args: { target: vps, triggers: "v1" },
    field: "triggers",
    rule: /must be an array/,
  },
  {
    kind: "Backup",
    what: "empty adoptBackupId",
    args: { target: vps, adoptBackupId: "" },
    field: "adoptBackupId",
    rule: /must not be empty/,
  },
  {
    kind: "Backup",
    what: "empty account name",
    args: { target: vps, account: "" },
    field: "account",
    rule: /must not be empty/,
  },
  {
    kind: "Backup",
    what: "unknown input",
    args: { target: vps, retention: { keepLast: 3 } },
    field: "retention",
    rule: /unknown property/,
  },
  // RestoreOperation
  {
    kind: "RestoreOperation",
    what: "wrong confirm",
    args: { target: vps, backupId: "1", confirm: "production" },
    field: "confirm",
    rule: /must equal the target's id "12345"/,
  },
  {
    kind: "RestoreOperation",
    what: "no confirm",
    args: { target: vps, backupId: "1" },
    field: "confirm",
    rule: /is required/,
  },
  {
    kind: "RestoreOperation",
    what: "Northflank confirm of the addon only",
    args: { target: nf, backupId: "b", confirm: "postgres" },
    field: "confirm",
    rule: /must equal the target's id "shop\/postgres"/,
  },
  {
    kind: "RestoreOperation",
    what: "empty backupId",
    args: { target: vps, backupId: "", confirm: "12345" },
    field: "backupId",
    rule: /must not be empty/,
  },
  {
    kind: "RestoreOperation",
    what: "Kinsta restore without notifiedUserId",
    args: { target: kinsta, backupId: "1", confirm: K },
    field: "notifiedUserId",
    rule: /./,
  },
  {
    kind: "RestoreOperation",
    what: "Kinsta notifiedUserId not a UUID",
    args: { target: kinsta, backupId: "1", confirm: K, notifiedUserId: "bob" },
    field: "notifiedUserId",
    rule: /a UUID\) of a Kinsta company user/,
  },
  {
    kind: "RestoreOperation",
    what: "WP Engine restore invalid email",
    args: { target: wpe, backupId: "b", confirm: W, notificationEmails: ["nobody"] },
    field: "notificationEmails[0]",
    rule: /must be an email address/,
  },
  {
    kind: "RestoreOperation",
    what: "restoreDatabase on VPS.org",
    args: { target: vps, backupId: "1", confirm: "12345", restoreDatabase: true },
    field: "restoreDatabase",
    rule: /does not apply to VPS\.org restores/,
  },
  {
    kind: "RestoreOperation",
    what: "restoreDatabase of the wrong type",
    args: { target: wpe, backupId: "b", confirm: W, ...emails, restoreDatabase: "yes" },
    field: "restoreDatabase",
    rule: /must be a boolean, got the string "yes"/,
  },
  {
    kind: "RestoreOperation",
    what: "sourceProjectId on Kinsta",
    args: { target: kinsta, backupId: "1", confirm: K, notifiedUserId: USER, sourceProjectId: "shop" },
    field: "sourceProjectId",
    rule: /does not apply to Kinsta restores/,
  },
  {
    kind: "RestoreOperation",
    what: "restore timeout of zero",
    args: { target: vps, backupId: "1", confirm: "12345", timeout: "0s" },
    field: "timeout",
    rule: /more than 0s/,
  },
  // BackupPolicy
  {
    kind: "BackupPolicy",
    what: "keepLast 0",
    args: { target: vps, retention: { keepLast: 0 } },
    field: "retention.keepLast",
    rule: /must be between 1 and 100, got 0/,
  },
  {
    kind: "BackupPolicy",
    what: "keepLast 101",
    args: { target: kinsta, retention: { keepLast: 101 } },
    field: "retention.keepLast",
    rule: /must be between 1 and 100, got 101/,
  },
  {
    kind: "BackupPolicy",
    what: "maxAgeDays out of bounds",
    args: { target: nf, retention: { maxAgeDays: 5000 } },
    field: "retention.maxAgeDays",
    rule: /must be between 1 and 3650, got 5000/,
  },
  {
    kind: "BackupPolicy",
    what: "empty retention",
    args: { target: vps, retention: {} },
    field: "retention",
    rule: /must set keepLast, maxAgeDays or both/,
  },
  {
    kind: "BackupPolicy",
    what: "nothing to do",
    args: { target: vps },
    field: "retention",
    rule: /needs at least one of retention, schedule or freshness/,
  },
  {
    kind: "BackupPolicy",
    what: "retention on WP Engine",
    args: { target: wpe, retention: { keepLast: 3 } },
    field: "retention",
    rule: /WP Engine's API has no delete-backup endpoint/,
  },
  {
    kind: "BackupPolicy",
    what: "native schedule on Kinsta",
    args: { target: kinsta, schedule: [{ interval: "daily", minute: [0], hour: [3], retentionDays: 7 }] },
    field: "schedule",
    rule: /./,
  },
  {
    kind: "BackupPolicy",
    what: "hourly schedule with hours",
    args: { target: nf, schedule: [{ interval: "hourly", minute: [0], hour: [3], retentionDays: 3 }] },
    field: "schedule[0].hour",
    rule: /is not allowed for hourly schedules/,
  },
  {
    kind: "BackupPolicy",
    what: "schedule retention over Northflank's cap",
    args: { target: nf, schedule: [{ interval: "hourly", minute: [0], retentionDays: 10 }] },
    field: "schedule[0].retentionDays",
    rule: /must be at most 7 days for hourly schedules/,
  },
  {
    kind: "BackupPolicy",
    what: "schedule minute 60",
    args: { target: nf, schedule: [{ interval: "hourly", minute: [60], retentionDays: 3 }] },
    field: "schedule[0].minute[0]",
    rule: /must be between 0 and 59, got 60/,
  },
  {
    kind: "BackupPolicy",
    what: "freshness maxAgeHours 0",
    args: { target: vps, freshness: { maxAgeHours: 0 } },
    field: "freshness.maxAgeHours",
    rule: /must be more than 0, got 0/,
  },
  {
    kind: "BackupPolicy",
    what: "freshness without WP Engine emails",
    args: { target: wpe, freshness: { maxAgeHours: 24 } },
    field: "notificationEmails",
    rule: /./,
  },
  {
    kind: "BackupPolicy",
    what: "over-long freshness description on Northflank",
    args: { target: nf, freshness: { maxAgeHours: 24, description: "a far too long freshness name" } },
    field: "freshness.description",
    rule: /must be 3–27 characters/,
  },
];

describe("bad input fails at preview, naming field and rule, with zero API calls", () => {
  it("the catalogue has at least 30 entries across the three resources and four vendors", () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(ROWS.map((r) => r.kind)).size).toBe(3);
  });

  it.each(ROWS.map((r) => [`${r.kind}: ${r.what}`, r] as const))("%s", async (_title, row) => {
    const t = stacks[row.kind];
    await t.stack.setConfig(PROGRAMS[row.kind].key, { value: JSON.stringify({ bad: row.args }) });
    await sandbox.clearRequests();
    const started = Date.now();
    let text = "";
    try {
      await t.stack.preview();
    } catch (error) {
      text = errorText(error);
    }
    const ms = Date.now() - started;
    const calls = await sandbox.requests();
    // The value is printed as given, so a newline in it spans two lines.
    const problem = /resource 'bad': property [\s\S]*?has a problem: .*/.exec(text)?.[0];
    results.add({ kind: row.kind, what: row.what, message: problem, apiCalls: calls.length, ms });
    expect(text).not.toBe("");
    const escaped = row.field.replace(/[.[\]]/g, (c) => `\\${c}`);
    // `<type> resource 'bad': property <field> value {<value>} has a problem: <rule>`
    expect(problem).toMatch(new RegExp(`resource 'bad': property ${escaped} value [\\s\\S]* has a problem: `));
    expect(problem).toMatch(row.rule);
    expect(calls).toEqual([]);
  });
});
