/**
 * The report's analysis and rendering as pure functions (fakes for stacks and vendor lists);
 * test/e2e/report.test.ts runs the command on real stacks against the sandbox.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildReport, targetsToList } from "../../provider/report/analyze";
import { parseSpan } from "../../provider/report/cli";
import { accountFromCredentials, readCredentialsFile } from "../../provider/report/credentials";
import { declarationsOf, type StackExport } from "../../provider/report/declared";
import { renderHtml, renderMarkdown } from "../../provider/report/render";
import type { TargetHoldings } from "../../provider/report/vendor-lists";
import { vendors } from "../../provider/vendors/registry";
import type { VendorBackup } from "../../provider/vendors/vendor";

const NOW = Date.parse("2026-12-07T12:00:00Z");
const ago = (hours: number) => new Date(NOW - hours * 3600_000).toISOString();
const SERVER = { vendor: "vpsorg", serverId: "101" };
const ENV = { vendor: "kinsta", environmentId: "0b1c9a3e-1111-4222-8333-944455556666" };

const resource = (stack: string, type: string, name: string, outputs: Record<string, unknown>) => ({
  urn: `urn:pulumi:${stack}::proj::pulumi-nodejs:dynamic/hostingbackups:${type}::${name}`,
  type: `pulumi-nodejs:dynamic/hostingbackups:${type}`,
  outputs,
});

const backup = (id: string, hoursAgo: number, extra: Partial<VendorBackup> = {}): VendorBackup => ({
  id,
  state: "completed",
  vendorStatus: "completed",
  manual: true,
  createdAt: ago(hoursAgo),
  completedAt: ago(hoursAgo),
  ...extra,
});

const stacks: StackExport[] = [
  {
    name: "org/proj/prod",
    resources: [
      resource("prod", "BackupPolicy", "nightly", {
        target: SERVER,
        freshness: { maxAgeHours: 24, description: "x" },
        retention: { keepLast: 3 },
        scheduleIds: [],
      }),
      resource("prod", "RestoreOperation", "drill", {
        target: SERVER,
        status: "failed",
        startedAt: ago(50),
        failureReason: 'the server\'s status is "error"',
        restoredBackupId: "7",
      }),
      resource("prod", "RestoreOperation", "drill-before", {
        target: SERVER,
        status: "completed",
        startedAt: ago(24 * 40),
        completedAt: ago(24 * 40 - 0.5),
        restoredBackupId: "5",
      }),
      // A plugin (YAML) Backup on the Kinsta target.
      {
        urn: "urn:pulumi:prod::proj::hostingbackups:index:Backup::release",
        type: "hostingbackups:index:Backup",
        outputs: { target: ENV, marker: "aaaaaaaa", backupId: "1" },
      },
      { urn: "urn:pulumi:prod::proj::random:index:Other::x", type: "random:index:Other", outputs: { target: ENV } },
    ],
  },
];

const holdings: TargetHoldings[] = [
  {
    targetKey: "vpsorg/101",
    requests: 1,
    backups: [backup("7", 30, { description: "nightly hb:0123abcd" }), backup("6", 60, { manual: false })],
  },
  {
    targetKey: `kinsta/${ENV.environmentId}`,
    requests: 2,
    backups: [
      backup("1", 2, { description: "release hb:aaaaaaaa" }),
      backup("2", 3, { description: "removed hb:bbbbbbbb" }),
      backup("3", 1, { manual: false, description: "daily" }),
    ],
  },
];

const declared = declarationsOf(stacks);
const report = buildReport(["org/proj/prod"], declared, holdings, {
  asOf: new Date(NOW).toISOString(),
  drillEveryDays: 30,
});
const target = (key: string) => report.targets.find((t) => t.targetKey === key)!;

it("reads the SDK's dynamic resources and the plugin's, and nothing else", () => {
  expect(declared.policies.map((p) => p.name)).toEqual(["nightly"]);
  expect(declared.restores.map((r) => r.name)).toEqual(["drill", "drill-before"]);
  expect(declared.backups).toEqual([expect.objectContaining({ name: "release", marker: "aaaaaaaa" })]);
  expect(targetsToList(declared).map((t) => t.targetKey)).toEqual([`kinsta/${ENV.environmentId}`, "vpsorg/101"]);
});

it("measures freshness against the policy's maxAgeHours, and --rpo only where no policy promises", () => {
  expect(target("vpsorg/101")).toMatchObject({
    freshness: "stale",
    promisedMaxAgeHours: 24,
    promiseFrom: "policy",
    newest: { id: "7", ageHours: 30 },
  });
  expect(target(`kinsta/${ENV.environmentId}`).freshness).toBe("no-promise");
  const withRpo = buildReport([], declared, holdings, { asOf: new Date(NOW).toISOString(), rpoHours: 4 });
  expect(withRpo.targets.find((t) => t.vendor === "kinsta")).toMatchObject({
    freshness: "fresh",
    promiseFrom: "--rpo",
  });
  expect(withRpo.targets.find((t) => t.vendor === "vpsorg")).toMatchObject({ promisedMaxAgeHours: 24 });
});

it("takes manual caps from the vendor modules", () => {
  expect(target(`kinsta/${ENV.environmentId}`).manualCap).toEqual({
    used: 2,
    limit: vendors.kinsta.capabilities.manualBackupLimit,
  });
  expect(target("vpsorg/101").manualCap).toEqual({ used: 1, limit: vendors.vpsorg.capabilities.manualBackupLimit });
});

it("names the failed drill, the overdue interval (the last good drill is 40 days old) and the orphan", () => {
  const kinds = report.exceptions.map((e) => `${e.kind} ${e.targetKey}`);
  expect(kinds).toEqual(
    expect.arrayContaining([
      "stale vpsorg/101",
      "drill-overdue vpsorg/101",
      "drill-failed vpsorg/101",
      `no-drill kinsta/${ENV.environmentId}`,
      `orphan kinsta/${ENV.environmentId}`,
    ]),
  );
  expect(target("vpsorg/101").lastDrill).toMatchObject({ name: "drill", status: "failed", backupId: "7" });
  expect(target("vpsorg/101").drills[1]).toMatchObject({ name: "drill-before", durationSeconds: 1800 });
  const orphans = report.exceptions.filter((e) => e.kind === "orphan");
  // Backup 1 belongs to the stack's Backup; the marked policy backup on vpsorg/101 is the policy's.
  expect(orphans).toHaveLength(1);
  expect(orphans[0]).toMatchObject({
    backupId: "2",
    importCommand: `pulumi import hostingbackups:index:Backup adopted-2 kinsta/${ENV.environmentId}/2`,
    deleteCommand: `npx hosting-backups delete-backup kinsta/${ENV.environmentId}/2`,
  });
  expect(report.totals).toMatchObject({ targets: 2, backups: 5, requests: 3, breaches: 3 });
});

it("renders the same facts as Markdown and as a self-contained HTML page", () => {
  const markdown = renderMarkdown(report);
  expect(markdown).toContain("**3 breaches** of freshness or drill interval.");
  expect(markdown).toContain("| `vpsorg/101` | org/proj/prod | 7 (2026-12-06 06:00Z) | 30 h | **STALE** (> 24 h) |");
  const html = renderHtml(report);
  expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
  expect(html).toContain("@media print");
  expect(html).not.toMatch(/<(script|link)\b|src="http/);
});

it("parses --rpo and --drill-every, and names the flag when the value is bad", () => {
  expect(parseSpan("24", "--rpo", "h")).toBe(24);
  expect(parseSpan("2d", "--rpo", "h")).toBe(48);
  expect(parseSpan("30d", "--drill-every", "d")).toBe(720);
  expect(() => parseSpan("soon", "--drill-every", "d")).toThrow(/--drill-every: must be a positive duration/);
});

it("reads per-stack credentials from a fleet inventory, env: references included, resolved as a stack's config", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hb-credentials-"));
  const file = path.join(dir, "inventory.json");
  fs.writeFileSync(
    file,
    JSON.stringify({
      clients: [
        {
          name: "client-1",
          credentials: { vpsorg: { token: "env:HB_TEST_VPS_TOKEN", baseUrl: "http://127.0.0.1:4010/vpsorg/api/v1" } },
        },
      ],
    }),
  );
  process.env.HB_TEST_VPS_TOKEN = "token-from-env";
  try {
    const credentialsOf = readCredentialsFile(file);
    expect(credentialsOf("organization/fleet/client-2")).toBeUndefined();
    const account = accountFromCredentials(
      vendors.vpsorg,
      credentialsOf("organization/fleet/client-1")!.vpsorg,
      "client-1",
    );
    expect(account).toMatchObject({
      baseUrl: "http://127.0.0.1:4010/vpsorg/api/v1",
      credentials: { token: "token-from-env" },
      rateLimit: vendors.vpsorg.rateLimit,
    });
    delete process.env.HB_TEST_VPS_TOKEN;
    expect(() => accountFromCredentials(vendors.vpsorg, credentialsOf("client-1")!.vpsorg, "client-1")).toThrow(
      "--credentials: client-1.vpsorg.token: environment variable HB_TEST_VPS_TOKEN is not set",
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
