/**
 * Backup end to end: the real Pulumi engine (Automation API, file backend) against the
 * sandbox, for each vendor.
 */
import * as path from "node:path";
import { createTestStack, TestStack } from "../support/pulumi";
import { requiredBackupArgs, startTestSandbox, TestSandbox, VENDORS, VendorName } from "../support/sandbox";

jest.setTimeout(600_000);

const program = path.join(__dirname, "programs/backups");

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox?.close());

/** The vendor's backups as its real API reports them (through our client, against the sandbox). */
function vendorBackups(vendor: VendorName, target: Record<string, string>) {
  return sandbox.vendorApi(vendor, target).list();
}

describe.each(VENDORS)("Backup on %s", (vendor) => {
  let t: TestStack;
  const target = () => sandbox.target(vendor);
  const setBackups = (backups: Record<string, Record<string, unknown>>) =>
    t.stack.setConfig("e2e-backups:backups", { value: JSON.stringify(backups) });

  beforeAll(async () => {
    t = await createTestStack(program, { envVars: sandbox.urlEnv(), config: sandbox.credentialConfig() });
  });
  afterAll(() => t?.cleanup());

  it("creates a backup on up, waits for it and reports its outputs", async () => {
    await setBackups({
      release: { target: target(), description: "release v1", triggers: ["v1"], ...requiredBackupArgs(vendor) },
    });
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toEqual({ create: 2 });
    const out = up.outputs.release.value;
    expect(out.status).toBe("completed");
    expect(out.id).toBe(`${Object.values(target()).join("/")}/${out.backupId}`);
    expect(out.marker).toMatch(/^[0-9a-f]{8}$/);

    const atVendor = (await vendorBackups(vendor, target())).find((b) => b.id === out.backupId);
    expect(atVendor?.description).toBe(`release v1 hb:${out.marker}`);
    expect(atVendor?.state).toBe("completed");
  });

  it("shows an out-of-band delete as drift, refresh removes it and up recreates it", async () => {
    const before = (await t.stack.outputs()).release.value;
    await sandbox.deleteBackup(vendor, before.backupId);

    const preview = await t.stack.preview({ refresh: true });
    expect(preview.changeSummary.create).toBe(1);

    const refresh = await t.stack.refresh();
    expect(refresh.summary.resourceChanges?.delete).toBe(1);

    const up = await t.stack.up();
    expect(up.summary.resourceChanges?.create).toBe(1);
    const after = up.outputs.release.value;
    // Northflank derives ids from names, so the new backup may reuse the id: compare creation too.
    expect(`${after.backupId}@${after.createdAt}`).not.toBe(`${before.backupId}@${before.createdAt}`);
  });

  it("a refresh without drift changes nothing", async () => {
    const refresh = await t.stack.refresh();
    expect(refresh.summary.resourceChanges).toEqual({ same: 2 });
    const preview = await t.stack.preview();
    expect(preview.changeSummary).toEqual({ same: 2 });
  });

  it("a triggers change replaces the backup, honouring deletionPolicy for the old one", async () => {
    const before = (await t.stack.outputs()).release.value;
    await setBackups({
      release: { target: target(), description: "release v1", triggers: ["v2"], ...requiredBackupArgs(vendor) },
    });
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: 1, replace: 1 });
    const after = up.outputs.release.value;
    expect(after.backupId).not.toBe(before.backupId);

    const ids = (await vendorBackups(vendor, target())).map((b) => b.id);
    expect(ids).toContain(after.backupId);
    // WP Engine cannot delete backups: the old one is retained there; elsewhere the default is delete.
    if (vendor === "wpengine") expect(ids).toContain(before.backupId);
    else expect(ids).not.toContain(before.backupId);
  });

  it("changing waitForCompletion or deletionPolicy updates in place without an API call", async () => {
    await setBackups({
      release: {
        target: target(),
        description: "release v1",
        triggers: ["v2"],
        waitForCompletion: false,
        deletionPolicy: "retain",
        ...requiredBackupArgs(vendor),
      },
    });
    await sandbox.clearRequests();
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: 1, update: 1 });
    expect(await sandbox.requests()).toEqual([]);
  });

  it("adopts an existing backup instead of taking a new one", async () => {
    const current = (await t.stack.outputs()).release.value;
    const existing = (await vendorBackups(vendor, target())).find(
      (b) => b.state === "completed" && b.id !== current.backupId,
    );
    expect(existing).toBeDefined();
    await setBackups({
      release: {
        target: target(),
        description: "release v1",
        triggers: ["v2"],
        waitForCompletion: false,
        deletionPolicy: "retain",
        ...requiredBackupArgs(vendor),
      },
      adopted: {
        target: target(),
        adoptBackupId: existing!.id,
        deletionPolicy: "retain",
        ...requiredBackupArgs(vendor),
      },
    });
    const countBefore = (await vendorBackups(vendor, target())).length;
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: 2, create: 1 });
    expect(up.outputs.adopted.value.backupId).toBe(existing!.id);
    expect(up.outputs.release.value.backupId).toBe(current.backupId);
    expect((await vendorBackups(vendor, target())).length).toBe(countBefore);
  });

  it("keeps credentials out of the exported state", async () => {
    // `pulumi stack export` as a user runs it: config secrets stay encrypted, and our
    // resources never hold a credential at all.
    const exported = await t.exportText();
    expect(exported).toContain("hostingbackups:Backup");
    for (const secret of sandbox.secrets()) expect(exported).not.toContain(secret);
    // And the provider is a require by name, not serialized code: small per resource.
    const resources = (await t.stack.exportStack()).deployment.resources as {
      type: string;
      inputs: { __provider: string };
    }[];
    const backups = resources.filter((r) => r.type === "pulumi-nodejs:dynamic/hostingbackups:Backup");
    expect(backups.length).toBe(2);
    for (const r of backups) {
      expect(JSON.stringify(r).length).toBeLessThan(4096);
      // The provider captured nothing: it is stored as a require of the installed package.
      expect(r.inputs.__provider).toContain('require("pulumi-hosting-backups/dist/provider/dynamic/backup.js")');
      expect(r.inputs.__provider.length).toBeLessThan(1024);
    }
  });

  it("destroy honours deletionPolicy", async () => {
    const outs = await t.stack.outputs();
    await setBackups({
      release: {
        target: target(),
        description: "release v1",
        triggers: ["v2"],
        waitForCompletion: false,
        ...requiredBackupArgs(vendor),
      },
      adopted: {
        target: target(),
        adoptBackupId: outs.adopted.value.backupId,
        deletionPolicy: "retain",
        ...requiredBackupArgs(vendor),
      },
    });
    await t.stack.up();
    const destroy = await t.stack.destroy();
    expect(destroy.summary.resourceChanges).toEqual({ delete: 3 });
    const ids = (await vendorBackups(vendor, target())).map((b) => b.id);
    expect(ids).toContain(outs.adopted.value.backupId); // retain
    if (vendor === "wpengine") expect(ids).toContain(outs.release.value.backupId);
    else expect(ids).not.toContain(outs.release.value.backupId); // the vendor default: delete
  });
});

describe.each(VENDORS)("Backup.get on %s", (vendor) => {
  let t: TestStack;
  beforeAll(async () => {
    t = await createTestStack(program, { envVars: { ...sandbox.urlEnv(), ...sandbox.credentialEnv() } });
  });
  afterAll(() => t?.cleanup());

  it("reads an existing vendor backup by resource id without managing it", async () => {
    const target = sandbox.target(vendor);
    const existing = (await vendorBackups(vendor, target)).find((b) => b.state === "completed");
    expect(existing).toBeDefined();
    const { vendor: _v, ...fields } = target;
    const id = [vendor, ...Object.values(fields), existing!.id].join("/");
    await t.stack.setConfig("e2e-backups:gets", { value: JSON.stringify({ seen: id }) });
    const countBefore = (await vendorBackups(vendor, target)).length;
    const up = await t.stack.up();
    expect(up.outputs.seen.value).toMatchObject({ id, backupId: existing!.id, status: "completed" });
    await t.stack.destroy();
    // Read, not managed: destroy leaves it (and everything else) at the vendor.
    expect((await vendorBackups(vendor, target)).length).toBe(countBefore);
  });
});

// Last on purpose: every request the provider sent above, and every answer it got, against
// the vendors' own specs (test/support/spec-check.ts); Northflank against its official client's types.
test("every exchange above matches the vendor specs (request bodies, statuses, answers)", () => {
  console.log(`spec-checked exchanges: ${JSON.stringify(sandbox.spec.checked)}`);
  expect(Object.keys(sandbox.spec.checked).length).toBeGreaterThan(0);
  expect(sandbox.spec.violations).toEqual([]);
});
