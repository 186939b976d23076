/**
 * `hosting-backups report` as users meet it: the command (a child process, the built
 * package) on a fleet of real stacks (real engine, one file backend shared by the stacks)
 * against the sandbox. One fleet, built once, holds a clean target, a stale target, a failed
 * drill and an orphaned backup (its stack destroyed with deletionPolicy retain); the sandbox
 * clock then makes a drill overdue. The HTML page is opened in real headless Chromium.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Report } from "../../provider/report/analyze";
import { countColour, decodePng, dumpDom, screenshot } from "../support/chromium";
import { createTestStack, pulumiCommand, repoRoot, type TestStack } from "../support/pulumi";
import { callOf } from "../support/routes";
import { startTestSandbox, type TestSandbox } from "../support/sandbox";

jest.setTimeout(900_000);

const program = path.join(__dirname, "programs/report");
const cli = path.join(repoRoot, "dist/provider/report/cli.js");
let sandbox: TestSandbox;
let work: string;
let backend: string;
const stacks: TestStack[] = [];

/** Runs the command; resolves with its exit code and output, never rejects on a non-zero exit. */
async function hostingBackups(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { command } = await pulumiCommand();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      {
        env: {
          ...process.env,
          PATH: `${path.dirname(command)}${path.delimiter}${process.env.PATH}`,
          PULUMI_HOME: path.join(work, "home"),
          PULUMI_BACKEND_URL: backend,
          ...sandbox.urlEnv(),
          ...sandbox.credentialEnv(),
        },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function fleetStack(name: string, declared: Record<string, unknown>): Promise<TestStack> {
  const t = await createTestStack(program, {
    stackName: name,
    envVars: { PULUMI_BACKEND_URL: backend, ...sandbox.urlEnv(), ...sandbox.credentialEnv() },
  });
  stacks.push(t);
  for (const [key, value] of Object.entries(declared))
    await t.stack.setConfig(`e2e-report:${key}`, { value: JSON.stringify(value) });
  return t;
}

const HOUR_MS = 3_600_000;
let web: Record<string, string>;
let db: Record<string, string>;
let prod: Record<string, string>;
let live: Record<string, string>;
let addon: Record<string, string>;
let orphanId: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  work = fs.mkdtempSync(path.join(os.tmpdir(), "hb-report-"));
  fs.mkdirSync(path.join(work, "home"));
  backend = `file://${path.join(work, "state")}`;
  fs.mkdirSync(path.join(work, "state"));
  web = sandbox.target("vpsorg", 0);
  db = sandbox.target("vpsorg", 1);
  prod = sandbox.target("wpengine", 0);
  live = sandbox.target("kinsta", 0);
  addon = sandbox.target("northflank", 0);
  const daily = { maxAgeHours: 24, description: "nightly" };

  // shop: a target that keeps every promise (fresh, drilled).
  const shop = await fleetStack("shop", {
    policies: { "web-nightly": { target: web, freshness: daily, retention: { keepLast: 5 } } },
    restores: { "web-drill": { target: web, backup: { latest: true }, confirm: web.serverId } },
  });
  // stale: its backups are made three days old below.
  const stale = await fleetStack("stale", {
    policies: {
      "prod-nightly": { target: prod, freshness: daily, notificationEmails: ["ops@example.com"] },
    },
    restores: {
      "prod-drill": {
        target: prod,
        backup: { latest: true },
        confirm: prod.installId,
        notificationEmails: ["ops@example.com"],
      },
    },
  });
  // drills: the drill's restore fails (the server reports "error" when it is followed).
  const drills = await fleetStack("drills", {
    policies: { "db-nightly": { target: db, freshness: daily } },
    restores: { "db-drill": { target: db, backup: { latest: true }, confirm: db.serverId, waitForCompletion: false } },
  });
  // ops: Northflank native schedules, and a Kinsta release backup.
  const ops = await fleetStack("ops", {
    backups: { "live-release": { target: live, description: "release 7" } },
    policies: {
      "addon-schedule": {
        target: addon,
        freshness: daily,
        schedule: { interval: "daily", hour: [3], minute: [0], retentionDays: 14 },
      },
    },
  });
  // retired: a Backup kept at the vendor (deletionPolicy retain) when its stack goes away.
  const retired = await fleetStack("retired", {
    backups: { "live-old": { target: live, description: "old release", deletionPolicy: "retain" } },
  });

  await Promise.all([shop, stale, ops, retired].map((t) => t.stack.up()));
  const server = await sandbox.call("vpsorg", "GET", `/servers/${db.serverId}/`);
  await sandbox.fault({
    ...callOf("pollRestore", "vpsorg"),
    count: 1,
    status: 200,
    body: { ...server.body, status: "error" },
  });
  await drills.stack.up();
  await sandbox.clearFaults();

  const retiredOutputs = JSON.parse(await retired.exportText()) as {
    deployment: { resources: { type: string; outputs?: { backupId?: string } }[] };
  };
  orphanId = retiredOutputs.deployment.resources.find((r) => r.type.endsWith(":Backup"))!.outputs!.backupId!;
  await retired.stack.destroy();
  await retired.stack.workspace.removeStack(retired.stack.name);

  // The stale target's backups, three days old.
  const { list } = sandbox.vendorApi("wpengine", prod);
  for (const b of await list())
    await sandbox.patchBackup("wpengine", b.id, { createdAt: new Date(Date.now() - 72 * HOUR_MS).toISOString() });
});

afterAll(async () => {
  for (const t of stacks) await t.cleanup();
  if (work) fs.rmSync(work, { recursive: true, force: true });
  await sandbox?.close();
});

describe("on the fleet, now", () => {
  let run: { code: number; stdout: string; stderr: string };
  let report: Report;
  const exceptions = (kind: string) => report.exceptions.filter((e) => e.kind === kind);
  beforeAll(async () => {
    await sandbox.clearRequests();
    run = await hostingBackups([
      "report",
      "--drill-every",
      "30d",
      "--json",
      path.join(work, "report.json"),
      "--html",
      path.join(work, "report.html"),
      "--markdown",
      path.join(work, "report.md"),
    ]);
    report = JSON.parse(fs.readFileSync(path.join(work, "report.json"), "utf8")) as Report;
  });

  it("reads every stack of the backend and lists each declared target once", async () => {
    expect(report.stacks.map((s) => s.split("/").pop()).sort()).toEqual(["drills", "ops", "shop", "stale"]);
    const keys = report.targets.map((t) => t.targetKey).sort();
    expect(keys).toEqual(
      [
        `kinsta/${live.environmentId}`,
        `northflank/${addon.projectId}/${addon.addonId}`,
        `vpsorg/${db.serverId}`,
        `vpsorg/${web.serverId}`,
        `wpengine/${prod.installId}`,
      ].sort(),
    );
    // One backup list per target (Northflank adds its schedules), as the sandbox saw them.
    const requests = await sandbox.requests();
    const perTarget = Object.fromEntries(report.targets.map((t) => [t.targetKey, t.requests]));
    expect(perTarget[`vpsorg/${web.serverId}`]).toBe(1);
    expect(perTarget[`northflank/${addon.projectId}/${addon.addonId}`]).toBe(2);
    expect(requests).toHaveLength(report.totals.requests);
    expect(requests.every((r) => r.method === "GET")).toBe(true);
  });

  it("finds and names the stale target, the failed drill and the orphaned backup", () => {
    expect(exceptions("stale")).toEqual([
      expect.objectContaining({ targetKey: `wpengine/${prod.installId}`, breach: true }),
    ]);
    expect(exceptions("stale")[0].message).toMatch(
      /is 7\d(\.\d)? h old; promised 24 h \(policy freshness.maxAgeHours\)/,
    );
    expect(exceptions("drill-failed")).toEqual([
      expect.objectContaining({
        targetKey: `vpsorg/${db.serverId}`,
        message: expect.stringContaining("drills:db-drill (backup"),
      }),
    ]);
    expect(exceptions("drill-failed")[0].message).toContain('the server\'s status is "error"');
    expect(exceptions("orphan")).toEqual([
      expect.objectContaining({
        targetKey: `kinsta/${live.environmentId}`,
        backupId: orphanId,
        importCommand: `pulumi import hostingbackups:index:Backup adopted-${orphanId} kinsta/${live.environmentId}/${orphanId}`,
        deleteCommand: `npx hosting-backups delete-backup kinsta/${live.environmentId}/${orphanId}`,
      }),
    ]);
    const clean = report.targets.find((t) => t.targetKey === `vpsorg/${web.serverId}`)!;
    expect(clean).toMatchObject({ freshness: "fresh", drillStatus: "ok", lastDrill: { status: "completed" } });
    expect(report.exceptions.filter((e) => e.targetKey === clean.targetKey)).toEqual([]);
  });

  it("shows retention, manual-cap use and Northflank schedules", () => {
    const target = (key: string) => report.targets.find((t) => t.targetKey === key)!;
    expect(target(`vpsorg/${web.serverId}`).retention).toEqual([expect.objectContaining({ keepLast: 5 })]);
    expect(target(`kinsta/${live.environmentId}`).manualCap).toEqual({ used: expect.any(Number), limit: 5 });
    expect(target(`kinsta/${live.environmentId}`).manualCap!.used).toBeGreaterThanOrEqual(2);
    expect(target(`northflank/${addon.projectId}/${addon.addonId}`).schedules).toEqual(
      expect.arrayContaining([expect.objectContaining({ interval: "daily", retentionDays: 14 })]),
    );
  });

  it("exits 1 on a breach, and 0 when the stacks read keep every promise", async () => {
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/5 targets in 4 stacks, \d+ vendor requests/);
    const shopOnly = await hostingBackups([
      "report",
      "--drill-every",
      "30d",
      "--stack",
      report.stacks.find((s) => s.endsWith("/shop"))!,
    ]);
    expect(shopOnly.stderr).toContain("0 breach(es)");
    expect(shopOnly.code).toBe(0);
    expect(shopOnly.stdout).toContain("**Every target keeps its freshness and drill interval.**");
  });

  it("writes Markdown naming each exception with its command", () => {
    const markdown = fs.readFileSync(path.join(work, "report.md"), "utf8");
    expect(markdown).toContain(`- **No fresh backup** — \`wpengine/${prod.installId}\``);
    expect(markdown).toContain(`- **Failed restore drill** — \`vpsorg/${db.serverId}\``);
    expect(markdown).toContain(`  - keep it: \`pulumi import hostingbackups:index:Backup adopted-${orphanId}`);
  });

  it("renders the HTML page in headless Chromium: the table and the chart", () => {
    const page = path.join(work, "report.html");
    const dom = dumpDom(page);
    expect(dom).toContain('<table id="targets">');
    expect((dom.match(/<tr class="[^"]*" data-target=/g) ?? []).length).toBe(5);
    expect(dom).toContain(`data-target="wpengine/${prod.installId}"`);
    expect(dom).toMatch(/<svg[^>]*id="timeline"/);
    const png = path.join(work, "report.png");
    screenshot(page, png);
    const pixels = decodePng(fs.readFileSync(png));
    expect(pixels.width).toBe(1280);
    // The chart's colours: newest-backup age bars (fresh green, breach red), drills (purple),
    // the promised-freshness band; the table's breach rows tinted.
    expect(countColour(pixels, "#2e9d55")).toBeGreaterThan(100);
    expect(countColour(pixels, "#d93025")).toBeGreaterThan(100);
    expect(countColour(pixels, "#7b3fe4")).toBeGreaterThan(20);
    expect(countColour(pixels, "#dff3e4", 4)).toBeGreaterThan(1000);
    expect(countColour(pixels, "#fff3f1", 3)).toBeGreaterThan(1000);
    // HB_REPORT_DOCS=docs regenerates docs/report.md's screenshot and example from this fleet.
    if (process.env.HB_REPORT_DOCS) {
      fs.copyFileSync(png, path.join(process.env.HB_REPORT_DOCS, "report-screenshot.png"));
      fs.copyFileSync(path.join(work, "report.md"), path.join(process.env.HB_REPORT_DOCS, "report-example.md"));
    }
  });
});

describe("a month later on the sandbox clock", () => {
  it("names the drill that is now overdue, and exits 1", async () => {
    const advanced = await sandbox.advance(31 * 24 * HOUR_MS);
    const at = (advanced.body as { now: string }).now;
    const run = await hostingBackups([
      "report",
      "--drill-every",
      "30d",
      "--at",
      at,
      "--format",
      "json",
      "--no-progress",
    ]);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.exceptions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: "drill-overdue",
          targetKey: `vpsorg/${web.serverId}`,
          breach: true,
          message: expect.stringMatching(/shop:web-drill started 3\d(\.\d)? days ago; the interval is 30 days/),
        }),
      ]),
    );
    expect(run.code).toBe(1);
  });
});
