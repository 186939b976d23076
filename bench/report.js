// The report at fleet scale (docs/report.md#measured): the sandbox seeds BENCH_REPORT_FLEET
// ("4x4": 4 accounts per vendor, 4 targets each = 64 targets over the four vendors), the
// fleet example's runner (examples/fleet) backs up every target with one stack per account,
// then `hosting-backups report` reads every stack and lists every target, BENCH_REPORT_RUNS
// times. Backend: BENCH_REPORT_BACKEND (e.g. a postgres:// URL), else a fresh file backend.
// Prints the figures and writes bench/report-results.json. Figures, not pass/fail.
const { execFile } = require("node:child_process");
const { promisify } = require("node:util");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { startSandbox } = require("../dist/sandbox");
const { adminClient } = require("../test/support/admin.ts");

const repo = path.resolve(__dirname, "..");
const [accounts, targetsPerAccount] = (process.env.BENCH_REPORT_FLEET ?? "4x4").split("x").map(Number);
const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 3);
// Asynchronous: the sandbox answers from this very process, so a synchronous child would starve it.
const run = promisify(execFile);
const log = (text) => process.stderr.write(`[bench:report] ${text}\n`);

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "hb-bench-report-"));
  const backend = process.env.BENCH_REPORT_BACKEND ?? `file://${path.join(work, "state")}`;
  if (backend.startsWith("file://")) fs.mkdirSync(backend.slice("file://".length), { recursive: true });
  const sandbox = await startSandbox({ port: 0, backupMs: 0, restoreMs: 0, fleet: { accounts, targetsPerAccount } });
  const root = fs.readFileSync(path.join(repo, ".tools/pulumi-root"), "utf8").trim();
  const env = {
    ...process.env,
    PATH: `${path.join(root, "bin")}${path.delimiter}${path.join(repo, ".tools/bin")}${path.delimiter}${process.env.PATH}`,
    PULUMI_HOME: path.join(work, "home"),
    PULUMI_CONFIG_PASSPHRASE: "bench",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  };
  try {
    const fleet = (await adminClient(sandbox.url).json("GET", "/fleet")).accounts;
    const clients = fleet.map((a) => {
      const { vendor, ...fields } = a.account;
      return {
        name: `bench-${a.name}`,
        credentials: { [vendor]: { ...fields, baseUrl: sandbox.baseUrls[vendor] } },
        sites: a.targets.map((target, i) => ({
          name: `site-${i + 1}`,
          target,
          notificationEmails: vendor === "wpengine" ? ["ops@example.com"] : undefined,
        })),
      };
    });
    const inventory = path.join(work, "inventory.json");
    fs.writeFileSync(inventory, JSON.stringify({ release: "bench", clients }, null, 2));
    const targets = clients.reduce((n, c) => n + c.sites.length, 0);
    log(`${clients.length} stacks, ${targets} targets: running the fleet runner (one Backup per target)`);
    const started = Date.now();
    await run(
      process.execPath,
      [
        path.join(repo, "examples/fleet/runner/runner.ts"),
        "--inventory",
        inventory,
        "--workers",
        "4",
        "--backend",
        backend,
      ],
      { env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
    );
    log(`fleet up in ${Math.round((Date.now() - started) / 1000)} s`);

    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const begin = Date.now();
      const { stdout: out } = await run(
        process.execPath,
        [
          path.join(repo, "dist/provider/report/cli.js"),
          "report",
          "--backend",
          backend,
          "--credentials",
          inventory,
          "--rpo",
          "24h",
          "--format",
          "json",
          "--no-progress",
        ],
        { env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
      );
      const wallMs = Date.now() - begin;
      const report = JSON.parse(out);
      const byVendor = {};
      for (const t of report.targets) (byVendor[t.vendor] ??= []).push(t.requests);
      runs.push({
        wallSeconds: wallMs / 1000,
        stacks: report.stacks.length,
        targets: report.targets.length,
        requests: report.totals.requests,
        requestsPerTarget: report.totals.requests / report.targets.length,
        requestsPerTargetByVendor: Object.fromEntries(
          Object.entries(byVendor).map(([v, list]) => [v, list.reduce((a, b) => a + b, 0) / list.length]),
        ),
        breaches: report.totals.breaches,
      });
      log(`run ${i + 1}: ${JSON.stringify(runs[runs.length - 1])}`);
    }
    const result = {
      fleet: `${accounts}x${targetsPerAccount}`,
      backend: backend.split(":")[0],
      cpus: os.cpus().length,
      runs,
    };
    fs.writeFileSync(path.join(__dirname, "report-results.json"), `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await sandbox.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
