#!/usr/bin/env node
/**
 * `hosting-backups`: the package's command.
 *   report          the backup and restore report across stacks and vendors (docs/report.md)
 *   delete-backup   deletes one vendor backup by its resource id (an orphan the report names)
 */
import * as fs from "node:fs";
import { parseArgs } from "node:util";
import { ValidationError } from "../core/errors";
import { closeHttpPools } from "../core/http";
import { clientFor } from "../resources/shared/clients";
import { parseResourceId, targetFields } from "../resources/shared/target";
import { buildReport, targetsToList } from "./analyze";
import { readCredentialsFile } from "./credentials";
import { declarationsOf } from "./declared";
import { renderHtml, renderJson, renderMarkdown } from "./render";
import { readStacks } from "./stacks";
import { readHoldings } from "./vendor-lists";

const USAGE = `Usage:
  hosting-backups report [options]
    --backend <url>       state backend (default: PULUMI_BACKEND_URL, or the CLI's login)
    --stack <name>        a fully qualified stack name; repeat it (default: every stack of the backend)
    --rpo <hours|24h|2d>  promised freshness of targets whose BackupPolicy promises none
    --drill-every <30d>   every target needs a successful restore drill this often
    --at <ISO-8601>       the report's "now" (default: the current time)
    --credentials <file>  per-stack vendor credentials ({ "<stack>": { "<vendor>": {…} } }, or a fleet inventory)
    --html <file>         write the HTML page   --markdown <file>  the Markdown   --json <file>  the JSON
    --format <md|json|html>  what goes to stdout (default md; none when a file option is given)
    --progress / --no-progress  progress on stderr (default: when stderr is a terminal)
  Exits 1 when any target breaches its freshness or drill interval, 2 on a usage or read error.
  Vendor credentials: the provider's environment variables (KINSTA_API_KEY, …; docs/configuration.md).

  hosting-backups delete-backup <resource id> [--account <name>]
    deletes one backup, e.g. kinsta/<environmentId>/<backupId> (the ids the report prints)
`;

/** `24`, `24h`, `2d` → hours (`unit` for a bare number). */
export function parseSpan(value: string, field: string, unit: "h" | "d"): number {
  const match = /^(\d+(?:\.\d+)?)([hd]?)$/.exec(value.trim());
  if (!match || Number(match[1]) <= 0)
    throw new ValidationError(field, `must be a positive duration such as "24h" or "30d", got "${value}"`);
  const amount = Number(match[1]);
  return (match[2] || unit) === "d" ? amount * 24 : amount;
}

function progress(enabled: boolean) {
  let last = 0;
  return (what: string, done: number, total: number) => {
    if (!enabled) return;
    const now = Date.now();
    if (done < total && now - last < 100) return;
    last = now;
    process.stderr.write(`\r${what} ${done}/${total}${done === total ? "\n" : ""}`);
  };
}

async function report(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      backend: { type: "string" },
      stack: { type: "string", multiple: true },
      rpo: { type: "string" },
      "drill-every": { type: "string" },
      at: { type: "string" },
      credentials: { type: "string" },
      html: { type: "string" },
      markdown: { type: "string" },
      json: { type: "string" },
      format: { type: "string" },
      progress: { type: "boolean" },
      "no-progress": { type: "boolean" },
    },
    strict: true,
  });
  const rpoHours = values.rpo === undefined ? undefined : parseSpan(values.rpo, "--rpo", "h");
  const drillEveryDays =
    values["drill-every"] === undefined ? undefined : parseSpan(values["drill-every"], "--drill-every", "d") / 24;
  const asOf = values.at ?? new Date().toISOString();
  if (Number.isNaN(Date.parse(asOf))) throw new ValidationError("--at", `must be an ISO-8601 time, got "${asOf}"`);
  const format = values.format ?? (values.html || values.markdown || values.json ? undefined : "md");
  if (format !== undefined && !["md", "json", "html"].includes(format))
    throw new ValidationError("--format", `must be md, json or html, got "${format}"`);
  const show = progress(values["no-progress"] ? false : (values.progress ?? process.stderr.isTTY === true));

  const started = Date.now();
  const stacks = await readStacks({
    backend: values.backend,
    stacks: values.stack,
    onStack: (done, total) => show("stacks read", done, total),
  });
  const declared = declarationsOf(stacks);
  const holdings = await readHoldings(targetsToList(declared), {
    credentialsOf: values.credentials ? readCredentialsFile(values.credentials) : undefined,
    onTarget: (done, total) => show("targets listed", done, total),
  });
  const result = buildReport(
    stacks.map((s) => s.name),
    declared,
    holdings,
    { asOf: new Date(Date.parse(asOf)).toISOString(), rpoHours, drillEveryDays },
  );
  result.totals.seconds = Math.round((Date.now() - started) / 100) / 10;

  if (values.html) fs.writeFileSync(values.html, renderHtml(result));
  if (values.markdown) fs.writeFileSync(values.markdown, renderMarkdown(result));
  if (values.json) fs.writeFileSync(values.json, renderJson(result));
  if (format === "md") process.stdout.write(renderMarkdown(result));
  if (format === "json") process.stdout.write(renderJson(result));
  if (format === "html") process.stdout.write(renderHtml(result));
  process.stderr.write(
    `${result.totals.targets} targets in ${stacks.length} stacks, ${result.totals.requests} vendor requests, ${result.totals.seconds} s; ${result.totals.breaches} breach(es), ${result.exceptions.length} exception(s)\n`,
  );
  return result.totals.breaches > 0 ? 1 : 0;
}

async function deleteBackup(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { account: { type: "string" } },
    allowPositionals: true,
    strict: true,
  });
  const parsed = positionals.length === 1 ? parseResourceId(positionals[0]) : undefined;
  if (!parsed)
    throw new ValidationError(
      "resource id",
      `must be one id such as kinsta/<environmentId>/<backupId>, got "${positionals.join(" ")}"`,
    );
  const client = clientFor(parsed.vendor, values.account);
  await client.deleteBackup(targetFields(parsed.target), parsed.last);
  process.stderr.write(`deleted ${parsed.vendor.displayName} backup ${positionals[0]}\n`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === "report") return await report(rest);
    if (command === "delete-backup") return await deleteBackup(rest);
    process.stderr.write(
      command === undefined || command === "--help" || command === "help"
        ? USAGE
        : `unknown command "${command}"\n${USAGE}`,
    );
    return command === undefined || command === "--help" || command === "help" ? 0 : 2;
  } catch (error) {
    process.stderr.write(`hosting-backups ${command}: ${(error as Error).message}\n`);
    return 2;
  } finally {
    await closeHttpPools();
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
