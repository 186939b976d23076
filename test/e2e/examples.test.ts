/**
 * The quickstart and the release pipeline examples, run as a user would: the real engine,
 * the TypeScript programs in examples/, against the sandbox.
 */
import * as path from "node:path";
import { createTestStack, TestStack } from "../support/pulumi";
import { startTestSandbox, TestSandbox, VENDORS } from "../support/sandbox";

jest.setTimeout(600_000);

const examples = path.resolve(__dirname, "../../examples");
let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox?.close());

describe("examples/quickstart", () => {
  let t: TestStack;
  beforeAll(async () => {
    t = await createTestStack(path.join(examples, "quickstart"), {
      envVars: { ...sandbox.urlEnv(), ...sandbox.credentialEnv() },
    });
  });
  afterAll(() => t?.cleanup());

  it("takes a backup on every vendor, applies the policy and runs the restore drill", async () => {
    const up = await t.stack.up({ refresh: true });
    const { backups, restoreDrill, retention } = Object.fromEntries(
      Object.entries(up.outputs).map(([key, output]) => [key, output.value]),
    );
    for (const vendor of VENDORS) expect(backups[vendor].status).toBe("completed");
    expect(restoreDrill.status).toBe("completed");
    expect(restoreDrill.restoredBackupId).toBe(backups.kinsta.backupId);
    expect(retention.backupCount).toBeGreaterThan(0);

    // A second run converges: nothing to do.
    const again = await t.stack.preview({ refresh: true });
    expect(Object.keys(again.changeSummary)).toEqual(["same"]);
  });

  it("destroys cleanly", async () => {
    const destroy = await t.stack.destroy();
    expect(destroy.summary.resourceChanges?.delete).toBe(7);
  });
});

describe("examples/release-pipeline", () => {
  let t: TestStack;
  const sites = () => VENDORS.map((vendor) => ({ name: vendor, target: sandbox.target(vendor) }));
  beforeAll(async () => {
    t = await createTestStack(path.join(examples, "release-pipeline"), {
      envVars: { ...sandbox.urlEnv(), ...sandbox.credentialEnv() },
      config: {
        "release-pipeline:release": { value: "v1.0.0" },
        "release-pipeline:sites": { value: JSON.stringify(sites()) },
      },
    });
  });
  afterAll(() => t?.cleanup());

  it("backs up every site before the deploy, and takes fresh backups for the next release", async () => {
    const first = await t.stack.up();
    expect(first.outputs.deployed.value).toBe("v1.0.0");
    // The gate saw every site's backup completed before the deploy ran.
    const firstSeen = first.outputs.preReleaseBackups.value;
    expect(firstSeen.map((b: { name: string }) => b.name)).toEqual(sites().map((s) => `${s.name}-pre-release`));
    expect(firstSeen.every((b: { status: string }) => b.status === "completed")).toBe(true);
    const firstIds = firstSeen.map((b: { backupId: string }) => b.backupId);
    for (const id of firstIds) expect(id).toMatch(/\S/);

    await t.stack.setConfig("release-pipeline:release", { value: "v1.1.0" });
    const second = await t.stack.up();
    // Four backups, the gate and the deploy.
    expect(second.summary.resourceChanges).toEqual({ same: 1, replace: 6 });
    expect(second.outputs.deployed.value).toBe("v1.1.0");
    const secondIds = second.outputs.preReleaseBackups.value.map((b: { backupId: string }) => b.backupId);
    for (const id of secondIds) expect(firstIds).not.toContain(id);
  });
});
