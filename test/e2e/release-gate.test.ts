/**
 * The release pipeline that does not wait in line, end to end: the real Pulumi engine against
 * the sandbox, whose clock runs faster than real time so minute-long backups take seconds.
 * Backups declared with `waitForCompletion: false` return once the vendor accepted them, one
 * `BackupGate` waits for all of them at once, and the deploy depends on the gate. Per-resource
 * waiting (the default) keeps its semantics.
 */
import * as path from "node:path";
import { createTestStack, type TestStack } from "../support/pulumi";
import { requiredBackupArgs, startTestSandbox, type TestSandbox, type VendorName } from "../support/sandbox";

jest.setTimeout(600_000);

const program = path.join(__dirname, "programs/release-gate");
/** Each backup takes a sandbox minute; the clock runs 10× real time, so 6 s of real time. */
const BACKUP_MS = 60_000;
const CLOCK_RATE = 10;

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  await sandbox.timing({ backupMs: BACKUP_MS });
  await sandbox.clockRate(CLOCK_RATE);
});
afterAll(() => sandbox?.close());

/** Six sites over four vendors (two Kinsta environments: Kinsta's ids come only with completion). */
function sites() {
  const site = (name: string, vendor: VendorName, index = 0) => ({
    name,
    target: sandbox.target(vendor, index),
    args: requiredBackupArgs(vendor),
  });
  return [
    site("kinsta-live", "kinsta", 0),
    site("kinsta-staging", "kinsta", 1),
    site("vps-web", "vpsorg", 0),
    site("vps-db", "vpsorg", 1),
    site("northflank-db", "northflank", 0),
    site("wpengine-shop", "wpengine", 0),
  ];
}

async function releaseStack(mode: "gate" | "per-resource", release: string): Promise<TestStack> {
  const t = await createTestStack(program, { envVars: sandbox.urlEnv(), config: sandbox.credentialConfig() });
  await t.stack.setAllConfig({
    "e2e-release-gate:sites": { value: JSON.stringify(sites()) },
    "e2e-release-gate:mode": { value: mode },
    "e2e-release-gate:release": { value: release },
  });
  return t;
}

/** Sandbox times (its clock) of the backup creates logged since the last clear. */
async function createTimes(): Promise<number[]> {
  const creates = /\/(environments\/[^/]+\/manual-backups|backups\/?|installs\/[^/]+\/backups|addons\/[^/]+\/backups)$/;
  return (await sandbox.requests())
    .filter((r) => r.method === "POST" && creates.test(r.path.split("?")[0]))
    .map((r) => Date.parse(r.at))
    .sort((a, b) => a - b);
}

describe("a release pipeline with a BackupGate", () => {
  let t: TestStack;
  afterAll(() => t?.cleanup());

  it("takes every backup at once at a low parallelism, and deploys only after the gate saw all completed", async () => {
    t = await releaseStack("gate", "v1");
    await sandbox.clearRequests();
    // Two slots: per-resource waiting would take three backup durations in line.
    const up = await t.stack.up({ parallel: 2 });
    expect(up.summary.resourceChanges).toEqual({ create: 9 });

    // Every create went out before the first backup could complete: nobody waited in line.
    const creates = await createTimes();
    expect(creates).toHaveLength(6);
    expect(creates[creates.length - 1] - creates[0]).toBeLessThan(BACKUP_MS);

    const gate = up.outputs.gate.value;
    expect(gate.status).toBe("completed");
    expect(gate.completedBackups.map((b: { name: string }) => b.name)).toEqual(sites().map((s) => s.name));
    for (const seen of gate.completedBackups) expect(seen).toMatchObject({ status: "completed" });
    // The deploy ran after the gate saw the last backup complete.
    expect(Date.parse(up.outputs.deployedAt.value)).toBeGreaterThanOrEqual(Date.parse(gate.completedAt));

    // The Backups returned once accepted: not completed in their own state...
    const backups = up.outputs.backups.value;
    for (const name of ["vps-web", "vps-db", "northflank-db", "wpengine-shop"]) {
      expect(backups[name].status).toBe("pending");
      expect(backups[name].backupId).not.toBe("");
    }
    // ...and a Kinsta backup is known by its operation until it is listed; the gate found its id.
    expect(backups["kinsta-live"]).toMatchObject({ backupId: "", status: "pending" });
    expect(backups["kinsta-live"].operationId).toMatch(/\S/);
    const kinstaSeen = gate.completedBackups.find((b: { name: string }) => b.name === "kinsta-live");
    expect(kinstaSeen.backupId).toMatch(/^\d+$/);
    const atKinsta = (await sandbox.vendorApi("kinsta", sandbox.target("kinsta", 0)).list()).find(
      (b) => b.id === kinstaSeen.backupId,
    );
    expect(atKinsta?.description).toBe(`pre-release v1 hb:${backups["kinsta-live"].marker}`);
  });

  it("refresh fills the Kinsta backup ids in; a second up changes nothing", async () => {
    const gate = (await t.stack.outputs()).gate.value;
    await t.stack.refresh();
    const after = await t.stack.up();
    expect(after.summary.resourceChanges).toEqual({ same: 9 });
    const backups = after.outputs.backups.value;
    const kinstaSeen = gate.completedBackups.find((b: { name: string }) => b.name === "kinsta-live");
    expect(backups["kinsta-live"]).toMatchObject({ backupId: kinstaSeen.backupId, status: "completed" });
    expect(backups["kinsta-live"].id).toBe(
      `kinsta/${sandbox.target("kinsta", 0).environmentId}/${kinstaSeen.backupId}`,
    );
    expect(backups["vps-web"].status).toBe("completed");
  });

  it("a new release replaces the backups and the gate; the gate's preview shows it will wait again", async () => {
    await t.stack.setConfig("e2e-release-gate:release", { value: "v2" });
    const preview = await t.stack.preview();
    expect(preview.changeSummary).toMatchObject({ replace: 8 });
    const up = await t.stack.up({ parallel: 2 });
    expect(up.summary.resourceChanges).toMatchObject({ replace: 8 });
    expect(up.outputs.gate.value.status).toBe("completed");
  });

  it("destroy deletes the Kinsta backups taken without waiting, whose ids the state never held", async () => {
    const markers = Object.values((await t.stack.outputs()).backups.value as Record<string, { marker: string }>).map(
      (b) => b.marker,
    );
    await t.stack.destroy();
    for (const index of [0, 1]) {
      const left = await sandbox.vendorApi("kinsta", sandbox.target("kinsta", index)).list();
      expect(left.filter((b) => markers.some((m) => b.description?.includes(`hb:${m}`)))).toEqual([]);
    }
  });
});

describe("a failing backup", () => {
  let t: TestStack;
  afterAll(() => t?.cleanup());

  it("makes the gate fail naming it, and the deploy does not run", async () => {
    t = await releaseStack("gate", "v3");
    const up = t.stack.up({ parallel: 2 });
    // While the backups run, VPS.org's db-server backup fails at the vendor.
    let failed: string | undefined;
    for (let tries = 0; tries < 600 && !failed; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const state = (await sandbox.state()) as {
        vpsorg: { backups: { id: number; server_id?: number; serverId?: number; description?: string }[] };
      };
      const backup = state.vpsorg.backups.find(
        (b) =>
          b.description?.startsWith("pre-release v3") &&
          String(b.serverId ?? b.server_id) === sandbox.target("vpsorg", 1).serverId,
      );
      if (backup) {
        await sandbox.patchBackup("vpsorg", String(backup.id), { status: "failed" });
        failed = String(backup.id);
      }
    }
    const error = await up.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failed).toBeDefined();
    expect(String(error)).toMatch(/1 of 6 backups did not complete/);
    expect(String(error)).toMatch(
      new RegExp(`vps-db \\(vpsorg/${sandbox.target("vpsorg", 1).serverId}/${failed}\\): failed at the vendor`),
    );
    // Only the failed one is named.
    expect(String(error)).not.toMatch(/vps-web \(/);
    const resources = (await t.stack.exportStack()).deployment.resources ?? [];
    expect(resources.some((r: { urn: string }) => r.urn.endsWith("::deploy"))).toBe(false);
    expect(resources.some((r: { urn: string }) => r.urn.endsWith("::pre-release"))).toBe(false);
  });

  it("after a refresh sees the failure, the next up takes that backup again and the gate passes", async () => {
    await t.stack.refresh();
    const up = await t.stack.up({ parallel: 2 });
    expect(up.summary.resourceChanges).toMatchObject({ replace: 1, create: 2 });
    expect(up.outputs.gate.value.status).toBe("completed");
    expect(up.outputs.deployedAt.value).toMatch(/\S/);
    await t.stack.destroy();
  });
});

describe("per-resource waiting (the default) is unchanged", () => {
  it("each Backup waits for its own backup, so at two slots they wait in line", async () => {
    const t = await releaseStack("per-resource", "v4");
    try {
      await sandbox.clearRequests();
      const up = await t.stack.up({ parallel: 2 });
      expect(up.summary.resourceChanges).toEqual({ create: 8 });
      for (const backup of Object.values(
        up.outputs.backups.value as Record<string, { status: string; backupId: string }>,
      )) {
        expect(backup.status).toBe("completed");
        expect(backup.backupId).toMatch(/\S/);
      }
      // Six backups, two slots: the last create waited for at least two backups ahead of it.
      const creates = await createTimes();
      expect(creates).toHaveLength(6);
      expect(creates[creates.length - 1] - creates[0]).toBeGreaterThanOrEqual(2 * BACKUP_MS);
      await t.stack.destroy();
    } finally {
      await t.cleanup();
    }
  });
});
