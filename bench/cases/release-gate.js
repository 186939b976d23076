// npm run bench (release-gate case): a release pipeline's pre-release backups at the engine's
// DEFAULT parallelism (4 × cores), 100 Kinsta sites on one account whose backups take 3
// minutes each, today's way (each Backup waits for its own backup and holds an engine slot)
// against a BackupGate (Backups return once accepted; one gate waits for all at once).
//
// The sandbox clock runs BENCH_GATE_CLOCK_RATE (20) times faster than real time, so a 3-minute
// backup takes 9 s; figures are given in sandbox minutes (real time × rate). Kinsta's
// documented limit (120 requests per minute) holds in sandbox time on both sides: the sandbox
// enforces it per sandbox minute, and the account's `rateLimit` is scaled to real time for the
// provider. The provider's own poll intervals (250 ms growing to 5 s) are real time, so each
// "noticed the completion" delay counts rate × larger in sandbox minutes than it would for real.
//
// A case of bench/run.js (`BENCH_CASES=releaseGate` runs it alone; its table is in bench/figures.ts).
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { LocalWorkspace, PulumiCommand } = require("@pulumi/pulumi/automation");
const { startSandbox } = require("../../dist/sandbox");
const { adminClient } = require("../../test/support/admin.ts");

const repo = path.resolve(__dirname, "../..");
const SITES = Number(process.env.BENCH_GATE_SITES ?? 100);
const BACKUP_MINUTES = Number(process.env.BENCH_GATE_BACKUP_MINUTES ?? 3);
const RATE = Number(process.env.BENCH_GATE_CLOCK_RATE ?? 20);
/** Kinsta's documented limit, per sandbox minute. */
const KINSTA_LIMIT = { requests: 120, windowMs: 60_000 };
const log = (text) => process.stderr.write(`[bench:release-gate] ${text}\n`);

async function stackFor(env, config) {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "hb-bench-gate-"));
  const root = fs.readFileSync(path.join(repo, ".tools/pulumi-root"), "utf8").trim();
  const stack = await LocalWorkspace.createStack(
    { workDir: path.join(__dirname, "..", "programs", "release-gate"), stackName: `gate${process.pid}` },
    {
      pulumiCommand: await PulumiCommand.get({ root }),
      pulumiHome: path.join(stateDir, "home"),
      envVars: {
        PULUMI_BACKEND_URL: `file://${stateDir}`,
        PULUMI_CONFIG_PASSPHRASE: "bench",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        ...env,
      },
    },
  );
  await stack.setAllConfig(config);
  return {
    stack,
    async cleanup() {
      await stack.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

const sandboxMinutes = (realMs) => (realMs * RATE) / 60_000;

/** One `up` of the release (no `--parallel`: the engine's default), timed; then a destroy. */
async function releaseUp(sandbox, gate) {
  const admin = adminClient(sandbox.url);
  await admin.reset();
  const { accounts } = await admin.json("GET", "/fleet");
  const [fleet] = accounts;
  const account = {
    ...fleet.account,
    baseUrl: sandbox.baseUrls.kinsta,
    // The documented limit in sandbox time is RATE × as many requests per real second.
    rateLimit: { requests: KINSTA_LIMIT.requests, perSeconds: KINSTA_LIMIT.windowMs / 1000 / RATE },
  };
  const backups = fleet.targets
    .slice(0, SITES)
    .map((target, i) => [`site-${i}`, { target, account: fleet.name, description: "pre-release", triggers: ["v1"] }]);
  const { stack, cleanup } = await stackFor(
    {},
    {
      "hosting-backups:accounts": { value: JSON.stringify({ [fleet.name]: account }), secret: true },
      "bench-release-gate:backups": { value: JSON.stringify(backups) },
      "bench-release-gate:gate": { value: String(gate) },
    },
  );
  try {
    await admin.clearRequests();
    const started = Date.now();
    const outcome = await stack.up().then(
      (up) => ({ result: up.summary.result }),
      (error) => ({ result: "failed", error: String(error.message ?? error).slice(-600) }),
    );
    const wallMs = Date.now() - started;
    const requests = await admin.requests();
    await stack.destroy().catch(() => undefined);
    return {
      design: gate ? "BackupGate" : "per-resource",
      ...outcome,
      realSeconds: wallMs / 1000,
      sandboxMinutes: sandboxMinutes(wallMs),
      requests: requests.length,
      status429: requests.filter((r) => r.status === 429).length,
    };
  } finally {
    await cleanup();
  }
}

/** Both designs on one sandbox: 100 Kinsta environments on one account, 3-minute backups. */
async function measureReleaseGate() {
  const sandbox = await startSandbox({
    port: 0,
    backupMs: BACKUP_MINUTES * 60_000,
    restoreMs: 0,
    clockRate: RATE,
    fleet: { accounts: 1, targetsPerAccount: SITES, vendors: ["kinsta"] },
    rateLimit: { kinsta: { limit: KINSTA_LIMIT.requests, windowMs: KINSTA_LIMIT.windowMs } },
  });
  try {
    const slots = 4 * os.cpus().length;
    const rows = [];
    for (const gate of [false, true]) {
      log(`${SITES} sites, ${BACKUP_MINUTES}-minute backups, ${gate ? "BackupGate" : "per-resource waiting"}…`);
      rows.push(await releaseUp(sandbox, gate));
    }
    // The least each design could take: the backups' time plus Kinsta's limit on the requests
    // a Backup needs at least (a look-up for an earlier run's backup, the create).
    const limitMinutes = Math.max(0, Math.ceil((2 * SITES) / KINSTA_LIMIT.requests) - 1);
    return {
      sites: SITES,
      vendor: "kinsta",
      accounts: 1,
      backupMinutes: BACKUP_MINUTES,
      clockRate: RATE,
      parallelism: `engine default (4 × ${os.cpus().length} cores = ${slots})`,
      inLineMinutes: Math.ceil(SITES / slots) * BACKUP_MINUTES,
      floorMinutes: BACKUP_MINUTES + limitMinutes,
      rows,
    };
  } finally {
    await sandbox.close();
  }
}

module.exports = {
  name: "releaseGate",
  title: `release gate: ${SITES} sites, ${BACKUP_MINUTES}-minute backups, both designs`,
  run: () => measureReleaseGate(),
};
