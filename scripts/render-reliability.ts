/**
 * Prints docs/reliability.md's result tables from the rows the reliability suite wrote to
 * .results/reliability/*.json (ignored by git; `npm test` or `npx jest --selectProjects
 * reliability` makes them). Run: `node scripts/render-reliability.ts` (Node >= 22.18 strips the types).
 */
import * as fs from "node:fs";
import * as path from "node:path";

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// Run as a script (an ES module once Node strips the types): the repository is above scripts/.
const resultsDir = path.resolve(path.dirname(process.argv[1]), "..", ".results", "reliability");
const load = (suite: string): Row[] => {
  const file = path.join(resultsDir, `${suite}.json`);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Row[]) : [];
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const cell = (text: string) => text.replace(/\|/g, "\\|");
const out: string[] = [];
const table = (title: string, header: string[], rows: string[][]) => {
  out.push(`\n#### ${title}\n`, `| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`);
  for (const row of rows) out.push(`| ${row.join(" | ")} |`);
};

for (const suite of ["faults-backup-create", "faults-backup-read", "faults-backup-delete", "faults-restore"]) {
  table(
    suite,
    [
      "operation (call faulted)",
      "fault",
      "vendor",
      "outcome",
      "attempts seen (statuses)",
      "backups at vendor after rerun",
      "faulted run",
    ],
    load(suite).map((r) => {
      let outcome = r.outcome === "success" && r.attempts > 1 ? "success after retry" : r.outcome;
      if (r.outcome === "error") {
        outcome = `clear error: \`${cell(r.error ?? "")}\``;
        outcome += r.rerun ? `; rerun: ${JSON.stringify(r.rerun)}` : "; rerun converges";
      }
      const statuses = r.statuses.join(", ") || "not logged: client gave up during the delay";
      let extra = String(r.backupsAtVendor ?? "");
      if ("restoresStarted" in r) extra = `${extra} (restores started: ${r.restoresStarted})`;
      return [
        `${r.operation} (${r.on})`,
        r.fault,
        r.vendor,
        outcome,
        `${r.attempts} (${statuses})`,
        extra,
        seconds(r.faultedRunMs),
      ];
    }),
  );
}

table(
  "ambiguous",
  ["vendor", "backup takes", "outcome", "backups at vendor", "looked for the marker first", "run"],
  load("ambiguous").map((r) => [
    r.vendor,
    `${(r.backupMs / 1000).toFixed(0)} s`,
    r.outcome,
    String(r.backupsAtVendor),
    r.adoptedMessage ? "yes" : "no",
    seconds(r.ms),
  ]),
);

table(
  "interrupted",
  ["vendor", "backup takes", "rerun", "what the engine required, step by step", "backups at vendor"],
  load("interrupted").map((r) => [
    r.vendor,
    `${(r.backupMs / 1000).toFixed(0)} s`,
    r.waitBeforeRerun ? "after the backup completed" : "at once",
    (r.steps as string[]).map((step) => step.replace(/\|/g, "/")).join("; "),
    String(r.backupsAtVendor),
  ]),
);

table(
  "bad input",
  ["resource", "invalid input", "message at preview", "API calls"],
  load("bad-input").map((r) => {
    const message = cell((r.message ?? "").replace("resource 'bad': ", "")).replace(/\n/g, "⏎");
    return [r.kind, r.what, `\`${message}\``, String(r.apiCalls)];
  }),
);

table(
  "secrets",
  ["case", "result"],
  load("secrets").map((r) => {
    const bits = ["leaksInLogs", "leaksInAutomaticLogs", "leaksInExport", "leaks", "vendorRequests", "logBytes"]
      .filter((key) => key in r)
      .map((key) => `${key}: ${r[key]}`);
    if (r.error) bits.push(`\`${String(r.error).split("error: ").slice(1).join("error: ") || r.error}\``);
    return [r.case, bits.join("; ")];
  }),
);

console.log(out.join("\n").trimStart());
