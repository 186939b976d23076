/**
 * examples/fleet run as an agency would: the runner (a separate Node process, the real Pulumi
 * engine through the Automation API) against the sandbox's fleet accounts, on Pulumi's DIY
 * backend in a real PostgreSQL started here. Two runners on one inventory never update one
 * stack at once: the second waits for the first's lock (stack history shows the updates one
 * after the other), and no site gets a duplicate backup.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import pg from "pg";
import type { FleetAccount } from "../../sandbox/core/fleet";
import { PASSPHRASE, pulumiCommand } from "../support/pulumi";
import { startPostgres, type TestPostgres } from "../support/postgres";
import { startTestSandbox, type TestSandbox } from "../support/sandbox";

jest.setTimeout(900_000);

const programDir = path.resolve(__dirname, "../../examples/fleet");
const runnerPath = path.join(programDir, "runner", "runner.ts");
/** Stack names unique to this test process (their config files live in the shared example folder). */
const prefix = `f${process.pid}`;

interface StackReport {
  stack: string;
  status: "succeeded" | "failed" | "locked";
  backupsTaken: number;
  failures: number;
  waitedMs: number;
  error?: string;
}

let sandbox: TestSandbox;
let postgres: TestPostgres;
let work: string;
let fleet: FleetAccount[];
let env: Record<string, string>;

const accountOf = (name: string) => fleet.find((a) => a.name === name)!;
const credentials = (name: string) => {
  const { vendor, ...fields } = accountOf(name).account;
  return { [vendor]: { ...fields, baseUrl: sandbox.baseUrls[vendor] } };
};
const sitesOf = (name: string, tag: string) =>
  accountOf(name).targets.map((target, i) => ({
    name: `${tag}-${i + 1}`,
    target,
    notificationEmails: target.vendor === "wpengine" ? ["ops@example.com"] : undefined,
  }));

/** Three clients: Kinsta + Northflank, WP Engine, VPS.org (7 sites). */
const clients = () => [
  {
    name: `${prefix}-a`,
    credentials: { ...credentials("kinsta-fleet-1"), ...credentials("northflank-fleet-1") },
    sites: [...sitesOf("kinsta-fleet-1", "site"), ...sitesOf("northflank-fleet-1", "db").slice(0, 1)],
  },
  { name: `${prefix}-b`, credentials: credentials("wpengine-fleet-1"), sites: sitesOf("wpengine-fleet-1", "install") },
  { name: `${prefix}-c`, credentials: credentials("vpsorg-fleet-1"), sites: sitesOf("vpsorg-fleet-1", "server") },
];
const SITES_PER_CLIENT: Record<string, number> = { a: 3, b: 2, c: 2 };

function writeInventory(name: string, inventory: unknown): string {
  const file = path.join(work, name);
  writeFileSync(file, JSON.stringify(inventory, null, 2));
  return file;
}

/** Runs the runner as its own process; resolves its exit code, output and JSON report. */
function runRunner(args: string[], reportName: string) {
  const reportFile = path.join(work, reportName);
  return new Promise<{ code: number | null; stdout: string; stderr: string; reports: StackReport[] }>((resolve) => {
    const child = spawn(process.execPath, [runnerPath, ...args, "--report", reportFile], {
      env: { ...process.env, ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (code) => {
      let reports: StackReport[] = [];
      try {
        reports = JSON.parse(readFileSync(reportFile, "utf8")) as StackReport[];
      } catch {
        // No report: the assertions on `code` and `stderr` say why.
      }
      resolve({ code, stdout, stderr, reports });
    });
  });
}

async function selectStack(stackName: string) {
  return LocalWorkspace.selectStack(
    { workDir: programDir, stackName },
    {
      pulumiCommand: await pulumiCommand(),
      pulumiHome: env.PULUMI_HOME,
      envVars: {
        PULUMI_BACKEND_URL: postgres.url,
        PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
        PULUMI_SKIP_UPDATE_CHECK: "true",
      },
    },
  );
}

/** Every sandbox backup whose description carries `pre-release <release>`, by target. */
async function releaseBackups(release: string): Promise<Map<string, number>> {
  const state = (await sandbox.state()) as Record<string, Record<string, unknown[]>>;
  const counts = new Map<string, number>();
  const text = `pre-release ${release} `;
  const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const b of state.kinsta.backups as { environmentId: string; note: string }[])
    if (b.note.startsWith(text)) count(b.environmentId);
  for (const b of state.wpengine.backups as { installId: string; description: string }[])
    if (b.description.startsWith(text)) count(b.installId);
  for (const b of state.vpsorg.backups as { serverId: number; description: string }[])
    if (b.description.startsWith(text)) count(String(b.serverId));
  for (const b of state.northflank.backups as { projectId: string; addonId: string; name: string }[])
    if (b.name.startsWith(text)) count(`${b.projectId}/${b.addonId}`);
  return counts;
}

beforeAll(async () => {
  postgres = await startPostgres();
  sandbox = await startTestSandbox({ backupMs: 1000 });
  fleet = (await sandbox.admin<{ accounts: FleetAccount[] }>("POST", "/fleet", { accounts: 2, targetsPerAccount: 2 }))
    .accounts;
  work = mkdtempSync(path.join(tmpdir(), "hb-fleet-"));
  const { root } = await pulumiCommand().then((c) => ({ root: path.dirname(path.dirname(c.command)) }));
  env = {
    PATH: `${path.join(root, "bin")}${path.delimiter}${process.env.PATH ?? ""}`,
    PULUMI_HOME: path.join(work, "home"),
    PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  };
});

afterAll(async () => {
  await sandbox?.close();
  postgres?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
  for (const file of readdirSync(programDir)) {
    if (file.startsWith(`Pulumi.${prefix}-`)) rmSync(path.join(programDir, file));
  }
});

describe("examples/fleet runner on the PostgreSQL backend", () => {
  it("two runners on one inventory: one update of a stack at a time, the other waits; no duplicate backups", async () => {
    const inventory = writeInventory("inventory.json", { release: "r1", clients: clients() });
    const args = ["--inventory", inventory, "--workers", "2", "--backend", postgres.url];
    const [first, second] = await Promise.all([runRunner(args, "first.json"), runRunner(args, "second.json")]);
    expect({ code: first.code, stderr: first.code === 0 ? "" : first.stderr }).toEqual({ code: 0, stderr: "" });
    expect({ code: second.code, stderr: second.code === 0 ? "" : second.stderr }).toEqual({ code: 0, stderr: "" });

    for (const [suffix, sites] of Object.entries(SITES_PER_CLIENT)) {
      const name = `${prefix}-${suffix}`;
      const mine = [first, second].map((run) => run.reports.find((r) => r.stack === name)!);
      expect(mine.map((r) => r.status)).toEqual(["succeeded", "succeeded"]);
      // One runner took the backups; the other, after waiting, found nothing to do.
      expect(mine.map((r) => r.backupsTaken).sort()).toEqual([0, sites]);

      // Pulumi's own record: two updates, both succeeded, the second started after the first ended.
      const stack = await selectStack(name);
      const history = (await stack.history()).filter((u) => u.kind === "update");
      expect(history.map((u) => u.result)).toEqual(["succeeded", "succeeded"]);
      const [earlier, later] = [...history].sort((x, y) => x.startTime.getTime() - y.startTime.getTime());
      expect(later.startTime.getTime()).toBeGreaterThanOrEqual(earlier.endTime!.getTime());

      // The state is whole: one Backup per site, each completed.
      const outputs = await stack.outputs();
      expect(outputs.siteBackups.value).toHaveLength(sites);
      for (const backup of outputs.siteBackups.value as { status: string }[]) expect(backup.status).toBe("completed");
    }
    // Both runners started on the same first two stacks: at least one of them waited for the other.
    const waits = [...first.reports, ...second.reports].filter((r) => r.waitedMs > 0);
    expect(waits.length).toBeGreaterThan(0);
    expect(first.stderr + second.stderr).toMatch(/another runner is updating this stack; waiting for it/);

    // At the vendors: exactly one backup per site for this release.
    const counts = await releaseBackups("r1");
    expect([...counts.values()]).toEqual(Array(7).fill(1));
  });

  it("--lock fail reports a stack another runner holds as locked, a refused credential as failed, and exits 1", async () => {
    const broken = {
      name: `${prefix}-bad`,
      credentials: { kinsta: { apiKey: "not-a-kinsta-key", baseUrl: sandbox.baseUrls.kinsta } },
      sites: sitesOf("kinsta-fleet-2", "site"),
    };
    const inventory = writeInventory("inventory-2.json", { release: "r2", clients: [...clients(), broken] });
    // Another runner (this test) holds client b's lock, on its own database session.
    const holder = new pg.Client({ connectionString: postgres.url });
    await holder.connect();
    await holder.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [
      `pulumi-hosting-backups/fleet/${prefix}-b`,
    ]);
    let run: Awaited<ReturnType<typeof runRunner>>;
    try {
      run = await runRunner(
        ["--inventory", inventory, "--workers", "2", "--backend", postgres.url, "--lock", "fail"],
        "locked.json",
      );
    } finally {
      await holder.end();
    }
    expect(run.code).toBe(1);
    const byStack = Object.fromEntries(run.reports.map((r) => [r.stack.slice(prefix.length + 1), r]));
    expect(byStack.a).toMatchObject({ status: "succeeded", backupsTaken: 3, failures: 0 });
    expect(byStack.b).toMatchObject({ status: "locked", backupsTaken: 0 });
    expect(byStack.b.error).toMatch(/another runner is updating this stack/);
    expect(byStack.c).toMatchObject({ status: "succeeded", backupsTaken: 2 });
    expect(byStack.bad).toMatchObject({ status: "failed", backupsTaken: 0 });
    expect(byStack.bad.failures).toBeGreaterThanOrEqual(1);
    expect(byStack.bad.error).toMatch(/401|credential|API key/i);
    expect(run.stdout).toMatch(/4 stacks, 5 backups taken, 2 not succeeded/);

    // The locked stack was not touched: still its two r1 updates, and no r2 backups on its installs.
    const history = (await (await selectStack(`${prefix}-b`)).history()).filter((u) => u.kind === "update");
    expect(history).toHaveLength(2);
    const r2 = await releaseBackups("r2");
    for (const target of accountOf("wpengine-fleet-1").targets) expect(r2.get(target.installId)).toBeUndefined();
    expect([...r2.values()]).toEqual(Array(5).fill(1));
  });
});
