/**
 * BackupPolicy end to end: the real Pulumi engine (Automation API, file backend) against
 * the sandbox. One stack per vendor, reused across the steps of that vendor's story:
 * preview shows the planned work without doing it, `up --refresh` does exactly that, a
 * second `up --refresh` changes nothing, out-of-band changes show as drift.
 */
import * as path from "node:path";
import { vendors } from "../../provider/vendors/registry";
import type { VendorBackup } from "../../provider/vendors/vendor";
import { CALLS, matching } from "../support/routes";
import { createTestStack, TestStack } from "../support/pulumi";
import { startTestSandbox, TestSandbox, VendorName } from "../support/sandbox";

jest.setTimeout(600_000);

const program = path.join(__dirname, "programs/policies");
const HOUR = 3600_000;

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  // Kinsta allows 5 backup creations a minute; the stories below seed faster than that.
  await sandbox.admin("POST", "/timing", { rateLimit: { "kinsta-create": null } });
});
afterAll(() => sandbox?.close());

/** The vendor's own API (through our client, against the sandbox): what a user does out of band. */
function vendorApi(vendor: VendorName) {
  const api = sandbox.vendorApi(vendor);
  return { ...api, ids: async () => (await api.list()).map((b) => b.id) };
}

const takenAt = (b: VendorBackup) => Date.parse(b.createdAt ?? b.completedAt ?? "");
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A planned prune as the preview shows it: `"<id> (<YYYY-MM-DD>): <rule>`. */
const planned = (id: string, rule: string) => new RegExp(`"${escape(id)} \\(\\d{4}-\\d\\d-\\d\\d\\): ${escape(rule)}`);
/** The planned freshness backup (no age in hours: it must read the same at preview and at up). */
const STALE = /newest completed backup \S+ \(\d{4}-\d\d-\d\dT\d\d:\d\dZ\) is older than maxAgeHours 24/;
const hex8 = () =>
  Math.floor(Math.random() * 0xffffffff)
    .toString(16)
    .padStart(8, "0");

/**
 * Takes completed backups "created through this provider" (marked descriptions), as Backup
 * resources with deletionPolicy "retain" would have left them, then dates them `ageHours` ago.
 * Returns their ids in the order given.
 */
async function seedManaged(vendor: VendorName, ageHours: number[]): Promise<string[]> {
  const api = vendorApi(vendor);
  const ids: string[] = [];
  for (const [i, age] of ageHours.entries()) {
    const description = `seed ${i} hb:${hex8()}`;
    const pending = await api.client.startBackup(api.fields, { description, options: {} });
    let progress = await api.client.checkBackup(api.fields, pending, description);
    for (let tries = 0; progress.state !== "completed" && tries < 50; tries++) {
      if (progress.state === "failed") throw new Error(`seed backup failed: ${progress.reason}`);
      await new Promise((r) => setTimeout(r, 100));
      progress = await api.client.checkBackup(api.fields, pending, description);
    }
    if (progress.state !== "completed") throw new Error("seed backup did not complete");
    const id = progress.backup.id;
    await sandbox.patchBackup(vendor, id, { createdAt: new Date(Date.now() - age * HOUR).toISOString() });
    ids.push(id);
  }
  return ids;
}

/** Dates every backup of the target taken less than `hours` ago back to `hours` ago. */
async function ageAll(vendor: VendorName, hours: number) {
  const cutoff = Date.now() - hours * HOUR;
  for (const b of await vendorApi(vendor).list()) {
    if (!(takenAt(b) < cutoff)) {
      await sandbox.patchBackup(vendor, b.id, { createdAt: new Date(cutoff - 60_000).toISOString() });
    }
  }
}

/** One story per vendor; `policyArgs` gives the vendor's extra inputs. */
function policyStack(vendor: VendorName) {
  const state = { t: undefined as TestStack | undefined };
  const setPolicy = (args: Record<string, unknown> | undefined) =>
    state.t!.stack.setConfig("e2e-policies:policies", {
      value: JSON.stringify(args ? { policy: { target: sandbox.target(vendor), ...args } } : {}),
    });
  const outputs = async () => (await state.t!.stack.outputs()).policy?.value;
  /** The policy's outputs in the state (refreshed by `refresh`, unlike the stack outputs). */
  const policyState = async () => {
    const resources = (await state.t!.stack.exportStack()).deployment.resources as {
      type: string;
      outputs: Record<string, unknown>;
    }[];
    return resources.find((r) => r.type === "pulumi-nodejs:dynamic/hostingbackups:BackupPolicy")!.outputs;
  };
  beforeAll(async () => {
    state.t = await createTestStack(program, { envVars: sandbox.urlEnv(), config: sandbox.credentialConfig() });
  });
  afterAll(() => state.t?.cleanup());
  return { stack: () => state.t!.stack, setPolicy, outputs, policyState };
}

describe.each(["kinsta", "vpsorg", "northflank"] as VendorName[])(
  "BackupPolicy retention and freshness on %s",
  (vendor) => {
    const { stack, setPolicy, outputs, policyState } = policyStack(vendor);
    const api = () => vendorApi(vendor);
    const weekly = { interval: "weekly", minute: [0], hour: [4], day: [6], retentionDays: 30 };
    const extra = vendor === "northflank" ? { schedule: weekly } : {};
    const retention = { keepLast: 2, maxAgeDays: 30 };
    let seeded: string[] = [];
    let unmanagedBefore: string[] = [];

    it("creates the policy; with nothing managed yet nothing is pruned", async () => {
      await setPolicy({ retention, ...extra });
      const up = await stack().up();
      expect(up.summary.resourceChanges).toEqual({ create: 2 });
      const out = up.outputs.policy.value;
      const key = vendors[vendor].targetKey(api().fields as never);
      expect(out.id).toBe(`${key}/policy`);
      expect(out.targetKey).toBe(key);
      expect(out.managedCount).toBe(0);
      expect(out.lastPrunedIds).toEqual([]);
      expect(out.backupCount).toBe((await api().list()).length);
    });

    it("preview --refresh --diff lists the planned prunes without doing them", async () => {
      seeded = await seedManaged(vendor, [2, 26, 50, 74]);
      const all = await api().list();
      unmanagedBefore = all.filter((b) => !seeded.includes(b.id)).map((b) => b.id);
      // The vendor's automatic backups are there too (Northflank's list does not mark the ones its
      // schedules took, so the client reports them as manual: they carry no provider marker).
      const automatic =
        vendor === "northflank"
          ? all.filter((b) => /^Scheduled /.test(b.description ?? ""))
          : all.filter((b) => !b.manual);
      expect(automatic.length).toBeGreaterThan(0);

      const preview = await stack().preview({ refresh: true, diff: true });
      expect(preview.changeSummary).toEqual({ same: 1, update: 1 });
      expect(preview.stdout).toContain("plannedPrunes");
      expect(preview.stdout).toMatch(planned(seeded[2], "beyond keepLast 2 (3rd newest)"));
      expect(preview.stdout).toMatch(planned(seeded[3], "beyond keepLast 2 (4th newest)"));
      expect(preview.stdout).not.toMatch(planned(seeded[1], ""));
      expect(await api().ids()).toEqual(expect.arrayContaining(seeded));
    });

    it("up --refresh prunes exactly those, and leaves every other backup alone", async () => {
      const up = await stack().up({ refresh: true });
      expect(up.summary.resourceChanges?.update).toBe(1);
      const out = up.outputs.policy.value;
      expect([...out.lastPrunedIds].sort()).toEqual([seeded[2], seeded[3]].sort());
      expect(out.managedCount).toBe(2);
      const ids = await api().ids();
      expect(ids).not.toContain(seeded[2]);
      expect(ids).not.toContain(seeded[3]);
      expect(ids).toEqual(expect.arrayContaining([seeded[0], seeded[1], ...unmanagedBefore]));
    });

    it("a second up --refresh reports no changes", async () => {
      const up = await stack().up({ refresh: true });
      expect(up.summary.resourceChanges).toEqual({ same: 2 });
    });

    it("an out-of-band change shows as drift: a backup made old is planned for pruning, then pruned", async () => {
      await sandbox.patchBackup(vendor, seeded[1], { createdAt: new Date(Date.now() - 40 * 24 * HOUR).toISOString() });
      const preview = await stack().preview({ refresh: true, diff: true });
      expect(preview.changeSummary).toEqual({ same: 1, update: 1 });
      expect(preview.stdout).toMatch(planned(seeded[1], "older than maxAgeDays 30 (40 days old)"));
      expect(await api().ids()).toContain(seeded[1]);

      const up = await stack().up({ refresh: true });
      expect(up.outputs.policy.value.lastPrunedIds).toEqual([seeded[1]]);
      const ids = await api().ids();
      expect(ids).not.toContain(seeded[1]);
      // The newest managed backup is never pruned; the rest was never managed.
      expect(ids).toEqual(expect.arrayContaining([seeded[0], ...unmanagedBefore]));
    });

    it("an out-of-band delete shows in the refreshed inventory", async () => {
      await sandbox.deleteBackup(vendor, seeded[0]);
      expect((await policyState()).managedCount).toBe(1);
      await stack().refresh();
      // Stack outputs change only on `up`; the resource's state shows the refreshed inventory.
      expect((await policyState()).managedCount).toBe(0);
      expect((await policyState()).newestCompletedBackupId).not.toBe(seeded[0]);
      expect((await stack().preview({ refresh: true })).changeSummary).toEqual({ same: 2 });
    });

    it("freshness takes a backup only when the newest completed backup is too old", async () => {
      const [recent] = await seedManaged(vendor, [1]);
      await setPolicy({ retention, freshness: { maxAgeHours: 24 }, ...extra });
      const before = (await api().list()).length;
      const up = await stack().up({ refresh: true });
      expect(up.summary.resourceChanges).toEqual({ same: 1, update: 1 });
      expect(up.outputs.policy.value.lastBackupId).toBeUndefined();
      expect((await api().list()).length).toBe(before);

      await ageAll(vendor, 30);
      const preview = await stack().preview({ refresh: true, diff: true });
      expect(preview.changeSummary).toEqual({ same: 1, update: 1 });
      expect(preview.stdout).toMatch(STALE);
      expect((await api().list()).length).toBe(before);

      const taken = await stack().up({ refresh: true });
      const out = taken.outputs.policy.value;
      expect(out.lastBackupId).toBeDefined();
      const backup = (await api().list()).find((b) => b.id === out.lastBackupId);
      expect(backup?.state).toBe("completed");
      expect(backup?.description).toMatch(/^pulumi policy hb:[0-9a-f]{8}$/);
      expect(out.newestCompletedBackupId).toBe(out.lastBackupId);
      expect(out.managedCount).toBe(2); // `recent` and the new one: keepLast 2
      expect(await api().ids()).toContain(recent);

      const again = await stack().up({ refresh: true });
      expect(again.summary.resourceChanges).toEqual({ same: 2 });
    });

    if (vendor === "vpsorg") {
      it("respects VPS.org's 10 manual backups per server: prunes the oldest managed one first", async () => {
        // A changed policy is applied by the update itself; the refresh before it plans with the
        // policy as deployed. Deploy the freshness-only policy first (nothing to do: fresh).
        await setPolicy({ freshness: { maxAgeHours: 24 } });
        expect((await stack().up({ refresh: true })).outputs.policy.value.lastPrunedIds).toEqual([]);
        const manualNow = (await api().list()).filter((b) => b.manual).length;
        const more = await seedManaged(
          vendor,
          Array.from({ length: 10 - manualNow }, (_, i) => 40 + i),
        );
        expect((await api().list()).filter((b) => b.manual).length).toBe(10);
        await ageAll(vendor, 30);
        const oldest = more[more.length - 1];

        const preview = await stack().preview({ refresh: true, diff: true });
        expect(preview.stdout).toMatch(planned(oldest, "making room: VPS.org allows 10 manual backups per server"));
        const up = await stack().up({ refresh: true });
        const out = up.outputs.policy.value;
        expect(out.lastPrunedIds).toEqual([oldest]);
        const after = await api().list();
        expect(after.filter((b) => b.manual).length).toBe(10);
        expect(after.map((b) => b.id)).toContain(out.lastBackupId);
        expect(after.map((b) => b.id)).toEqual(expect.arrayContaining(unmanagedBefore));
        expect((await stack().up({ refresh: true })).summary.resourceChanges).toEqual({ same: 2 });
      });

      it("keeps its state small and credentials out of it", async () => {
        const exported = await stack().exportStack();
        const policies = (exported.deployment.resources as { type: string }[]).filter(
          (r) => r.type === "pulumi-nodejs:dynamic/hostingbackups:BackupPolicy",
        );
        expect(policies).toHaveLength(1);
        for (const secret of sandbox.secrets()) expect(JSON.stringify(policies)).not.toContain(secret);
        expect(JSON.stringify(policies[0]).length).toBeLessThan(4096);
      });
    }

    if (vendor === "northflank") {
      it("creates its schedule; one deleted out of band shows as drift and is recreated", async () => {
        const schedules = () => api().client.schedules!.list(api().fields);
        const [scheduleId] = (await outputs()).scheduleIds;
        expect((await schedules()).find((s) => s.id === scheduleId)).toMatchObject({
          interval: "weekly",
          backupType: "snapshot",
          retentionDays: 30,
        });

        await api().client.schedules!.delete(api().fields, scheduleId);
        const preview = await stack().preview({ refresh: true, diff: true });
        expect(preview.changeSummary).toEqual({ same: 1, update: 1 });
        expect(preview.stdout).toContain("create weekly snapshot schedule (missing at Northflank)");

        const up = await stack().up({ refresh: true });
        const [recreated] = up.outputs.policy.value.scheduleIds;
        expect(recreated).not.toBe(scheduleId);
        expect((await schedules()).map((s) => s.id)).toContain(recreated);
        expect((await stack().up({ refresh: true })).summary.resourceChanges).toEqual({ same: 2 });
      });
    }

    it("destroy removes the policy's schedules but never a backup", async () => {
      const before = (await api().ids()).sort();
      const ours: string[] = (await outputs()).scheduleIds;
      const schedulesBefore =
        vendor === "northflank" ? (await api().client.schedules!.list(api().fields)).map((s) => s.id) : [];
      const destroy = await stack().destroy();
      expect(destroy.summary.resourceChanges).toEqual({ delete: 2 });
      expect((await api().ids()).sort()).toEqual(before);
      if (vendor === "northflank") {
        expect(ours).toHaveLength(1);
        const left = (await api().client.schedules!.list(api().fields)).map((s) => s.id);
        // Ours is gone; the schedule that existed before the policy (the seeded daily one) stays.
        expect(left.sort()).toEqual(schedulesBefore.filter((id) => !ours.includes(id)).sort());
        expect(left.length).toBeGreaterThan(0);
      }
    });
  },
);

describe("BackupPolicy on wpengine", () => {
  const { stack, setPolicy } = policyStack("wpengine");
  const api = () => vendorApi("wpengine");

  it("rejects retention at preview, naming what WP Engine's API lacks", async () => {
    await setPolicy({ retention: { keepLast: 3 } });
    const failed = stack().preview();
    await expect(failed).rejects.toThrow(/retention/);
    await expect(failed).rejects.toThrow(/WP Engine's API has no delete-backup endpoint/);
  });

  it("freshness works: a backup is taken when the newest is too old, and only then", async () => {
    await ageAll("wpengine", 30);
    await setPolicy({ freshness: { maxAgeHours: 24 }, notificationEmails: ["ops@example.com"] });
    const before = await api().ids();
    const up = await stack().up();
    expect(up.summary.resourceChanges).toEqual({ create: 2 });
    const out = up.outputs.policy.value;
    expect(before).not.toContain(out.lastBackupId);
    const taken = (await api().list()).find((b) => b.id === out.lastBackupId);
    expect(taken?.state).toBe("completed");
    expect(taken?.description).toMatch(/^pulumi policy hb:[0-9a-f]{8}$/);

    // Fresh now: nothing to do.
    expect((await stack().up({ refresh: true })).summary.resourceChanges).toEqual({ same: 2 });
    expect((await api().ids()).length).toBe(before.length + 1);

    await ageAll("wpengine", 30);
    const preview = await stack().preview({ refresh: true, diff: true });
    expect(preview.stdout).toMatch(STALE);
    const again = await stack().up({ refresh: true });
    expect(again.outputs.policy.value.lastBackupId).not.toBe(out.lastBackupId);
    expect((await api().ids()).length).toBe(before.length + 2);
  });

  it("destroy deletes no backup", async () => {
    const before = (await api().ids()).sort();
    expect((await stack().destroy()).summary.resourceChanges).toEqual({ delete: 2 });
    expect((await api().ids()).sort()).toEqual(before);
  });
});

/**
 * Issue 12, "retention you can review": the preview names every backup the *new* inputs will
 * prune (create and update alike), `up` deletes exactly those or fewer, never one the preview
 * did not name, and a new policy's large first prune needs `allowInitialPrune`. Each vendor
 * with a delete API, on its second seeded target (the stories above use the first).
 */
describe.each(["kinsta", "vpsorg", "northflank"] as VendorName[])("Retention you can review on %s", (vendor) => {
  const target = () => sandbox.target(vendor, 1);
  const api = () => {
    const own = sandbox.vendorApi(vendor, target());
    return { ...own, ids: async () => (await own.list()).map((b) => b.id) };
  };
  let t: TestStack;
  const setPolicy = (args: Record<string, unknown>) =>
    t.stack.setConfig("e2e-policies:policies", { value: JSON.stringify({ policy: { target: target(), ...args } }) });
  /** Completed managed backups taken `ageHours` ago, on this target; ids in the order given. */
  async function seed(ageHours: number[]): Promise<string[]> {
    const { client, fields } = api();
    const ids: string[] = [];
    for (const age of ageHours) {
      const description = `review hb:${hex8()}`;
      const pending = await client.startBackup(fields, { description, options: {} });
      let progress = await client.checkBackup(fields, pending, description);
      for (let tries = 0; progress.state !== "completed" && tries < 50; tries++) {
        await new Promise((r) => setTimeout(r, 100));
        progress = await client.checkBackup(fields, pending, description);
      }
      if (progress.state !== "completed") throw new Error("seed backup did not complete");
      await sandbox.patchBackup(vendor, progress.backup.id, {
        createdAt: new Date(Date.now() - age * HOUR).toISOString(),
      });
      ids.push(progress.backup.id);
    }
    return ids;
  }
  const listCalls = async () => matching(await sandbox.requests(), CALLS.listBackups[vendor]).length;
  /** The prunes the previewed inputs plan: a `--diff` also prints the stored plan's (`- …`, or before `=>`). */
  const prunesIn = (stdout: string) =>
    stdout
      .split("\n")
      .filter((line) => !/^\s*-\s/.test(line))
      .map((line) => (line.includes("=>") ? line.slice(line.lastIndexOf("=>")) : line))
      .flatMap((line) => [...line.matchAll(/"(\S+) \(\d{4}-\d\d-\d\d\): /g)].map((m) => m[1]));

  let seeded: string[] = [];
  beforeAll(async () => {
    t = await createTestStack(program, { envVars: sandbox.urlEnv(), config: sandbox.credentialConfig() });
    seeded = await seed([24, 48, 72, 96, 120]); // newest first
  });
  afterAll(() => t?.cleanup());

  it("(4) refuses at preview a new policy that would prune more than half, listing them, with no delete", async () => {
    await setPolicy({ retention: { keepLast: 2 } });
    const before = await api().ids();
    for (const acknowledged of [undefined, 2]) {
      if (acknowledged !== undefined) await setPolicy({ retention: { keepLast: 2 }, allowInitialPrune: acknowledged });
      const error = await t.stack.preview().catch((e: unknown) => String(e));
      expect(error).toMatch(
        /allowInitialPrune.*this new policy's first run would delete 3 of the 5 backups it manages/,
      );
      for (const id of seeded.slice(2)) expect(error).toContain(`${id} (`);
      for (const id of seeded.slice(0, 2)) expect(error).not.toContain(`${id} (`);
    }
    expect((await api().ids()).sort()).toEqual(before.sort());
  });

  it("(1) a new policy over 5 managed backups, keepLast 2: preview names the 3, up deletes exactly those", async () => {
    await setPolicy({ retention: { keepLast: 2 }, allowInitialPrune: true });
    const before = await api().ids();
    await sandbox.clearRequests();
    const preview = await t.stack.preview({ diff: true });
    expect(preview.changeSummary).toEqual({ create: 2 }); // the stack and the policy
    expect(prunesIn(preview.stdout).sort()).toEqual(seeded.slice(2).sort());
    for (const id of seeded.slice(2)) expect(preview.stdout).toMatch(planned(id, "beyond keepLast 2"));
    expect(await listCalls()).toBe(1); // one list call per target per preview
    // A plain preview names them too (the plan's lines under the resource).
    const plain = await t.stack.preview();
    for (const id of seeded.slice(2)) expect(plain.stdout).toMatch(new RegExp(`plan: prune ${escape(id)} \\(`));
    expect((await api().ids()).sort()).toEqual(before.sort());

    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toEqual({ create: 2 });
    expect([...up.outputs.policy.value.lastPrunedIds].sort()).toEqual(seeded.slice(2).sort());
    expect((await api().ids()).sort()).toEqual(before.filter((id) => !seeded.slice(2).includes(id)).sort());
  });

  it("(2) keepLast 2 → 1: preview names the 1, up deletes exactly it, a second preview reports no changes", async () => {
    await setPolicy({ retention: { keepLast: 1 }, allowInitialPrune: true });
    const before = await api().ids();
    await sandbox.clearRequests();
    const preview = await t.stack.preview({ refresh: true, diff: true });
    expect(preview.changeSummary).toEqual({ same: 1, update: 1 });
    expect(preview.stdout).toMatch(planned(seeded[1], "beyond keepLast 1 (2nd newest)"));
    expect(prunesIn(preview.stdout)).toEqual([seeded[1]]);
    // One list per target per preview, though the changed config makes the engine refresh and
    // plan in two provider processes (the refresh hands its list over: handoff.ts).
    expect(await listCalls()).toBe(1);
    expect((await api().ids()).sort()).toEqual(before.sort());

    const up = await t.stack.up();
    expect(up.outputs.policy.value.lastPrunedIds).toEqual([seeded[1]]);
    expect((await api().ids()).sort()).toEqual(before.filter((id) => id !== seeded[1]).sort());
    expect((await t.stack.preview({ diff: true })).changeSummary).toEqual({ same: 2 });
  });

  it("a preview with invalid inputs fails naming the field and rule, and makes no API call", async () => {
    await setPolicy({ retention: { keepLast: 0 }, allowInitialPrune: true });
    await sandbox.clearRequests();
    const error = await t.stack.preview().catch((e: unknown) => String(e));
    expect(error).toMatch(/retention\.keepLast/);
    expect(await sandbox.requests()).toEqual([]);
    await setPolicy({ retention: { keepLast: 1 }, allowInitialPrune: true });
  });

  it("(3) a saved plan: a backup deleted and one added out of band after the preview stop the up; nothing is deleted", async () => {
    const named = await seed([150, 160]);
    const [added] = await seed([1]);
    await sandbox.patchBackup(vendor, added, { status: "failed" }); // not counted by the plan yet
    const planFile = path.join(t.stateDir, "plan.json");
    const preview = await t.stack.preview({ diff: true, plan: planFile });
    expect(prunesIn(preview.stdout).sort()).toEqual([...named].sort());

    await sandbox.deleteBackup(vendor, named[0]);
    await sandbox.patchBackup(vendor, added, { status: "completed", createdAt: new Date().toISOString() });
    const before = await api().ids();
    const error = await t.stack.up({ plan: planFile }).catch((e: unknown) => String(e));
    expect(error).toMatch(/violates plan: properties changed: .*plannedPrunes/);
    expect((await api().ids()).sort()).toEqual(before.sort());
  });

  it("(3) the vendor changes between this up's plan and its deletes: it never deletes a backup the plan did not name", async () => {
    // Now: `added` is the newest managed backup; seeded[0] and named[1] are planned.
    const [late] = await seed([0.5]);
    await sandbox.patchBackup(vendor, late, { status: "failed" });
    const shown = prunesIn((await t.stack.preview({ diff: true })).stdout);
    expect(shown).toHaveLength(2);
    expect(shown).toContain(seeded[0]);
    const gone = shown.find((id) => id !== seeded[0])!;
    const newest = (await api().list()).filter((b) => b.state === "completed").sort((a, b) => takenAt(b) - takenAt(a));

    // The up lists once to plan (check), then again, fresh, before deleting: hold that second list
    // while a named backup is deleted and a newer one appears (pushing the newest beyond keepLast 1).
    await sandbox.clearRequests();
    await sandbox.fault({ ...CALLS.listBackups[vendor], skip: 1, count: 1, delayMs: 4000 });
    const running = t.stack.up();
    // Until the up's plan has listed (slow on a loaded machine: a 5 s bound let the changes below
    // land before the plan, which then rightly named them).
    for (let i = 0; i < 2400 && (await listCalls()) < 1; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await listCalls()).toBe(1);
    await sandbox.deleteBackup(vendor, gone);
    await sandbox.patchBackup(vendor, late, { status: "completed", createdAt: new Date().toISOString() });
    const up = await running;
    await sandbox.clearFaults();

    expect(up.outputs.policy.value.lastPrunedIds).toEqual([seeded[0]]);
    const ids = await api().ids();
    expect(ids).not.toContain(seeded[0]);
    // The previous newest is now beyond keepLast 1, but the plan did not name it: it stays.
    expect(ids).toContain(newest[0].id);
    expect(ids).toContain(late);
    expect(up.stdout).toContain(`differs from the preview: ${newest[0].id} (`);
    expect(up.stdout).toContain(`differs from the preview: ${gone}: not pruned, no longer selected (or gone)`);
    // The next preview names it; nothing else.
    expect(prunesIn((await t.stack.preview({ diff: true })).stdout)).toEqual([newest[0].id]);
  });
});

// Last on purpose: every request the provider sent above, and every answer it got, against
// the vendors' own specs (test/support/spec-check.ts); Northflank against its official client's types.
test("every exchange above matches the vendor specs (request bodies, statuses, answers)", () => {
  console.log(`spec-checked exchanges: ${JSON.stringify(sandbox.spec.checked)}`);
  expect(Object.keys(sandbox.spec.checked).length).toBeGreaterThan(0);
  expect(sandbox.spec.violations).toEqual([]);
});
