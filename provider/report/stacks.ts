/**
 * Reads stacks through the Automation API: any backend the Pulumi CLI supports (a file
 * backend, PostgreSQL or another DIY backend, Pulumi Cloud), chosen as for the CLI by
 * `PULUMI_BACKEND_URL` or `--backend`. One `pulumi stack export` per stack, a few at a time.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LocalWorkspace, PulumiCommand } from "@pulumi/pulumi/automation";
import { ConfigurationError } from "../core/errors";
import type { ExportedResource, StackExport } from "./declared";

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
    const workspace = await LocalWorkspace.create({
      workDir,
      pulumiCommand: await PulumiCommand.get({ skipVersionCheck: true }),
      projectSettings: { name: "hosting-backups-report", runtime: "nodejs" },
      envVars,
    });
    const names = source.stacks?.length
      ? source.stacks
      : (await workspace.listStacks({ all: true })).map((stack) => stack.name);
    let done = 0;
    return await mapLimited(names, source.concurrency ?? 4, async (name) => {
      let exported;
      try {
        exported = await workspace.exportStack(name);
      } catch (error) {
        throw new ConfigurationError(`cannot read stack "${name}": ${(error as Error).message.split("\n")[0]}`);
      }
      const resources = (exported.deployment?.resources ?? []) as ExportedResource[];
      source.onStack?.(++done, names.length, name);
      return { name, resources };
    });
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
