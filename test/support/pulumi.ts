/**
 * Drives the real Pulumi engine for tests: the CLI chosen by scripts/ensure-pulumi.sh, a
 * file backend in a fresh temporary folder per stack, a passphrase secrets provider, and
 * no network.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation";

export const repoRoot = path.resolve(__dirname, "../..");

let command: Promise<PulumiCommand> | undefined;

/** The project-local (or user's) Pulumi CLI. Fails with a hint when it was never set up. */
export function pulumiCommand(): Promise<PulumiCommand> {
  if (!command) {
    const rootFile = path.join(repoRoot, ".tools", "pulumi-root");
    if (!fs.existsSync(rootFile)) {
      throw new Error("No Pulumi CLI set up: run `npm test` (or scripts/ensure-pulumi.sh) first.");
    }
    const root = fs.readFileSync(rootFile, "utf8").trim();
    command = PulumiCommand.get({ root });
  }
  return command;
}

export const PASSPHRASE = "test-passphrase";

let stackCounter = 0;

export interface TestStack {
  stack: Stack;
  /** `pulumi stack export` as the CLI prints it (secrets encrypted, unlike `Stack.exportStack`). */
  exportText(): Promise<string>;
  /** Runs the CLI on this stack (its backend, home and passphrase) and returns what it printed. */
  cli(args: string[]): Promise<string>;
  /** The temporary folder holding this stack's state (file backend) and PULUMI_HOME. */
  stateDir: string;
  /** Removes the stack's temporary folders. */
  cleanup(): Promise<void>;
}

/** Creates a fresh stack of the program in `programDir` with its own file backend. */
export async function createTestStack(
  programDir: string,
  options: {
    stackName?: string;
    envVars?: Record<string, string>;
    config?: Record<string, { value: string; secret?: boolean }>;
  } = {},
): Promise<TestStack> {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "hb-state-"));
  const home = path.join(stateDir, "home");
  fs.mkdirSync(home);
  const stack = await LocalWorkspace.createStack(
    // A unique stack name: the stack's config file lives in the shared program folder.
    { workDir: programDir, stackName: options.stackName ?? `t${process.pid}-${++stackCounter}` },
    {
      pulumiCommand: await pulumiCommand(),
      pulumiHome: home,
      envVars: {
        PULUMI_BACKEND_URL: `file://${stateDir}`,
        PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        ...options.envVars,
      },
    },
  );
  if (options.config) await stack.setAllConfig(options.config);
  const env = { ...stack.workspace.envVars };
  async function cli(args: string[]): Promise<string> {
    const { command } = await pulumiCommand();
    return execFileSync(command, [...args, "--stack", stack.name], {
      cwd: programDir,
      env: { ...process.env, ...env, PULUMI_HOME: home },
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
  }
  return {
    stack,
    stateDir,
    cli,
    exportText: () => cli(["stack", "export"]),
    async cleanup() {
      await stack.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
