/**
 * A short outage of every vendor while backups start: the sandbox runs as its own process with
 * a state file; as soon as the first create reaches it, it is stopped (SIGTERM: the port
 * closes, so every request is refused), and 5 seconds later started again from its state file
 * on the same port. The `pulumi up` in progress must ride this out (HTTP core outage budget)
 * and finish with one completed backup per vendor and no duplicate at any vendor.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestStack, repoRoot, type TestStack } from "../support/pulumi";
import { adminClient, type LoggedRequest } from "../support/admin";
import { freePort } from "../support/net";

jest.setTimeout(600_000);

const program = path.join(__dirname, "../e2e/programs/backups");
const OUTAGE_MS = 5_000;

interface SandboxProcess {
  child: ChildProcess;
  url: string;
}

/** The built sandbox CLI (`npm run sandbox`), resolved once it prints that it listens. */
function startSandboxProcess(port: number, stateFile: string): Promise<SandboxProcess> {
  const child = spawn(
    process.execPath,
    [path.join(repoRoot, "dist/sandbox/main.js"), "--port", String(port), "--state", stateFile, "--backup-ms", "1000"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("listening on")) resolve({ child, url: `http://127.0.0.1:${port}` });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`sandbox exited with ${code}: ${output}`)));
  });
}

async function stopSandboxProcess(sandbox: SandboxProcess): Promise<void> {
  if (sandbox.child.exitCode !== null) return;
  const exited = new Promise((resolve) => sandbox.child.once("exit", resolve));
  sandbox.child.kill("SIGTERM");
  await exited;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let dir: string;
let sandbox: SandboxProcess | undefined;
let t: TestStack | undefined;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "hb-outage-"));
});
afterAll(async () => {
  if (sandbox) await stopSandboxProcess(sandbox);
  await t?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

test("a 5-second outage of every vendor while backups start does not fail the run, and takes no duplicate", async () => {
  const port = await freePort();
  const stateFile = path.join(dir, "sandbox-state.json");
  sandbox = await startSandboxProcess(port, stateFile);
  const seed = await adminClient(sandbox.url).seed();
  const base = sandbox.url;
  const backups = {
    kinsta: { target: { vendor: "kinsta", environmentId: seed.kinsta.environmentIds[0] } },
    wpengine: {
      target: { vendor: "wpengine", installId: seed.wpengine.installIds[0] },
      notificationEmails: ["ops@example.com"],
    },
    vpsorg: { target: { vendor: "vpsorg", serverId: String(seed.vpsorg.serverIds[0]) } },
    northflank: { target: { vendor: "northflank", ...seed.northflank.addons[0] } },
  };
  t = await createTestStack(program, {
    envVars: {
      KINSTA_API_URL: `${base}/kinsta/v2`,
      WPENGINE_API_URL: `${base}/wpengine/v1`,
      VPSORG_API_URL: `${base}/vpsorg/api/v1`,
      NORTHFLANK_API_URL: `${base}/northflank/v1`,
      KINSTA_API_KEY: seed.kinsta.apiKey,
      WPENGINE_API_USER: seed.wpengine.user,
      WPENGINE_API_PASSWORD: seed.wpengine.password,
      VPSORG_API_TOKEN: seed.vpsorg.token,
      NORTHFLANK_API_TOKEN: seed.northflank.token,
    },
    config: { "e2e-backups:backups": { value: JSON.stringify(backups) } },
  });

  let finished = false;
  const up = t.stack.up().finally(() => (finished = true));
  up.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled

  // The outage starts as soon as the first create reaches a vendor.
  let creates: LoggedRequest[] = [];
  while (creates.length === 0 && !finished) {
    await sleep(50);
    const requests = await adminClient(base).requests();
    creates = requests.filter((r) => r.method === "POST");
  }
  expect(finished).toBe(false);
  await stopSandboxProcess(sandbox);
  const outageStarted = Date.now();
  await sleep(OUTAGE_MS);
  sandbox = await startSandboxProcess(port, stateFile);
  const outageMs = Date.now() - outageStarted;

  const result = await up;
  expect(result.summary.result).toBe("succeeded");
  for (const name of Object.keys(backups)) expect(result.outputs[name].value.status).toBe("completed");
  // The run was in progress for the whole outage.
  expect(outageMs).toBeGreaterThanOrEqual(OUTAGE_MS);

  // At the vendors: exactly one backup carrying each resource's marker.
  const state = await adminClient(sandbox.url).state();
  for (const name of Object.keys(backups)) {
    const marker = (result.outputs[name].value.marker as string).replace(/^hb:/, "");
    expect(marker).toMatch(/^[0-9a-f]{8}$/);
    expect({ name, copies: recordsCarrying(state, `hb:${marker}`) }).toEqual({ name, copies: 1 });
  }
});

/**
 * How many records of the sandbox state (objects with an `id`) carry `text` in one of their
 * own string fields: one backup counts once, even where the sandbox keeps its tag twice
 * (Kinsta's `tag`, and `note` where the default variant lists it).
 */
function recordsCarrying(value: unknown, text: string): number {
  if (Array.isArray(value)) return value.reduce<number>((n, item) => n + recordsCarrying(item, text), 0);
  if (!value || typeof value !== "object") return 0;
  const fields = Object.values(value);
  const own = "id" in value && fields.some((v) => typeof v === "string" && v.includes(text)) ? 1 : 0;
  return own + fields.reduce<number>((n, v) => n + (typeof v === "object" ? recordsCarrying(v, text) : 0), 0);
}
