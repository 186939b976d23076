// npm run bench (run part): the provider's cost on the real engine against the sandbox (zero
// completion delay, no rate limit), next to N no-op dynamic resources on the same engine (the
// floor). Runs every case of `cases` below in turn, prints their tables and writes
// bench/results.json (with the commit, machine, Node and Pulumi versions). A case that fails
// is recorded with its error and the run goes on. Figures, not pass/fail.
//
// Adding a case: a module in bench/cases/ exporting `{ name, title, run(ctx) }`, where `run`
// resolves a JSON-able result (stored as results.cases[name]); add it to `cases`, and its
// table to bench/figures.ts (`caseSections`), which prints it here and in docs/benchmarks.md.
// `ctx` gives the sandbox, its seed, the sizes, `floor(n)` (measured once per N, shared by
// the cases) and `log`. BENCH_CASES=dynamic,plugin runs some cases only.
const fs = require("node:fs");
const path = require("node:path");
const { startSandbox } = require("../dist/sandbox");
const { adminClient } = require("../test/support/admin.ts");
const { floorOf } = require("./cases/floor");
const { runDescription, finishDescription, log: logFor } = require("./lib");
const { runTables } = require("./figures.ts");

const cases = [
  require("./cases/dynamic"),
  require("./cases/plugin"),
  require("./cases/completion"),
  require("./cases/release-gate"),
];

const log = logFor("bench");
const sizes = (process.env.BENCH_SIZES ?? "50,200").split(",").map(Number);
const only = process.env.BENCH_CASES?.split(",");

async function main() {
  const description = await runDescription();
  const sandbox = await startSandbox({ port: 0, backupMs: 0, restoreMs: 0 });
  const seed = await adminClient(sandbox.url).seed();
  // The engine's overhead is what is measured here, not Northflank's 1000 requests/hour
  // (which 250 backups and their refreshes would exceed: the provider then fails cleanly).
  await adminClient(sandbox.url).timing({ rateLimit: { northflank: null } });
  const floors = {};
  const results = { ...description, repeats: Number(process.env.BENCH_REPEATS ?? 3), sizes, floor: floors, cases: {} };
  try {
    // One throwaway run first: the first engine start of a process pays for cold caches.
    log("warm-up…");
    await floorOf(5, 1).catch((error) => log(`warm-up failed: ${error.message}`));
    const ctx = {
      sandbox,
      seed,
      sizes,
      log,
      async floor(n) {
        floors[n] ??= await floorOf(n);
        return floors[n];
      },
    };
    for (const benchCase of cases) {
      if (only && !only.includes(benchCase.name)) continue;
      log(`${benchCase.title}…`);
      try {
        results.cases[benchCase.name] = await benchCase.run(ctx);
      } catch (error) {
        log(`${benchCase.name} failed: ${error.stack ?? error}`);
        results.cases[benchCase.name] = { error: String(error.message ?? error).slice(-2000) };
      }
    }
  } finally {
    await sandbox.close();
  }
  finishDescription(results);
  fs.writeFileSync(path.join(__dirname, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
  console.log(runTables(results));
  const failed = Object.entries(results.cases).filter(([, r]) => r.error);
  if (failed.length > 0) log(`failed cases: ${failed.map(([name]) => name).join(", ")} (see results.json)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
