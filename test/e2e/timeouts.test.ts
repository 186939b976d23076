/**
 * Timeouts on each path, with the real engine against a sandbox whose backups take 10 minutes.
 * Plugin (YAML): a resource's `customTimeouts.create` bounds the create when it is smaller than
 * the `timeout` input, and `timeout` does when it is the smaller; the message names the bound.
 * Dynamic (TypeScript): the engine never sends customTimeouts to a dynamic provider, so
 * `timeout` alone bounds the create. Either way the running backup stays in the state.
 */
import * as path from "node:path";
import { buildPlugin, pluginConfig } from "../support/plugin";
import { createTestStack, TestStack } from "../support/pulumi";
import { startTestSandbox, TestSandbox } from "../support/sandbox";

jest.setTimeout(900_000);

const programs = path.join(__dirname, "programs");
let sandbox: TestSandbox;

beforeAll(async () => {
  buildPlugin();
  sandbox = await startTestSandbox();
  await sandbox.timing({ backupMs: 600_000 });
});
afterAll(() => sandbox?.close());

/** Runs `up`, expecting it to fail; its message and how long it took. */
async function failingUp(t: TestStack): Promise<{ message: string; seconds: number }> {
  const started = Date.now();
  const message = await t.stack.up().then(
    () => "",
    (error: Error) => error.message,
  );
  return { message, seconds: (Date.now() - started) / 1000 };
}

/** The resources the state kept, by name → status output. */
async function statuses(t: TestStack): Promise<Record<string, string>> {
  const state = JSON.parse(await t.exportText());
  return Object.fromEntries(
    state.deployment.resources
      .filter((r: { type: string }) => r.type.endsWith("Backup"))
      .map((r: { urn: string; outputs: { status: string } }) => [r.urn.split("::").pop(), r.outputs.status]),
  );
}

describe("the plugin path (Pulumi YAML)", () => {
  let t: TestStack;
  beforeAll(async () => {
    t = await createTestStack(path.join(programs, "plugin-yaml-timeouts"), {
      config: { ...pluginConfig(sandbox), vpsorgServerId: { value: sandbox.target("vpsorg").serverId } },
    });
  });
  afterAll(() => t?.cleanup());

  it("the smaller of customTimeouts and timeout bounds the create, and the message names it", async () => {
    const { message, seconds } = await failingUp(t);
    expect(message).toMatch(
      /VPS\.org backup \d+ did not complete within customTimeouts\.create 2s; it stays in the state/,
    );
    expect(message).toMatch(/VPS\.org backup \d+ did not complete within timeout 3s; it stays in the state/);
    // Both bounds are seconds; the backups take 10 minutes and the default timeout is 60m.
    // (Engine and plugin start-up on a loaded machine take most of this.)
    process.stderr.write(`[timeouts] plugin path: up failed after ${seconds.toFixed(1)} s\n`);
    expect(seconds).toBeLessThan(120);
    expect(await statuses(t)).toEqual({ boundByCustomTimeouts: "running", boundByTimeout: "running" });
  });
});

describe("the dynamic path (TypeScript)", () => {
  let t: TestStack;
  beforeAll(async () => {
    t = await createTestStack(path.join(programs, "backups"), {
      envVars: sandbox.urlEnv(),
      config: sandbox.credentialConfig(),
    });
  });
  afterAll(() => t?.cleanup());

  it("customTimeouts never reach the provider: timeout alone bounds the create", async () => {
    const target = sandbox.target("vpsorg");
    await t.stack.setConfig("e2e-backups:backups", {
      value: JSON.stringify({ slow: { target, description: "dynamic timeout", timeout: "8s" } }),
    });
    await t.stack.setConfig("e2e-backups:options", {
      value: JSON.stringify({ slow: { customTimeouts: { create: "1s" } } }),
    });
    const { message, seconds } = await failingUp(t);
    expect(message).toMatch(/VPS\.org backup \d+ did not complete within timeout 8s; it stays in the state/);
    expect(message).not.toContain("customTimeouts");
    process.stderr.write(`[timeouts] dynamic path: up failed after ${seconds.toFixed(1)} s\n`);
    expect(seconds).toBeGreaterThanOrEqual(8);
    expect(await statuses(t)).toEqual({ slow: "running" });
  });
});
