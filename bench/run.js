// npm run bench: the provider's cost on the real engine against the sandbox (zero completion
// delay), next to N no-op dynamic resources on the same engine (the floor).
// Prints a table and writes bench/results.json. Figures, not pass/fail.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { LocalWorkspace, PulumiCommand } = require("@pulumi/pulumi/automation");
const { startSandbox } = require("../dist/sandbox");
const { routes: northflankRoutes } = require("../dist/provider/vendors/northflank/contract");
// The tests' admin client, seed and call patterns (Node strips the types of this one file).
const { adminClient, matching, patternOf } = require("../test/support/admin.ts");
// Release-gate case: its own module, sandbox and program (hook in main()).
const { measureReleaseGate, releaseGateTable } = require("./release-gate");

const repo = path.resolve(__dirname, "..");
const sizes = (process.env.BENCH_SIZES ?? "50,200").split(",").map(Number);

async function timed(fn) {
  const start = process.hrtime.bigint();
  const result = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);

const median = (times) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];

/** Median wall time of `REPEATS` runs of an operation that leaves the stack as it was. */
async function medianMs(fn) {
  const times = [];
  for (let i = 0; i < REPEATS; i++) times.push((await timed(fn)).ms);
  return median(times);
}

/**
 * Median wall time of `REPEATS` `up`s that create everything (a `destroy` between them, not
 * timed). `afterFirst` runs once, right after the first `up` (e.g. to read the request log).
 */
async function medianUpMs(stack, afterFirst) {
  const times = [];
  for (let i = 0; i < REPEATS; i++) {
    if (i > 0) await stack.destroy();
    times.push((await timed(() => stack.up())).ms);
    if (i === 0 && afterFirst) await afterFirst();
  }
  return median(times);
}

async function stackFor(program, env) {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "hb-bench-"));
  const root = fs.readFileSync(path.join(repo, ".tools/pulumi-root"), "utf8").trim();
  const stack = await LocalWorkspace.createStack(
    { workDir: path.join(__dirname, "programs", program), stackName: "bench" },
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
  return { stack, stateDir };
}

async function measureFloor(n) {
  const { stack, stateDir } = await stackFor("noop", {});
  await stack.setConfig("count", { value: String(n) });
  const up = await medianUpMs(stack);
  const preview = await medianMs(() => stack.preview());
  const refresh = await medianMs(() => stack.refresh());
  await stack.destroy();
  fs.rmSync(stateDir, { recursive: true, force: true });
  return { up, preview, refresh };
}

async function measureBackups(sandbox, seed, n) {
  const env = {
    NORTHFLANK_API_URL: sandbox.baseUrls.northflank,
    NORTHFLANK_API_TOKEN: seed.northflank.token,
  };
  const { stack, stateDir } = await stackFor("backups", env);
  await stack.setConfig("count", { value: String(n) });
  await stack.setConfig("target", { value: JSON.stringify({ vendor: "northflank", ...seed.northflank.addons[0] }) });
  await adminClient(sandbox.url).clearRequests();
  let upRequests = 0;
  const up = await medianUpMs(stack, async () => {
    upRequests = (await adminClient(sandbox.url).requests()).length;
  });
  const preview = await medianMs(() => stack.preview());
  await adminClient(sandbox.url).clearRequests();
  await stack.refresh();
  const refreshRequests = (await adminClient(sandbox.url).requests()).length;
  const refreshMedian = await medianMs(() => stack.refresh());
  const exported = await stack.exportStack();
  const backups = exported.deployment.resources.filter((r) => r.type.endsWith("hostingbackups:Backup"));
  const stateBytes = backups.reduce((sum, r) => sum + JSON.stringify(r).length, 0) / backups.length;
  await stack.destroy();
  fs.rmSync(stateDir, { recursive: true, force: true });
  return { up, preview, refresh: refreshMedian, upRequests, refreshRequests, stateBytes };
}

async function measureCompletion(sandbox, seed, delayMs) {
  await adminClient(sandbox.url).timing({ backupMs: delayMs });
  const env = { NORTHFLANK_API_URL: sandbox.baseUrls.northflank, NORTHFLANK_API_TOKEN: seed.northflank.token };
  const { stack, stateDir } = await stackFor("backups", env);
  await stack.setConfig("count", { value: "1" });
  await stack.setConfig("target", { value: JSON.stringify({ vendor: "northflank", ...seed.northflank.addons[0] }) });
  await adminClient(sandbox.url).clearRequests();
  await stack.up();
  const log = await adminClient(sandbox.url).requests();
  const prefix = sandbox.baseUrls.northflank.slice(sandbox.url.length);
  const [create] = matching(log, patternOf(prefix, northflankRoutes.createBackup));
  // Backups in flight poll through the target's shared list (or a get): every read after the create.
  const polls = [northflankRoutes.listBackups, northflankRoutes.getBackup]
    .flatMap((route) => matching(log, patternOf(prefix, route)))
    .filter((r) => Date.parse(r.at) > Date.parse(create.at))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const createdAt = Date.parse(create.at);
  const completedAt = createdAt + delayMs;
  const lastPoll = Date.parse(polls[polls.length - 1].at);
  await stack.destroy();
  fs.rmSync(stateDir, { recursive: true, force: true });
  await adminClient(sandbox.url).timing({ backupMs: 0 });
  return { polls: polls.length, noticedAfterMs: lastPoll - completedAt };
}

async function main() {
  const sandbox = await startSandbox({ port: 0, backupMs: 0, restoreMs: 0 });
  const seed = await adminClient(sandbox.url).seed();
  // The engine's overhead is what is measured here, not Northflank's 1000 requests/hour
  // (which 250 backups and their refreshes would exceed: the provider then fails cleanly).
  await adminClient(sandbox.url).timing({ rateLimit: { northflank: null } });
  const rows = [];
  try {
    // One throwaway run first: the first engine start of a process pays for cold caches.
    process.stderr.write(`[bench] warm-up…\n`);
    await measureFloor(5);
    for (const n of sizes) {
      process.stderr.write(`[bench] N=${n}: floor…\n`);
      const floor = await measureFloor(n);
      process.stderr.write(`[bench] N=${n}: backups…\n`);
      const backups = await measureBackups(sandbox, seed, n);
      rows.push({ n, floor, backups });
    }
    process.stderr.write(`[bench] completion with a 5 s delay…\n`);
    const completion = await measureCompletion(sandbox, seed, 5000);
    // --- release-gate hook (bench/release-gate.js); BENCH_RELEASE_GATE=off skips it ---
    const releaseGate = process.env.BENCH_RELEASE_GATE === "off" ? undefined : await measureReleaseGate();
    // --- end of release-gate hook ---
    const results = {
      machine: {
        cpus: os.cpus().length,
        cpu: os.cpus()[0]?.model,
        memGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
      },
      at: new Date().toISOString(),
      rows,
      completion,
      releaseGate,
    };
    fs.writeFileSync(path.join(__dirname, "results.json"), JSON.stringify(results, null, 2));
    const s = (ms) => `${(ms / 1000).toFixed(1)}s`;
    console.log("\n| N | op | backups | floor | ratio |\n|---|---|---|---|---|");
    for (const { n, floor, backups } of rows) {
      for (const op of ["up", "preview", "refresh"]) {
        console.log(`| ${n} | ${op} | ${s(backups[op])} | ${s(floor[op])} | ${(backups[op] / floor[op]).toFixed(2)} |`);
      }
    }
    console.log(
      "\n| N | state bytes/resource | API requests/resource (up) | API requests (refresh) | refresh budget N/10+2 |\n|---|---|---|---|---|",
    );
    for (const { n, backups } of rows) {
      console.log(
        `| ${n} | ${Math.round(backups.stateBytes)} | ${(backups.upRequests / n).toFixed(2)} | ${backups.refreshRequests} | ${n / 10 + 2} |`,
      );
    }
    console.log(
      `\nCompletion with a 5 s delay: ${completion.polls} polls; noticed ${completion.noticedAfterMs} ms after completion (target ≤ 1500 ms)`,
    );
    if (releaseGate) console.log(releaseGateTable(releaseGate));
  } finally {
    await sandbox.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
