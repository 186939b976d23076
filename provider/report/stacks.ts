/**
 * Reads stacks through the Automation API: any backend the Pulumi CLI supports (a file
 * backend, PostgreSQL or another DIY backend, Pulumi Cloud), chosen as for the CLI by
 * `PULUMI_BACKEND_URL` or `--backend`: the Automation API finds the CLI and lists the stacks,
 * then one `pulumi stack export` per stack, a few at a time.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { LocalWorkspace, PulumiCommand } from "@pulumi/pulumi/automation";
import { ConfigurationError } from "../core/errors";
import type { ExportedResource, StackExport } from "./declared";

const execFileAsync = promisify(execFile);

export interface StackSource {
  /** Backend URL; default the environment's `PULUMI_BACKEND_URL` (or the CLI's login). */
  backend?: string;
  /** Fully qualified stack names; default every stack of the backend. */
  stacks?: string[];
  /** How many exports run at once. @default 4 */
  concurrency?: number;
  /** Called after each stack is read (progress). */
  onStack?(done: number, total: number, name: string): void;
}

/** Runs `work` over `items`, at most `limit` at a time, keeping the order of the results. */
export async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export async function readStacks(source: StackSource): Promise<StackExport[]> {
  // A workspace with no program: the report only reads state. Its folder holds a throwaway
  // Pulumi.yaml, so no project folder of the user's is needed or touched.
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "hb-report-"));
  try {
    const envVars: Record<string, string> = { PULUMI_SKIP_UPDATE_CHECK: "true" };
    if (source.backend) envVars.PULUMI_BACKEND_URL = source.backend;
    const command = await PulumiCommand.get({ skipVersionCheck: true });
    const workspace = await LocalWorkspace.create({
      workDir,
      pulumiCommand: command,
      projectSettings: { name: "hosting-backups-report", runtime: "nodejs" },
      envVars,
    });
    const names = source.stacks?.length
      ? source.stacks
      : (await workspace.listStacks({ all: true })).map((stack) => stack.name);
    let done = 0;
    return await mapLimited(names, source.concurrency ?? 4, async (name) => {
      let exported: { deployment?: { resources?: unknown[] } };
      try {
        // `pulumi stack export` without --show-secrets (Workspace.exportStack adds it): the
        // report needs no secret, so it needs no passphrase and never decrypts one.
        const { stdout } = await execFileAsync(command.command, ["stack", "export", "--stack", name], {
          cwd: workDir,
          env: { ...process.env, ...envVars },
          maxBuffer: 256 * 1024 * 1024,
        });
        exported = JSON.parse(stdout) as typeof exported;
      } catch (error) {
        const said = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
        throw new ConfigurationError(`cannot read stack "${name}": ${said.split("\n").pop()}`);
      }
      const resources = (exported.deployment?.resources ?? []) as ExportedResource[];
      source.onStack?.(++done, names.length, name);
      return { name, resources };
    });
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
