// What every benchmark case shares: timing, stacks on the project's Pulumi CLI with a fresh
// file backend, and the description of the run (commit, machine, versions) that results carry.
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { LocalWorkspace, PulumiCommand } = require("@pulumi/pulumi/automation");

const repo = path.resolve(__dirname, "..");
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);

async function timed(fn) {
  const start = process.hrtime.bigint();
  const result = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

const median = (times) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];

/** Median wall time of `repeats` (BENCH_REPEATS, 3) runs of an operation that leaves the stack as it was. */
async function medianMs(fn, repeats = REPEATS) {
  const times = [];
  for (let i = 0; i < repeats; i++) times.push((await timed(fn)).ms);
  return median(times);
}

/**
 * Median wall time of `repeats` `up`s that create everything (a `destroy` between them, not
 * timed). `afterFirst` runs once, right after the first `up` (e.g. to read the request log).
 */
async function medianUpMs(stack, afterFirst, repeats = REPEATS) {
  const times = [];
  for (let i = 0; i < repeats; i++) {
    if (i > 0) await stack.destroy();
    times.push((await timed(() => stack.up())).ms);
    if (i === 0 && afterFirst) await afterFirst();
  }
  return median(times);
}

let command;
/** The project's Pulumi CLI (scripts/ensure-pulumi.sh). */
function pulumiCommand() {
  if (!command) {
    const root = fs.readFileSync(path.join(repo, ".tools/pulumi-root"), "utf8").trim();
    command = PulumiCommand.get({ root });
  }
  return command;
}

/** A stack of the program in `workDir` with its own file backend; `cleanup` removes both. */
async function stackFor(workDir, env = {}, stackName = "bench") {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "hb-bench-"));
  const stack = await LocalWorkspace.createStack(
    { workDir, stackName },
    {
      pulumiCommand: await pulumiCommand(),
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
  return {
    stack,
    stateDir,
    async cleanup() {
      await stack.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** Average bytes of the state entries of resources whose type ends with `type`. */
async function stateBytesPer(stack, type) {
  const exported = await stack.exportStack();
  const resources = exported.deployment.resources.filter((r) => r.type.endsWith(type));
  return resources.reduce((sum, r) => sum + JSON.stringify(r).length, 0) / resources.length;
}

function git(args) {
  return execFileSync("git", args, { cwd: repo, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
}

/**
 * What a result was measured on: the commit (and whether the work tree differed from it,
 * results and generated docs aside), the machine, Node and Pulumi, when, and the load.
 */
async function runDescription() {
  let commit = "unknown";
  let dirty;
  try {
    commit = git(["rev-parse", "HEAD"]);
    const generated = [":!bench/results.json", ":!bench/fleet-results.json", ":!docs/benchmarks.md"];
    dirty = git(["status", "--porcelain", "--untracked-files=no", "--", ".", ...generated]) !== "";
  } catch {
    // Not a git checkout (a tarball): the commit stays unknown.
  }
  let pulumi = "unknown";
  try {
    pulumi = String((await pulumiCommand()).version ?? "unknown");
  } catch {
    // No CLI: the cases that need it fail on their own and say why.
  }
  const cpus = os.cpus();
  return {
    commit,
    ...(dirty === undefined ? {} : { dirty }),
    machine: {
      cpu: cpus[0]?.model?.trim() ?? "unknown",
      cores: cpus.length,
      memGiB: Math.round(os.totalmem() / 2 ** 30),
      os: `${os.platform()} ${os.release()} ${os.arch()}`,
    },
    node: process.version,
    pulumi,
    at: new Date().toISOString(),
    loadAverage: { start: Number(os.loadavg()[0].toFixed(2)) },
    ...(process.env.BENCH_NOTE ? { note: process.env.BENCH_NOTE } : {}),
  };
}

/** Finishes a run description: the load average at the end. */
function finishDescription(description) {
  description.loadAverage.end = Number(os.loadavg()[0].toFixed(2));
  return description;
}

const log = (part) => (text) => process.stderr.write(`[${part}] ${text}\n`);

module.exports = {
  repo,
  REPEATS,
  timed,
  median,
  medianMs,
  medianUpMs,
  pulumiCommand,
  stackFor,
  stateBytesPer,
  runDescription,
  finishDescription,
  log,
};
