/**
 * The lifecycle on the real engine under the sandbox's variants (issue 21): for each set of
 * answers a real account might give where the vendors' documents are silent, one program
 * takes backups on Kinsta, VPS.org and Northflank, restores from them (and to a point in time
 * on Northflank), then a backup deleted out of band leaves the state on refresh, a policy
 * prunes, a point-in-time restore whose backup fails fails the up (second case), and destroy
 * deletes what is left. One engine run per step for all three vendors.
 */
import path from "node:path";
import { createTestStack, type TestStack } from "../support/pulumi";
import { startTestSandbox, type TestSandbox } from "../support/sandbox";
import type { VariantsUpdate } from "../../sandbox";

jest.setTimeout(600_000);

const program = path.join(__dirname, "programs/variants");
let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox?.close());

interface Case {
  name: string;
  variants: VariantsUpdate;
  /** The status the VPS.org restore ends in. */
  vpsorgRestore: "completed" | "accepted";
  /** Whether a later run's policy recognises the Kinsta backups by their marker. */
  kinstaMarkerShows: boolean;
  /** Then a point-in-time restore whose backup fails: the up fails saying so. */
  failingPitr?: boolean;
}

const cases: Case[] = [
  {
    name: "Kinsta tag in name, listed 3 s late, 400 'Bad request format'; VPS.org status after 3 s; Northflank PITR only in the addon's restores, its backup 3 s, restore ids differ, pages without cursor",
    variants: {
      kinsta: { tagIn: "name", listLagMs: 3_000, unknownBackupMessage: "Bad request format" },
      vpsorg: { serverStatus: "delayed", statusDelayMs: 3_000 },
      northflank: { pitrRecord: "addon", pitrBackupMs: 3_000, restoreIds: "different", pagination: "page" },
    },
    vpsorgRestore: "completed",
    kinstaMarkerShows: true,
  },
  {
    name: "Kinsta tag nowhere; VPS.org server read 404, description null; Northflank PITR only as lastRestore",
    variants: {
      kinsta: { tagIn: "nowhere" },
      vpsorg: { serverStatus: "absent-404", nullDescription: true },
      northflank: { pitrRecord: "lastRestore" },
    },
    vpsorgRestore: "accepted",
    kinstaMarkerShows: false,
    failingPitr: true,
  },
];

describe.each(cases)("variants: $name", ({ variants, vpsorgRestore, kinstaMarkerShows, failingPitr }) => {
  let t: TestStack;
  const kinstaEnv = () => sandbox.target("kinsta", 0);
  const kinstaPruned = () => sandbox.target("kinsta", 1);
  const vps = () => sandbox.target("vpsorg", 1);
  const pitrAddon = () => sandbox.target("northflank", 0);
  const nfAddon = () => sandbox.target("northflank", 1);
  const confirm = (target: Record<string, string>) =>
    Object.entries(target)
      .filter(([key]) => key !== "vendor")
      .map(([, value]) => value)
      .join("/");
  const setConfig = (key: string, value: unknown) =>
    t.stack.setConfig(`e2e-variants:${key}`, { value: JSON.stringify(value) });

  beforeAll(async () => {
    await sandbox.reset();
    await sandbox.variants(variants);
    t = await createTestStack(program, { envVars: { ...sandbox.urlEnv(), ...sandbox.credentialEnv() } });
  });
  afterAll(() => t?.cleanup());

  it("up takes every backup and follows every restore; refresh drops one deleted out of band; a policy prunes; destroy deletes", async () => {
    const state = (await sandbox.state()) as { kinsta: { companies: { users: { id: string }[] }[] } };
    const notifiedUserId = state.kinsta.companies[0].users[0].id;
    const kept = { deletionPolicy: "retain" };
    await setConfig("backups", {
      kA: { target: kinstaEnv(), description: "variant a", deletionPolicy: "delete" },
      kB: { target: kinstaEnv(), description: "variant b", deletionPolicy: "delete" },
      kOld: { target: kinstaPruned(), description: "to prune", ...kept },
      kNew: { target: kinstaPruned(), description: "newer", ...kept },
      vA: { target: vps(), description: "variant v", deletionPolicy: "delete" },
      nA: { target: nfAddon(), description: "variant n", deletionPolicy: "delete" },
    });
    await setConfig("restores", {
      kR: { target: kinstaEnv(), backupFrom: "kA", confirm: confirm(kinstaEnv()), notifiedUserId },
      vR: { target: vps(), backupFrom: "vA", confirm: confirm(vps()) },
      nR: { target: nfAddon(), backupFrom: "nA", confirm: confirm(nfAddon()) },
      nP: {
        target: pitrAddon(),
        pointInTime: new Date(Date.now() - 3600_000).toISOString(),
        confirm: confirm(pitrAddon()),
      },
    });
    const up = await t.stack.up();
    const out = (name: string) => up.outputs[name].value as Record<string, unknown>;
    for (const name of ["kA", "kB", "kOld", "kNew", "vA", "nA"]) expect(out(name).status).toBe("completed");
    expect(new Set(["kA", "kB", "kOld", "kNew"].map((name) => out(name).backupId)).size).toBe(4);
    expect(out("kR")).toMatchObject({ status: "completed", restoredBackupId: out("kA").backupId });
    expect(out("vR")).toMatchObject({ status: vpsorgRestore, restoredBackupId: out("vA").backupId });
    expect(out("nR")).toMatchObject({ status: "completed", restoredBackupId: out("nA").backupId });
    expect(out("nP").status).toBe("completed");

    // Deleted out of band: refresh drops it from the state; destroy later finds it gone.
    await sandbox.deleteBackup("kinsta", String(out("kB").backupId));
    const refresh = await t.stack.refresh();
    expect(refresh.summary.resourceChanges?.delete).toBe(1);

    // A policy keeping one backup of the environment holding two.
    await setConfig("policies", {
      keepOne: { target: kinstaPruned(), retention: { keepLast: 1 }, allowInitialPrune: true },
    });
    const pruned = await t.stack.up();
    const policy = pruned.outputs.keepOne.value as { managedCount: number; lastPrunedIds: string[] };
    const listed = (await sandbox.vendorApi("kinsta", kinstaPruned()).list()).map((b) => b.id);
    const two = [String(out("kOld").backupId), String(out("kNew").backupId)];
    if (kinstaMarkerShows) {
      // The policy recognises the provider's backups by marker and prunes the older one.
      expect(policy.lastPrunedIds).toHaveLength(1);
      expect(two).toContain(policy.lastPrunedIds[0]);
      expect(listed).not.toContain(policy.lastPrunedIds[0]);
    } else {
      // With no marker visible, a later run cannot tell the provider's backups: nothing is pruned.
      expect(policy.managedCount).toBe(0);
      expect(policy.lastPrunedIds ?? []).toEqual([]);
      for (const id of two) expect(listed).toContain(id);
    }

    if (failingPitr) {
      await sandbox.variants({ northflank: { pitrBackupOutcome: "failed" } });
      await setConfig("restores", {
        nP2: {
          target: pitrAddon(),
          pointInTime: new Date(Date.now() - 1800_000).toISOString(),
          confirm: confirm(pitrAddon()),
        },
      });
      await expect(t.stack.up()).rejects.toThrow(
        /the backup Northflank makes for a point-in-time restore \(.*\) ended as "failed", so the restore did not run/,
      );
    }

    await t.stack.destroy();
    const left = (await sandbox.vendorApi("kinsta", kinstaEnv()).list()).map((b) => b.id);
    expect(left).not.toContain(String(out("kA").backupId));
    expect((await sandbox.vendorApi("vpsorg", vps()).list()).map((b) => b.id)).not.toContain(
      String(out("vA").backupId),
    );
  });
});
