/**
 * The end of a test run (scripts/test.sh, .ci/run): reads jest's `--json` results (one file
 * per jest run), prints the ten slowest test files and, as its last line, "N passed, N failed,
 * N skipped" over all of them. `--summary` prints that line only.
 * Run: `node scripts/test-report.ts [--summary] <results.json>...` (Node >= 22.18 strips the types).
 */
import * as fs from "node:fs";
import * as path from "node:path";

interface FileResult {
  name: string;
  startTime: number;
  endTime: number;
  status: string;
  assertionResults: unknown[];
}
interface JestResults {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numRuntimeErrorTestSuites: number;
  testResults: FileResult[];
}

const args = process.argv.slice(2);
const summaryOnly = args[0] === "--summary";
const files = summaryOnly ? args.slice(1) : args;
// The file is read as JSON (not `require`, which would treat an extension-less path as JavaScript).
const runs = files.filter((f) => fs.existsSync(f)).map((f) => JSON.parse(fs.readFileSync(f, "utf8")) as JestResults);
const sum = (pick: (r: JestResults) => number) => runs.reduce((n, r) => n + pick(r), 0);

if (!summaryOnly) {
  const repo = path.resolve(path.dirname(process.argv[1]), "..");
  const timed = runs
    .flatMap((r) => r.testResults)
    .map((t) => ({ file: path.relative(repo, t.name), ms: t.endTime - t.startTime, tests: t.assertionResults.length }))
    .sort((a, b) => b.ms - a.ms);
  console.log("Slowest test files (wall time of each file in its worker):");
  for (const t of timed.slice(0, 10))
    console.log(`  ${(t.ms / 1000).toFixed(1).padStart(7)} s  ${t.file} (${t.tests} tests)`);
  const crashed = sum((r) => r.numRuntimeErrorTestSuites);
  if (crashed > 0) console.log(`${crashed} test file(s) failed to run`);
}
// A file that failed to run counts as a failure, so the line never reads "0 failed" then.
const failed = sum((r) => r.numFailedTests) + sum((r) => r.numRuntimeErrorTestSuites);
console.log(
  `${sum((r) => r.numPassedTests)} passed, ${failed} failed, ${sum((r) => r.numPendingTests + r.numTodoTests)} skipped`,
);
