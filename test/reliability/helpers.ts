/**
 * Shared helpers of the reliability suite (the vendor calls it faults: test/support/routes.ts):
 * counting backups in the sandbox's own state (which, unlike Kinsta's listing, also holds
 * backups still in progress), and a results file docs/reliability.md is written from.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { TestSandbox, VendorName } from "../support/sandbox";

export const DISPLAY: Record<VendorName, string> = {
  kinsta: "Kinsta",
  wpengine: "WP Engine",
  vpsorg: "VPS.org",
  northflank: "Northflank",
};

/** Every backup the sandbox holds for a vendor (any state, any target), as raw records. */
export async function sandboxBackups(sandbox: TestSandbox, vendor: VendorName): Promise<Record<string, unknown>[]> {
  const state = (await sandbox.state()) as Record<string, { backups?: Record<string, unknown>[] }>;
  return state[vendor].backups ?? [];
}

/** The sandbox's backups whose description/tag/name contains `tag` (any state). */
export async function backupsTagged(sandbox: TestSandbox, vendor: VendorName, tag: string) {
  return (await sandboxBackups(sandbox, vendor)).filter((b) =>
    [b.note, b.description, b.name].some((d) => typeof d === "string" && d.includes(tag)),
  );
}

/** Short unique tags: Northflank names allow 3–27 characters, 12 of which are the marker. */
let tagCounter = 0;
export function uniqueTag(prefix: string): string {
  return `${prefix}${(Date.now() % 100000).toString(36)}${(++tagCounter).toString(36)}`.slice(0, 14);
}

/** The whole text of an Automation API failure (message, stdout, stderr). */
export function errorText(error: unknown): string {
  if (!error || typeof error !== "object") return String(error);
  const e = error as {
    message?: string;
    stdout?: string;
    stderr?: string;
    commandResult?: { stdout?: string; stderr?: string };
  };
  return [e.message, e.stdout, e.stderr, e.commandResult?.stdout, e.commandResult?.stderr].filter(Boolean).join("\n");
}

/** Descendants of a process (children first found through `ps`), deepest last. */
export function processTree(rootPid: number): number[] {
  const table = execFileSync("ps", ["-eo", "pid=,ppid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number));
  const out: number[] = [];
  const walk = (pid: number) => {
    for (const [child, parent] of table) {
      if (parent === pid) {
        out.push(child);
        walk(child);
      }
    }
  };
  walk(rootPid);
  return out;
}

/** The pid of the `pulumi <verb>` process of one stack (the unique stack name identifies it). */
export function pulumiPid(stackName: string, verb: string): number | undefined {
  const table = execFileSync("ps", ["-eo", "pid=,args="], { encoding: "utf8" }).trim().split("\n");
  for (const line of table) {
    const match = /^\s*(\d+)\s+(.*)$/.exec(line);
    if (!match) continue;
    const args = match[2];
    if (/(^|\/)pulumi\s/.test(args) && args.includes(` ${verb} `) && args.includes(`--stack ${stackName}`))
      return Number(match[1]);
  }
  return undefined;
}

/** Results of a suite, appended to .results/reliability/<suite>.json for docs/reliability.md. */
export class Results {
  private rows: Record<string, unknown>[] = [];
  constructor(private suite: string) {}
  add(row: Record<string, unknown>) {
    this.rows.push(row);
  }
  /** To .results/reliability/ (ignored by git); `npm run reliability:tables` renders them. */
  write() {
    const dir = path.join(__dirname, "../../.results/reliability");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${this.suite}.json`), JSON.stringify(this.rows, null, 2) + "\n");
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
