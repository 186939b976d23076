/**
 * The benchmark's results as tables, figures and docs: one reader for the console
 * (bench/run.js, bench/fleet.js), `npm run bench -- --compare <previous>` and
 * docs/benchmarks.md, which is generated from bench/results.json and bench/fleet-results.json
 * (`npm run bench:docs`; test/unit/bench-docs.test.ts fails when it is stale). Only node:
 * imports, so plain Node runs it (type stripping).
 *
 *   node bench/figures.ts docs                      write docs/benchmarks.md from the results files
 *   node bench/figures.ts compare <file|dir|rev>    each figure beside a previous run's
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** What every results file says about its run (bench/lib.js `runDescription`). */
export interface RunDescription {
  commit?: string;
  dirty?: boolean;
  machine?: { cpu?: string; cores?: number; cpus?: number; memGiB?: number; os?: string; node?: string };
  node?: string;
  pulumi?: string;
  at?: string;
  loadAverage?: { start?: number; end?: number };
  note?: string;
}

interface Timings {
  up: number;
  preview: number;
  refresh: number;
}

export interface StackRow extends Timings {
  n: number;
  upRequestsPerBackup: number;
  refreshRequests: number;
  stateBytes: number;
}

type Failed = { error: string };

export interface RunResults extends RunDescription {
  repeats?: number;
  sizes?: number[];
  floor: Record<string, Timings>;
  cases: {
    dynamic?: { rows: StackRow[] } | Failed;
    plugin?: { startupMs: number; rows: StackRow[] } | Failed;
    completion?: { delayMs: number; polls: number; noticedAfterMs: number } | Failed;
    releaseGate?: ReleaseGateResult | Failed;
    [name: string]: unknown;
  };
}

export interface FleetRow {
  scenario: string;
  backups: number;
  error?: string;
  result?: string;
  wallMs?: number;
  failed?: number;
  requests?: number;
  perBackup?: number;
  status429?: number;
  minimumMs?: number;
  ratio?: number;
  marked?: number;
  duplicates?: number;
  limit?: string;
  accounts?: number;
  first?: { result: string; wallMs: number; failed: number };
  rerun?: { result: string; wallMs: number; failed: number };
  injected?: Record<string, number>;
}

export interface FleetResults extends RunDescription {
  rows: FleetRow[];
}

/** The N and operations whose ratio to the floor has a target (issue 23: within 1.2×). */
const RATIO_TARGET = 1.2;
const hasRatioTarget = (caseName: string, n: number, op: string) =>
  caseName === "dynamic" && n === 200 && (op === "up" || op === "preview");
/** A completion with a 5 s delay is noticed within 1 s + 10 %. */
const completionTargetMs = (delayMs: number) => 1_000 + delayMs * 0.1;

const isFailed = (value: unknown): value is Failed =>
  typeof value === "object" && value !== null && "error" in value && typeof value.error === "string";

/**
 * A results file of the run part in today's shape. Files written before results carried their
 * commit (one `rows` list of `{ n, floor, backups }`) are read too, so they can be compared.
 */
export function normalizeRun(raw: unknown): RunResults {
  const results = raw as RunResults & {
    rows?: { n: number; floor: Timings; backups: Timings & Record<string, number> }[];
    completion?: { polls: number; noticedAfterMs: number };
  };
  if (results.cases) return results;
  const floor: Record<string, Timings> = {};
  for (const row of results.rows ?? []) floor[row.n] = row.floor;
  return {
    ...results,
    floor,
    cases: {
      dynamic: {
        rows: (results.rows ?? []).map(({ n, backups }) => ({
          n,
          up: backups.up,
          preview: backups.preview,
          refresh: backups.refresh,
          upRequestsPerBackup: backups.upRequests / n,
          refreshRequests: backups.refreshRequests,
          stateBytes: backups.stateBytes,
        })),
      },
      ...(results.completion ? { completion: { delayMs: 5_000, ...results.completion } } : {}),
    },
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const fixed = (value: number, digits = 2) => value.toFixed(digits);
const thousands = (value: number) => String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
const mark = (ok: boolean) => (ok ? "✔" : "✘");

/** The ratio rows of one stack case: N, op, wall time, floor, ratio, target. */
function ratioTable(caseName: string, rows: StackRow[], floor: Record<string, Timings>): string[] {
  const lines = ["| N | op | Backups | no-op floor | ratio | target |", "|---|---|---|---|---|---|"];
  for (const row of rows) {
    for (const op of ["up", "preview", "refresh"] as const) {
      const base = floor[row.n]?.[op];
      const ratio = base ? row[op] / base : Number.NaN;
      const target = hasRatioTarget(caseName, row.n, op)
        ? `≤ ${RATIO_TARGET} ${mark(ratio <= RATIO_TARGET)}`
        : "(figure to watch)";
      lines.push(
        `| ${row.n} | ${op} | ${seconds(row[op])} | ${base ? seconds(base) : "?"} | ${fixed(ratio)} | ${target} |`,
      );
    }
  }
  return lines;
}

function costTable(rows: StackRow[]): string[] {
  const lines = [
    "| N | state bytes per Backup | vendor requests per Backup (`up`) | vendor requests for a `refresh` of all N | refresh budget N/10 + 2 |",
    "|---|---|---|---|---|",
  ];
  for (const row of rows) {
    const budget = row.n / 10 + 2;
    lines.push(
      `| ${row.n} | ${thousands(row.stateBytes)} | ${fixed(row.upRequestsPerBackup)} | ${row.refreshRequests} | ${budget} ${mark(row.refreshRequests <= budget)} |`,
    );
  }
  return lines;
}

/** Markdown sections of the run part, one per case (what run.js prints and the docs show). */
export function caseSections(results: RunResults): string[] {
  const sections: string[] = [];
  const { dynamic, plugin, completion } = results.cases;
  const failure = (name: string, value: Failed) => `**${name} failed in this run:** \`${value.error.split("\n")[0]}\``;

  sections.push("### TypeScript package (dynamic resources): N Backups on one Northflank addon");
  if (!dynamic) sections.push("Not measured in this run.");
  else if (isFailed(dynamic)) sections.push(failure("dynamic", dynamic));
  else
    sections.push([...ratioTable("dynamic", dynamic.rows, results.floor), "", ...costTable(dynamic.rows)].join("\n"));

  sections.push("### Pulumi YAML through the provider plugin: the same N Backups");
  if (!plugin) sections.push("Not measured in this run.");
  else if (isFailed(plugin)) sections.push(failure("plugin", plugin));
  else
    sections.push(
      [
        ...ratioTable("plugin", plugin.rows, results.floor),
        "",
        ...costTable(plugin.rows),
        "",
        `Plugin start-up (process start to its port on stdout, median of 5): **${Math.round(plugin.startupMs)} ms**.`,
      ].join("\n"),
    );

  sections.push("### Completion latency");
  if (!completion) sections.push("Not measured in this run.");
  else if (isFailed(completion)) sections.push(failure("completion", completion));
  else {
    const target = completionTargetMs(completion.delayMs);
    sections.push(
      `One Backup whose backup takes ${completion.delayMs / 1000} s: ${completion.polls} polls; the completion was noticed **${completion.noticedAfterMs} ms** after it happened (target ≤ ${target} ms ${mark(completion.noticedAfterMs <= target)}).`,
    );
  }
  const gate = results.cases.releaseGate;
  sections.push("### Release gate: pre-release backups at the engine's default parallelism");
  if (!gate) sections.push("Not measured in this run.");
  else if (isFailed(gate)) sections.push(failure("releaseGate", gate));
  else sections.push(releaseGateTable(gate));

  for (const [name, value] of Object.entries(results.cases)) {
    if (["dynamic", "plugin", "completion", "releaseGate"].includes(name)) continue;
    sections.push(`### ${name}`);
    sections.push(
      isFailed(value) ? failure(name, value) : ["```json", JSON.stringify(value, null, 2), "```"].join("\n"),
    );
  }
  return sections;
}

/** bench/cases/release-gate.js: both designs of a release's pre-release backups on one sped-up sandbox. */
interface ReleaseGateResult {
  sites: number;
  vendor: string;
  accounts: number;
  backupMinutes: number;
  clockRate: number;
  parallelism: string;
  inLineMinutes: number;
  floorMinutes: number;
  rows: {
    design: string;
    result: string;
    sandboxMinutes: number;
    realSeconds: number;
    requests: number;
    status429: number;
  }[];
}

function releaseGateTable(result: ReleaseGateResult): string {
  const lines = [
    `${result.sites} ${result.vendor} sites on ${result.accounts} account, ${result.backupMinutes}-minute backups, ${result.parallelism}, sandbox clock ${result.clockRate}× real time (in line: ⌈${result.sites} / slots⌉ × ${result.backupMinutes} = ${result.inLineMinutes} min; floor: ${result.floorMinutes} min).`,
    "",
    "| design | result | sandbox minutes | real seconds | requests | 429s |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  for (const row of result.rows)
    lines.push(
      `| ${row.design} | ${row.result} | ${row.sandboxMinutes.toFixed(1)} min | ${row.realSeconds.toFixed(1)} | ${row.requests} | ${row.status429} |`,
    );
  return lines.join("\n");
}

/** The run part as the console shows it. */
export function runTables(results: RunResults): string {
  return `\n${caseSections(normalizeRun(results)).join("\n\n")}\n`;
}

/** One line per fleet scenario (the console's summary). */
export function fleetLines(results: FleetResults): string[] {
  return results.rows.map((row) => {
    if (row.error) return `${row.scenario}: FAILED to run: ${row.error.split("\n")[0]}`;
    if (row.scenario === "faults" && row.first)
      return `faults: first up ${row.first.result} in ${seconds(row.first.wallMs)} (${row.first.failed} failed)${row.rerun ? `; rerun ${row.rerun.result} in ${seconds(row.rerun.wallMs)}` : ""}; injected ${JSON.stringify(row.injected)}; ${row.marked} marked backups, ${row.duplicates} duplicates`;
    return `${row.scenario}: ${row.result} in ${seconds(row.wallMs ?? 0)}; ${row.failed} failed; ${row.requests} requests (${fixed(row.perBackup ?? 0)}/backup); ${row.status429} × 429${row.minimumMs ? `; rate-limit minimum ${seconds(row.minimumMs)}, ratio ${fixed(row.ratio ?? 0)}` : ""}; ${row.marked} marked backups, ${row.duplicates} duplicates`;
  });
}

function fleetTable(results: FleetResults): string[] {
  const lines = [
    "| case | result | wall time of `up` | vendor requests per Backup | 429s | duplicates | targets |",
    "| --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const row of results.rows) {
    if (row.error) {
      lines.push(`| ${row.scenario} | failed to run: \`${row.error.split("\n")[0]}\` | | | | | |`);
      continue;
    }
    if (row.scenario === "faults" && row.first) {
      const converged = row.first.result === "succeeded" || row.rerun?.result === "succeeded";
      lines.push(
        `| ${row.backups} Backups under 5 % random faults (503, 429, reset) | first \`up\` ${row.first.result} (${row.first.failed} failed)${row.rerun ? `, rerun ${row.rerun.result}` : ""} | ${seconds(row.first.wallMs)} | ${fixed((row.requests ?? 0) / row.backups)} | ${row.injected?.status429 ?? 0} (injected) | ${row.duplicates} | converges ${mark(converged)}, 0 duplicates ${mark(row.duplicates === 0)} |`,
      );
      continue;
    }
    const perBackup = row.perBackup ?? Number.NaN;
    const targets =
      row.scenario === "fleet"
        ? `≤ 1.5 requests ${mark(perBackup <= 1.5)}, 0 × 429 ${mark(row.status429 === 0)}, ratio ≤ 1.2 ${mark((row.ratio ?? Infinity) <= 1.2)}, 0 duplicates ${mark(row.duplicates === 0)}`
        : `succeeds ${mark(row.result === "succeeded")}, 0 duplicates ${mark(row.duplicates === 0)}`;
    const title =
      row.scenario === "fleet"
        ? `${row.backups} Backups, 4 vendors × ${(row.accounts ?? 8) / 4} accounts, limit ${row.limit}`
        : row.scenario === "150+150"
          ? "150 Northflank + 150 WP Engine, default limits"
          : `${row.scenario} (${row.backups} Backups)`;
    const wall = row.minimumMs
      ? `${seconds(row.wallMs ?? 0)} (rate-limit minimum ${seconds(row.minimumMs)}: ratio **${fixed(row.ratio ?? 0)}**)`
      : seconds(row.wallMs ?? 0);
    lines.push(
      `| ${title} | ${row.result}, ${row.failed} failed | ${wall} | **${fixed(perBackup)}** (${row.requests} requests) | ${row.status429} | ${row.duplicates} | ${targets} |`,
    );
  }
  return lines;
}

/** One figure of a run, lower is better; `flag`ged figures are watched for regressions. */
export interface Figure {
  name: string;
  value: number;
  /** Ratios, requests per Backup and 429s: flagged when worse by more than 25 % (any rise from 0). */
  flag: boolean;
}

/** Every figure of the two results files, by name. */
export function figuresOf(run?: RunResults, fleet?: FleetResults): Figure[] {
  const figures: Figure[] = [];
  if (run) {
    const results = normalizeRun(run);
    for (const caseName of ["dynamic", "plugin"] as const) {
      const value = results.cases[caseName];
      if (!value || isFailed(value)) continue;
      for (const row of value.rows) {
        for (const op of ["up", "preview", "refresh"] as const) {
          const base = results.floor[row.n]?.[op];
          if (base)
            figures.push({ name: `${caseName} N=${row.n} ${op} ratio to floor`, value: row[op] / base, flag: true });
          figures.push({ name: `${caseName} N=${row.n} ${op} wall time (ms)`, value: row[op], flag: false });
        }
        figures.push({
          name: `${caseName} N=${row.n} requests per Backup (up)`,
          value: row.upRequestsPerBackup,
          flag: true,
        });
        figures.push({ name: `${caseName} N=${row.n} state bytes per Backup`, value: row.stateBytes, flag: false });
      }
      if (caseName === "plugin" && "startupMs" in value)
        figures.push({ name: "plugin start-up (ms)", value: value.startupMs, flag: false });
    }
    const completion = results.cases.completion;
    if (completion && !isFailed(completion))
      figures.push({ name: "completion noticed after (ms)", value: completion.noticedAfterMs, flag: false });
  }
  for (const row of fleet?.rows ?? []) {
    if (row.error) continue;
    if (row.ratio !== undefined)
      figures.push({ name: `fleet part, ${row.scenario}: ratio to rate-limit minimum`, value: row.ratio, flag: true });
    if (row.perBackup !== undefined)
      figures.push({ name: `fleet part, ${row.scenario}: requests per Backup`, value: row.perBackup, flag: true });
    if (row.status429 !== undefined)
      figures.push({ name: `fleet part, ${row.scenario}: 429s`, value: row.status429, flag: true });
    if (row.wallMs !== undefined)
      figures.push({ name: `fleet part, ${row.scenario}: wall time (ms)`, value: row.wallMs, flag: false });
    if (row.first)
      figures.push({ name: `fleet part, ${row.scenario}: wall time (ms)`, value: row.first.wallMs, flag: false });
  }
  return figures;
}

/** How much worse a ratio may get before it is flagged. */
export const REGRESSION_SHARE = 0.25;

/** Each figure beside the previous run's, ratios worse by more than 25 % flagged. */
export function compareFigures(previous: Figure[], current: Figure[]): { lines: string[]; regressions: string[] } {
  const before = new Map(previous.map((f) => [f.name, f.value]));
  const lines = ["| figure | previous | now | change | |", "|---|---|---|---|---|"];
  const regressions: string[] = [];
  const show = (v: number) => (Math.abs(v) >= 100 ? String(Math.round(v)) : fixed(v));
  for (const figure of current) {
    const old = before.get(figure.name);
    if (old === undefined) {
      lines.push(`| ${figure.name} | — | ${show(figure.value)} | new | |`);
      continue;
    }
    const change = old === 0 ? (figure.value === 0 ? 0 : Infinity) : figure.value / old - 1;
    const worse = figure.flag && change > REGRESSION_SHARE;
    if (worse) regressions.push(figure.name);
    const changeText = Number.isFinite(change) ? `${change >= 0 ? "+" : ""}${Math.round(change * 100)} %` : "from 0";
    lines.push(
      `| ${figure.name} | ${show(old)} | ${show(figure.value)} | ${changeText} | ${worse ? "**WORSE > 25 %**" : ""} |`,
    );
  }
  return { lines, regressions };
}

const describeRun = (r: RunDescription) => {
  const machine = r.machine ?? {};
  const cores = machine.cores ?? machine.cpus;
  const commit = r.commit
    ? `commit \`${r.commit.slice(0, 12)}\`${r.dirty ? " (with uncommitted changes)" : ""}`
    : "commit not recorded";
  const load = r.loadAverage
    ? `; load average ${r.loadAverage.start ?? "?"} at the start, ${r.loadAverage.end ?? "?"} at the end`
    : "";
  return `${commit}; ${cores ?? "?"} × ${machine.cpu ?? "?"}, ${machine.memGiB ?? "?"} GiB${machine.os ? `, ${machine.os}` : ""}; Node ${r.node ?? machine.node ?? "?"}, Pulumi ${r.pulumi ?? "not recorded"}; ${r.at ?? "?"}${load}${r.note ? `. Note: ${r.note}` : ""}`;
};

/** Targets this run missed, named. */
function misses(run: RunResults, fleet: FleetResults): string[] {
  const missed: string[] = [];
  const dynamic = run.cases.dynamic;
  if (dynamic && !isFailed(dynamic))
    for (const row of dynamic.rows)
      for (const op of ["up", "preview"] as const) {
        const base = run.floor[row.n]?.[op];
        if (base && hasRatioTarget("dynamic", row.n, op) && row[op] / base > RATIO_TARGET)
          missed.push(`N=${row.n} \`${op}\` at ${fixed(row[op] / base)}× the floor (target ≤ ${RATIO_TARGET}).`);
      }
  for (const row of fleet.rows) {
    if (row.error) missed.push(`fleet scenario ${row.scenario} did not run: ${row.error.split("\n")[0]}`);
    else if (row.scenario === "fleet") {
      if ((row.ratio ?? Infinity) > 1.2)
        missed.push(`fleet ratio ${fixed(row.ratio ?? Number.NaN)} to the rate-limit minimum (target ≤ 1.2).`);
      if ((row.perBackup ?? Infinity) > 1.5)
        missed.push(`fleet ${fixed(row.perBackup ?? Number.NaN)} requests per Backup (target ≤ 1.5).`);
      if (row.status429) missed.push(`fleet ${row.status429} × 429 (target 0).`);
    }
  }
  const completion = run.cases.completion;
  if (completion && !isFailed(completion) && completion.noticedAfterMs > completionTargetMs(completion.delayMs))
    missed.push(
      `completion noticed ${completion.noticedAfterMs} ms after it happened (target ≤ ${completionTargetMs(completion.delayMs)} ms).`,
    );
  for (const [name, value] of Object.entries(run.cases))
    if (isFailed(value)) missed.push(`case ${name} failed to run.`);
  return missed;
}

/** docs/benchmarks.md, from the two results files. */
export function renderBenchmarks(rawRun: unknown, fleet: FleetResults): string {
  const run = normalizeRun(rawRun);
  const missed = misses(run, fleet);
  return `${[
    "# Benchmarks",
    "<!-- Generated by `npm run bench:docs` (bench/figures.ts) from bench/results.json and bench/fleet-results.json: do not edit; run `npm run bench` (which regenerates it) or change bench/figures.ts. -->",
    "`npm run bench` drives the real Pulumi engine (the project's CLI, local file backend) against the sandbox and writes `bench/results.json` (engine overhead: zero completion delay, no rate limit, the engine's default parallelism) and `bench/fleet-results.json` (fleet scale: rate limits on, 1 s completion delay), then this page. Every ratio is a wall time over the **no-op floor**: the same number of no-op dynamic resources (one input, no outputs) on the same engine. `up` (creating all N, an untimed `destroy` between runs), `preview` and `refresh` are each the median of `BENCH_REPEATS` runs (" +
      `${run.repeats ?? 3} here). \`npm run bench -- --compare <file, folder or git revision>\` prints every figure beside a previous run's and flags a ratio or request count worse by more than 25 %. Targets are figures to watch, not test assertions.`,
    "## Engine overhead",
    `From \`bench/results.json\`, **measured on** ${describeRun(run)}.`,
    ...caseSections(run),
    "## Fleet scale",
    `From \`bench/fleet-results.json\`, **measured on** ${describeRun(fleet)}.`,
    "`pulumi up --parallel 1000` against the sandbox with its rate limits **on** and a 1 s completion delay. The 500-Backup case uses a limit that binds (10 requests per 10 s for every account, in the sandbox and in each account's `rateLimit`; the documented limits are never reached by ~60 Backups per account); its ratio compares the wall time with the least time that limit allows for the requests each account made ((⌈requests ÷ 10⌉ − 1) × 10 s, plus the 1 s delay). The 150 + 150 and fault cases run on the sandbox's default limits and the provider's default budget. Duplicates are backups carrying the same provider marker.",
    fleetTable(fleet).join("\n"),
    "## Misses",
    missed.length === 0 ? "None: every target above was met in these runs." : missed.map((m) => `- ${m}`).join("\n"),
    "How polling trades latency for requests: a Backup waiting for its backup reads its target's shared list. While at least half of the account's request budget is free, each poll wants a list asked for after the one it read last (polls at the same moment share the one in flight), so a completion is noticed at the next poll; as the budget runs out, waiting Backups share lists up to 500 ms old per waiting Backup, at most 5 s (`pollListMaxAgeMs` in provider/core/poll.ts). The fleet case runs near its limit, so it shares; an ordinary `up` does not.",
  ].join("\n\n")}\n`;
}

/** A results file: a path, or (not a file) `<revision>:<path>` from git. */
function readResults(repo: string, source: string, file: string): unknown {
  if (fs.existsSync(source) && fs.statSync(source).isDirectory()) source = path.join(source, file);
  if (fs.existsSync(source) && fs.statSync(source).isFile()) return JSON.parse(fs.readFileSync(source, "utf8"));
  const text = execFileSync("git", ["show", `${source}:bench/${file}`], { cwd: repo, encoding: "utf8" });
  return JSON.parse(text);
}

const isFleet = (raw: unknown): raw is FleetResults =>
  Array.isArray((raw as FleetResults).rows) && (raw as FleetResults).rows.some((r) => "scenario" in r);

if (process.argv[1] && path.basename(process.argv[1]) === "figures.ts") {
  const repo = path.resolve(path.dirname(process.argv[1]), "..");
  const current = (file: string) => JSON.parse(fs.readFileSync(path.join(repo, "bench", file), "utf8"));
  const [command, source] = process.argv.slice(2);
  if (command === "docs") {
    const out = path.join(repo, "docs/benchmarks.md");
    fs.writeFileSync(out, renderBenchmarks(current("results.json"), current("fleet-results.json")));
    process.stderr.write(`[bench] wrote ${path.relative(repo, out)}\n`);
  } else if (command === "compare" && source) {
    // A single file is a run or a fleet results file (told apart by its rows); a folder or a
    // git revision gives both.
    let previousRun: RunResults | undefined;
    let previousFleet: FleetResults | undefined;
    if (fs.existsSync(source) && fs.statSync(source).isFile()) {
      const raw = JSON.parse(fs.readFileSync(source, "utf8"));
      if (isFleet(raw)) previousFleet = raw;
      else previousRun = normalizeRun(raw);
    } else {
      for (const file of ["results.json", "fleet-results.json"]) {
        try {
          const raw = readResults(repo, source, file);
          if (isFleet(raw)) previousFleet = raw;
          else previousRun = normalizeRun(raw);
        } catch (error) {
          process.stderr.write(`[bench] no previous ${file} in ${source}: ${String(error).split("\n")[0]}\n`);
        }
      }
    }
    const now = figuresOf(
      previousRun ? current("results.json") : undefined,
      previousFleet ? current("fleet-results.json") : undefined,
    );
    const { lines, regressions } = compareFigures(figuresOf(previousRun, previousFleet), now);
    const previous = [previousRun, previousFleet].filter((r): r is RunResults | FleetResults => r !== undefined);
    console.log(`\nCompared with ${source}: ${previous.map((r) => describeRun(r)).join(" | ")}\n`);
    console.log(lines.join("\n"));
    console.log(
      regressions.length === 0
        ? "\nNo ratio or request count got worse by more than 25 %."
        : `\n${regressions.length} figure(s) worse by more than 25 %: ${regressions.join("; ")}`,
    );
  } else {
    process.stderr.write("usage: node bench/figures.ts docs | compare <results file, folder or git revision>\n");
    process.exit(2);
  }
}
