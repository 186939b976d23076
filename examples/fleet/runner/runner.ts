// Fleet runner: one Pulumi stack per client of a site inventory, a few stacks at a time, on one
// state backend that several machines can share. Each stack runs the program in ../ (a
// pre-release Backup per site) through the Automation API, i.e. the real `pulumi up`.
//
//   node examples/fleet/runner/runner.ts --inventory inventory.json [--workers 4]
//        [--backend postgres://user@host:5432/db?sslmode=disable] [--release 2026-12-03]
//        [--lock wait|fail] [--report report.json]
//
// Node 22.18+ / 24 runs this TypeScript file as is (type stripping).
// Backend: --backend, else PULUMI_BACKEND_URL, else the local file backend in ./.fleet-state.
// On a postgres:// backend (Pulumi's DIY backend on PostgreSQL) the runner also holds a
// PostgreSQL advisory lock per stack while it works on it, so two runners on any machines never
// update one stack at once: the second waits (--lock wait) or reports "locked" (--lock fail).
// The lock ends with the runner's database session, so a killed runner leaves no stale lock.
// On other backends, Pulumi's own stack lock refuses a concurrent update ("locked").
// Exit code 1 when any stack failed or was locked.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { LocalWorkspace, type EngineEvent } from "@pulumi/pulumi/automation/index.js";
import pg from "pg";
import { z } from "zod";

// This file is the script Node runs; the program is the folder above it.
const programDir = path.resolve(path.dirname(process.argv[1]), "..");
const PROJECT = "fleet";

// ---- inventory ------------------------------------------------------------------------------

/** A credential value, or `env:NAME` to read it from the runner's environment. */
const secretValue = z.string().min(1);
const baseUrl = z.url().optional();
const credentialsSchema = z
  .object({
    kinsta: z.object({ apiKey: secretValue, baseUrl }).strict().optional(),
    wpengine: z.object({ user: secretValue, password: secretValue, baseUrl }).strict().optional(),
    vpsorg: z.object({ token: secretValue, baseUrl }).strict().optional(),
    northflank: z.object({ token: secretValue, teamId: z.string().optional(), baseUrl }).strict().optional(),
  })
  .strict();
type Vendor = keyof z.infer<typeof credentialsSchema>;

const clientSchema = z
  .object({
    /** The stack name: one stack per client. */
    name: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, "must be a stack name: letters, digits, _ . -"),
    credentials: credentialsSchema,
    sites: z
      .array(
        z.object({
          name: z.string().min(1),
          target: z.looseObject({ vendor: z.enum(["kinsta", "wpengine", "vpsorg", "northflank"]) }),
          notificationEmails: z.array(z.string()).optional(),
        }),
      )
      .min(1),
  })
  .strict()
  .superRefine((client, ctx) => {
    client.sites.forEach((site, i) => {
      if (!client.credentials[site.target.vendor])
        ctx.addIssue({
          code: "custom",
          path: ["sites", i, "target", "vendor"],
          message: `client "${client.name}" has no ${site.target.vendor} credentials`,
        });
    });
  });
type Client = z.infer<typeof clientSchema>;

const inventorySchema = z
  .object({ release: z.string().optional(), clients: z.array(clientSchema).min(1) })
  .strict()
  .superRefine((inventory, ctx) => {
    const seen = new Set<string>();
    inventory.clients.forEach((client, i) => {
      if (seen.has(client.name))
        ctx.addIssue({ code: "custom", path: ["clients", i, "name"], message: `duplicate client "${client.name}"` });
      seen.add(client.name);
    });
  });

function readInventory(file: string) {
  const parsed = inventorySchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) throw new Error(`inventory ${file}:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Environment variable names the provider reads, per vendor and credential field. */
const VENDOR_ENV: Record<Vendor, Record<string, string>> = {
  kinsta: { apiKey: "KINSTA_API_KEY", baseUrl: "KINSTA_API_URL" },
  wpengine: { user: "WPENGINE_API_USER", password: "WPENGINE_API_PASSWORD", baseUrl: "WPENGINE_API_URL" },
  vpsorg: { token: "VPSORG_API_TOKEN", baseUrl: "VPSORG_API_URL" },
  northflank: { token: "NORTHFLANK_API_TOKEN", teamId: "NORTHFLANK_TEAM_ID", baseUrl: "NORTHFLANK_API_URL" },
};

function resolveSecret(value: string, where: string): string {
  if (!value.startsWith("env:")) return value;
  const resolved = process.env[value.slice(4)];
  if (!resolved) throw new Error(`${where}: environment variable ${value.slice(4)} is not set`);
  return resolved;
}

/** The client's credentials as the provider's environment variables (and only this client's). */
function credentialEnv(client: Client): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [vendor, fields] of Object.entries(client.credentials) as [Vendor, Record<string, string>][]) {
    for (const [field, value] of Object.entries(fields)) {
      env[VENDOR_ENV[vendor][field]] = resolveSecret(value, `${client.name}.credentials.${vendor}.${field}`);
    }
  }
  return env;
}

// ---- the per-stack lock ---------------------------------------------------------------------

interface StackLock {
  waitedMs: number;
  release(): Promise<void>;
}

/** Thrown when `--lock fail` finds another runner on the stack. */
class StackLockedError extends Error {}

/**
 * A PostgreSQL advisory lock on `fleet/<stack>`, held on its own session for the whole stack
 * operation (select or create, config, up). `pg` ignores the `table` parameter Pulumi reads.
 */
const isPostgres = (backend: string) => backend.startsWith("postgres://") || backend.startsWith("postgresql://");

async function lockStack(backend: string, stack: string, mode: "wait" | "fail"): Promise<StackLock> {
  if (!isPostgres(backend)) return { waitedMs: 0, release: async () => undefined };
  return advisoryLock(backend, `pulumi-hosting-backups/${PROJECT}/${stack}`, stack, mode, "updating this stack");
}

/** `busy`: what the other runner is doing, for the messages. */
async function advisoryLock(
  backend: string,
  key: string,
  what: string,
  mode: "wait" | "fail",
  busy: string,
): Promise<StackLock> {
  const session = new pg.Client({ connectionString: backend });
  await session.connect();
  const started = Date.now();
  try {
    const tried = await session.query<{ locked: boolean }>(
      "SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked",
      [key],
    );
    if (!tried.rows[0].locked) {
      if (mode === "fail") throw new StackLockedError(`another runner is ${busy}`);
      log(what, `another runner is ${busy}; waiting for it`);
      await session.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [key]);
    }
  } catch (error) {
    await session.end();
    throw error;
  }
  return {
    waitedMs: Date.now() - started,
    async release() {
      // Ending the session releases the lock even if the unlock query cannot run.
      await session.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [key]).catch(() => undefined);
      await session.end();
    },
  };
}

/**
 * Opens the backend once, under a lock, before any stack: Pulumi's PostgreSQL backend creates
 * its table on first use with a check-then-create, which fails ("duplicate key value violates
 * unique constraint pg_type_typname_nsp_index") when two first uses race.
 */
async function prepareBackend(backend: string): Promise<void> {
  if (!isPostgres(backend)) return;
  const lock = await advisoryLock(backend, `pulumi-hosting-backups/${PROJECT}`, "backend", "wait", "preparing it");
  try {
    const workspace = await LocalWorkspace.create({ workDir: programDir, envVars: { PULUMI_BACKEND_URL: backend } });
    await workspace.listStacks();
  } finally {
    await lock.release();
  }
}

// ---- one stack ------------------------------------------------------------------------------

export interface StackReport {
  stack: string;
  status: "succeeded" | "failed" | "locked";
  /** Backups created or replaced (fresh backups taken) by this update. */
  backupsTaken: number;
  /** Resources whose step failed. */
  failures: number;
  /** Time spent waiting for another runner's lock. */
  waitedMs: number;
  durationMs: number;
  /** The first error lines, when the stack did not succeed. */
  error?: string;
}

function log(stack: string, message: string): void {
  console.error(`[fleet] ${stack}: ${message}`);
}

const BACKUP_TYPE = "pulumi-nodejs:dynamic/hostingbackups:Backup";

async function runStack(client: Client, env: Record<string, string>, options: RunOptions): Promise<StackReport> {
  const started = Date.now();
  const report: StackReport = {
    stack: client.name,
    status: "failed",
    backupsTaken: 0,
    failures: 0,
    waitedMs: 0,
    durationMs: 0,
  };
  let lock: StackLock | undefined;
  const errors: string[] = [];
  try {
    lock = await lockStack(options.backend, client.name, options.lock);
    report.waitedMs = lock.waitedMs;
    const stack = await LocalWorkspace.createOrSelectStack(
      { workDir: programDir, stackName: client.name },
      { envVars: { PULUMI_BACKEND_URL: options.backend, ...env } },
    );
    await stack.setAllConfig({
      "fleet:release": { value: options.release },
      "fleet:sites": { value: JSON.stringify(client.sites) },
    });
    log(client.name, `up (${client.sites.length} sites)`);
    await stack.up({
      color: "never",
      onEvent: (event: EngineEvent) => {
        const done = event.resOutputsEvent?.metadata;
        if (done?.type === BACKUP_TYPE && ["create", "create-replacement"].includes(done.op)) {
          report.backupsTaken += 1;
        }
        if (event.resOpFailedEvent) report.failures += 1;
        const diagnostic = event.diagnosticEvent;
        if (diagnostic?.severity === "error" && diagnostic.urn) errors.push(diagnostic.message.trim());
      },
    });
    report.status = "succeeded";
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof StackLockedError || /the stack is currently locked/.test(message)) {
      report.status = "locked";
      errors.unshift(error instanceof StackLockedError ? error.message : "the stack is locked by another update");
    } else if (errors.length === 0) {
      errors.push(message);
    }
  } finally {
    await lock?.release();
    report.durationMs = Date.now() - started;
  }
  if (report.status !== "succeeded") {
    report.error = errors.join("\n").split("\n").slice(0, 6).join("\n");
    log(client.name, `${report.status}: ${report.error}`);
  } else {
    log(client.name, `succeeded, ${report.backupsTaken} backups taken`);
  }
  return report;
}

// ---- the run --------------------------------------------------------------------------------

interface RunOptions {
  backend: string;
  release: string;
  lock: "wait" | "fail";
  workers: number;
}

/** Runs every client's stack, `workers` at a time; reports in inventory order. */
async function runFleet(
  clients: Client[],
  envs: Record<string, string>[],
  options: RunOptions,
): Promise<StackReport[]> {
  const reports: StackReport[] = new Array(clients.length);
  let next = 0;
  const worker = async () => {
    while (next < clients.length) {
      const index = next++;
      reports[index] = await runStack(clients[index], envs[index], options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.workers, clients.length) }, worker));
  return reports;
}

function printReport(reports: StackReport[]): void {
  const rows = [
    ["stack", "status", "backups taken", "failures", "waited", "time"],
    ...reports.map((r) => [
      r.stack,
      r.status,
      String(r.backupsTaken),
      String(r.failures),
      `${(r.waitedMs / 1000).toFixed(1)}s`,
      `${(r.durationMs / 1000).toFixed(1)}s`,
    ]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column])).join("  "));
  const failed = reports.filter((r) => r.status !== "succeeded");
  const taken = reports.reduce((sum, r) => sum + r.backupsTaken, 0);
  console.log(`${reports.length} stacks, ${taken} backups taken, ${failed.length} not succeeded`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      inventory: { type: "string" },
      workers: { type: "string", default: "4" },
      backend: { type: "string" },
      release: { type: "string" },
      lock: { type: "string", default: "wait" },
      report: { type: "string" },
    },
    strict: true,
  });
  if (!values.inventory) throw new Error("--inventory <file.json> is required");
  const workers = Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1) throw new Error(`--workers must be a positive integer`);
  if (values.lock !== "wait" && values.lock !== "fail") throw new Error(`--lock must be wait or fail`);
  const inventory = readInventory(values.inventory);
  const release = values.release ?? inventory.release;
  if (!release) throw new Error("a release is required: --release or the inventory's `release`");
  const backend =
    values.backend ?? process.env.PULUMI_BACKEND_URL ?? `file://${path.resolve(process.cwd(), ".fleet-state")}`;
  if (!process.env.PULUMI_CONFIG_PASSPHRASE && !process.env.PULUMI_CONFIG_PASSPHRASE_FILE) {
    throw new Error("set PULUMI_CONFIG_PASSPHRASE (the same on every machine that shares the backend)");
  }
  // Credentials resolved up front (a missing variable stops the run before any stack starts);
  // then each stack gets only its own client's: none inherited from this process.
  const envs = inventory.clients.map(credentialEnv);
  for (const names of Object.values(VENDOR_ENV)) for (const name of Object.values(names)) delete process.env[name];

  await prepareBackend(backend);
  const reports = await runFleet(inventory.clients, envs, { backend, release, lock: values.lock, workers });
  printReport(reports);
  if (values.report) writeFileSync(values.report, JSON.stringify(reports, null, 2));
  return reports.every((r) => r.status === "succeeded") ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[fleet] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
