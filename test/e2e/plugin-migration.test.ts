/**
 * Migration from the dynamic Backup to the provider plugin's Backup, as docs/plugin.md
 * describes it, with the real engine against the sandbox: the vendor keeps exactly the
 * backups it had (no new backup is taken, none is deleted), and the plugin's resource then
 * manages the same backup. Also measures the state bytes per Backup of each kind.
 */
import * as path from "node:path";
import { buildPlugin } from "../support/plugin";
import { createTestStack, TestStack } from "../support/pulumi";
import { startTestSandbox, TestSandbox } from "../support/sandbox";

jest.setTimeout(600_000);

const program = path.join(__dirname, "programs/plugin-migration");

let sandbox: TestSandbox;
let t: TestStack;
beforeAll(async () => {
  buildPlugin();
  sandbox = await startTestSandbox();
  t = await createTestStack(program, {
    envVars: sandbox.urlEnv(),
    config: {
      ...sandbox.credentialConfig(),
      "hostingbackups:vpsorgApiToken": { value: sandbox.seed.vpsorg.token, secret: true },
      args: { value: JSON.stringify({ target: sandbox.target("vpsorg"), description: "release v1" }) },
      dynamic: { value: "true" },
    },
  });
});
afterAll(async () => {
  await t?.cleanup();
  await sandbox?.close();
});

const vendorBackupIds = async () =>
  (await sandbox.vendorApi("vpsorg").list()).map((b) => b.id).sort((a, b) => a.localeCompare(b));

/** The JSON size of the state entry of the resource named `release` whose type matches. */
async function stateBytes(type: RegExp): Promise<number> {
  const state = JSON.parse(await t.exportText());
  const resources: { urn: string; type: string }[] = state.deployment.resources;
  const resource = resources.find((r) => type.test(r.type) && r.urn.endsWith("::release"));
  if (!resource) throw new Error(`no ${type} in the state: ${resources.map((r) => r.type).join(", ")}`);
  return JSON.stringify(resource).length;
}

it("moves a Backup from the dynamic resource to the plugin without taking or deleting a backup", async () => {
  const first = await t.stack.up();
  expect(first.summary.resourceChanges).toEqual({ create: 2 });
  const backupId: string = first.outputs.dynamic.value.backupId;
  const before = await vendorBackupIds();
  expect(before).toContain(backupId);
  const dynamicBytes = await stateBytes(/^pulumi-nodejs:dynamic\//);

  // Step 1: the old resource must not delete the backup when it leaves the program.
  await t.stack.setConfig("dynamicDeletionPolicy", { value: "retain" });
  const retain = await t.stack.up();
  expect(retain.summary.resourceChanges).toEqual({ same: 1, update: 1 });

  // Step 2: swap it for the plugin's resource, adopting the same backup.
  await t.stack.setConfig("dynamic", { value: "false" });
  await t.stack.setConfig("adoptBackupId", { value: backupId });
  const preview = await t.stack.preview();
  expect(preview.changeSummary).toEqual({ same: 1, create: 1, delete: 1 });
  const swap = await t.stack.up();
  expect(swap.outputs.plugin.value).toMatchObject({ backupId, status: "completed" });
  expect(swap.outputs.plugin.value.marker).toBe(first.outputs.dynamic.value.marker);
  expect(await vendorBackupIds()).toEqual(before);

  // The plugin's resource now manages it: no drift, and destroy deletes it (VPS.org default).
  const refresh = await t.stack.refresh();
  expect(refresh.summary.resourceChanges).toEqual({ same: 2 });
  expect((await t.stack.preview()).changeSummary).toEqual({ same: 2 });
  const pluginBytes = await stateBytes(/^hostingbackups:index:Backup$/);
  const exported = await t.exportText();
  for (const secret of sandbox.secrets()) expect(exported).not.toContain(secret);
  console.log(`state bytes per Backup: dynamic ${dynamicBytes}, plugin ${pluginBytes}`);
  expect(pluginBytes).toBeLessThan(dynamicBytes);

  await t.stack.destroy();
  expect(await vendorBackupIds()).toEqual(before.filter((id) => id !== backupId));
});
