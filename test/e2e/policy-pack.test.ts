/**
 * The policy pack shipped with the package (policy-pack/), run by the real engine in
 * `pulumi preview --policy-pack` through the analyzer plugin setup installs: a preview that
 * breaks a rule fails naming it, one that keeps the rules passes, and a rule's enforcement
 * level comes from the policy config.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createTestStack, repoRoot, type TestStack } from "../support/pulumi";
import { startTestSandbox, type TestSandbox } from "../support/sandbox";

jest.setTimeout(600_000);

const program = path.join(__dirname, "programs/report");
// The executable form: the Node language host built here cannot run a pack folder (docs/policy-pack.md).
const pack = path.join(repoRoot, "policy-pack", "analyzer");
let sandbox: TestSandbox;
let t: TestStack;
let configDir: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  t = await createTestStack(program, { envVars: { ...sandbox.urlEnv(), ...sandbox.credentialEnv() } });
  configDir = fs.mkdtempSync(path.join(os.tmpdir(), "hb-policy-config-"));
});
afterAll(async () => {
  await t?.cleanup();
  if (configDir) fs.rmSync(configDir, { recursive: true, force: true });
  await sandbox?.close();
});

async function previewWith(declared: Record<string, unknown>, config: Record<string, unknown> = {}) {
  for (const key of ["backups", "policies", "restores"])
    await t.stack.setConfig(`e2e-report:${key}`, { value: JSON.stringify(declared[key] ?? {}) });
  const configFile = path.join(configDir, `config-${Date.now()}.json`);
  fs.writeFileSync(configFile, JSON.stringify(config));
  await sandbox.clearRequests();
  return t.stack.preview({ policyPacks: [pack], policyPackConfigs: [configFile] }).then(
    (result) => ({ ok: true as const, output: result.stdout }),
    (error: Error) => ({ ok: false as const, output: error.message }),
  );
}

const web = () => sandbox.target("vpsorg", 0);

it("fails a preview that backs up a target without a freshness promise, naming the rule and target", async () => {
  const result = await previewWith({ backups: { release: { target: web(), description: "release" } } });
  expect(result.ok).toBe(false);
  expect(result.output).toContain("backup-policy-with-freshness");
  expect(result.output).toContain(
    `target vpsorg/${web().serverId} is backed up (release) but no BackupPolicy promises its freshness`,
  );
});

it("fails a preview whose retention is below the configured minimum", async () => {
  const result = await previewWith(
    { policies: { nightly: { target: web(), freshness: { maxAgeHours: 24 }, retention: { keepLast: 1 } } } },
    { "retention-minimum": { minKeepLast: 3 } },
  );
  expect(result.ok).toBe(false);
  expect(result.output).toContain(`retention.keepLast 1 on vpsorg/${web().serverId} is below the minimum of 3`);
});

it("passes a preview that keeps the rules", async () => {
  const result = await previewWith(
    {
      backups: { release: { target: web(), description: "release" } },
      policies: { nightly: { target: web(), freshness: { maxAgeHours: 24 }, retention: { keepLast: 5 } } },
    },
    { "retention-minimum": { minKeepLast: 3 } },
  );
  expect(result).toMatchObject({ ok: true });
});

it("takes each rule's enforcement level from the policy config: advisory reports and passes", async () => {
  const result = await previewWith(
    { backups: { release: { target: web(), description: "release" } } },
    { "backup-policy-with-freshness": "advisory" },
  );
  expect(result.ok).toBe(true);
  expect(result.output).toContain("no BackupPolicy promises its freshness");
  expect(result.output).toMatch(/advisory/);
});
