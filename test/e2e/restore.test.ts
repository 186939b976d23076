/**
 * RestoreOperation end to end: the real engine against the sandbox. Kinsta, VPS.org and
 * Northflank restores are followed to completion; WP Engine's is accepted only.
 */
import * as path from "node:path";
import { createTestStack, TestStack } from "../support/pulumi";
import { requiredBackupArgs, startTestSandbox, TestSandbox, VendorName } from "../support/sandbox";

jest.setTimeout(600_000);

const program = path.join(__dirname, "programs/restores");
let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox?.close());

/** The value the confirmation guard expects for a target. */
function confirmation(target: Record<string, string>): string {
  const { vendor: _vendor, ...fields } = target;
  return Object.values(fields).join("/");
}

/** Vendor-specific restore inputs the vendor requires. */
async function restoreArgs(vendor: VendorName): Promise<Record<string, unknown>> {
  if (vendor === "wpengine") return { notificationEmails: ["ops@example.com"] };
  if (vendor === "kinsta") {
    const state = (await sandbox.state()) as { kinsta: { companies: { users: { id: string }[] }[] } };
    return { notifiedUserId: state.kinsta.companies[0].users[0].id };
  }
  return {};
}

/** Where the sandbox records the last restore applied to a target. */
async function lastRestoredFrom(vendor: VendorName, target: Record<string, string>): Promise<string | undefined> {
  const state = JSON.stringify(await sandbox.state());
  const parsed = JSON.parse(state) as Record<
    string,
    Record<string, { id: string | number; lastRestoredFrom?: { backupId: string | number } }[]>
  >;
  const collections: Record<VendorName, [string, string]> = {
    kinsta: ["environments", target.environmentId],
    wpengine: ["installs", target.installId],
    vpsorg: ["servers", target.serverId],
    northflank: ["addons", target.addonId],
  };
  const [collection, id] = collections[vendor];
  const item = parsed[vendor][collection].find((i) => String(i.id) === String(id));
  const from = item?.lastRestoredFrom?.backupId;
  return from === undefined ? undefined : String(from);
}

describe.each(["kinsta", "vpsorg", "northflank", "wpengine"] as VendorName[])("RestoreOperation on %s", (vendor) => {
  let t: TestStack;
  const target = () => sandbox.target(vendor);
  const declare = async (restore: Record<string, unknown> | undefined) => {
    await t.stack.setConfig("e2e-restores:backups", {
      value: JSON.stringify({
        source: { target: target(), description: "drill source", ...requiredBackupArgs(vendor) },
      }),
    });
    await t.stack.setConfig("e2e-restores:restores", { value: JSON.stringify(restore ? { drill: restore } : {}) });
  };

  beforeAll(async () => {
    t = await createTestStack(program, { envVars: { ...sandbox.urlEnv(), ...sandbox.credentialEnv() } });
  });
  afterAll(() => t?.cleanup());

  it("a wrong confirm fails at preview with zero API calls", async () => {
    await declare({ target: target(), backupId: "12345", confirm: "production", ...(await restoreArgs(vendor)) });
    await sandbox.clearRequests();
    await expect(t.stack.preview()).rejects.toThrow(
      /property confirm value \{production\} has a problem: must equal the target's id/,
    );
    expect(await sandbox.requests()).toEqual([]);
  });

  it("previews the restore as a create without running it, then up restores the backup", async () => {
    await declare({
      target: target(),
      backupFrom: "source",
      confirm: confirmation(target()),
      ...(await restoreArgs(vendor)),
    });
    const preview = await t.stack.preview();
    expect(preview.changeSummary.create).toBe(3); // stack, backup, restore
    expect(await lastRestoredFrom(vendor, target())).toBeUndefined();

    const up = await t.stack.up();
    const drill = up.outputs.drill.value;
    const source = up.outputs.source.value;
    expect(drill.restoredBackupId).toBe(source.backupId);
    expect(drill.status).toBe(vendor === "wpengine" ? "accepted" : "completed");
    // WP Engine reports no progress; the sandbox still applies the restore (after its delay, 0 here).
    expect(await lastRestoredFrom(vendor, target())).toBe(String(source.backupId));
  });

  it("refresh of a finished restore changes nothing; a triggers change runs a new restore", async () => {
    const refresh = await t.stack.refresh();
    expect(refresh.summary.resourceChanges).toEqual({ same: 3 });
    await declare({
      target: target(),
      backupFrom: "source",
      confirm: confirmation(target()),
      triggers: ["drill-2"],
      ...(await restoreArgs(vendor)),
    });
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: 2, replace: 1 });
  });

  it("an injected vendor failure fails clearly, leaves the state consistent, and a rerun succeeds", async () => {
    await declare({
      target: target(),
      backupFrom: "source",
      confirm: confirmation(target()),
      triggers: ["drill-3"],
      ...(await restoreArgs(vendor)),
    });
    await sandbox.fault({ method: "POST", path: "restore", count: 1, status: 400, body: undefined });
    // Names the resource, the vendor, the operation and the HTTP status.
    await expect(t.stack.up()).rejects.toThrow(
      /RestoreOperation drill.*error: (Kinsta|WP Engine|VPS\.org|Northflank) startRestore failed with HTTP 400/,
    );
    const stateAfterFailure = await t.stack.exportStack();
    const restores = stateAfterFailure.deployment.resources.filter((r: { type: string }) =>
      r.type.endsWith("RestoreOperation"),
    );
    expect(restores.length).toBeLessThanOrEqual(1);
    await sandbox.clearFaults();
    const rerun = await t.stack.up();
    expect(rerun.outputs.drill.value.status).toBe(vendor === "wpengine" ? "accepted" : "completed");
    const preview = await t.stack.preview();
    expect(preview.changeSummary).toEqual({ same: 3 });
  });

  it("destroy forgets the restore record", async () => {
    const destroy = await t.stack.destroy();
    expect(destroy.summary.resourceChanges?.delete).toBe(3);
  });
});

// Last on purpose: every request the provider sent above, and every answer it got, against
// the vendors' own specs (test/support/spec-check.ts); Northflank against its official client's types.
test("every exchange above matches the vendor specs (request bodies, statuses, answers)", () => {
  console.log(`spec-checked exchanges: ${JSON.stringify(sandbox.spec.checked)}`);
  expect(Object.keys(sandbox.spec.checked).length).toBeGreaterThan(0);
  expect(sandbox.spec.violations).toEqual([]);
});
