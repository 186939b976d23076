/**
 * The provider plugin from a Pulumi YAML program, with the real engine against the sandbox:
 * up (a Backup on each vendor, a BackupPolicy, a RestoreOperation), refresh after an
 * out-of-band delete, destroy; and `pulumi import` of an existing vendor backup into a YAML
 * stack, after which preview shows no changes. Credentials and API URLs reach the plugin
 * only through its `hostingbackups:*` config (`Configure`), never the environment; none of
 * them, nor a secret input, appears in the exported state.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { buildPlugin } from "../support/plugin";
import { createTestStack, pulumiCommand, TestStack } from "../support/pulumi";
import { startTestSandbox, TestSandbox, VENDORS, VendorName } from "../support/sandbox";

jest.setTimeout(900_000);

const programs = path.join(__dirname, "programs");
let sandbox: TestSandbox;
let pluginDir: string;

beforeAll(async () => {
  pluginDir = buildPlugin();
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox?.close());

/** Credentials and URLs as the plugin's own (secret) config. */
function pluginConfig(): Record<string, { value: string; secret?: boolean }> {
  const config: Record<string, { value: string; secret?: boolean }> = {};
  for (const [key, { value }] of Object.entries(sandbox.credentialConfig()))
    config[key.replace(/^hosting-backups:/, "hostingbackups:")] = { value, secret: true };
  for (const vendor of VENDORS) config[`hostingbackups:${vendor}ApiUrl`] = { value: sandbox.baseUrls[vendor] };
  return config;
}

/** No credential and no secret input in plaintext. */
function expectNoSecrets(text: string) {
  for (const secret of [...sandbox.secrets(), "yaml secret note"]) expect(text).not.toContain(secret);
}

describe("a Pulumi YAML program", () => {
  let t: TestStack;
  beforeAll(async () => {
    const target = (vendor: VendorName) => sandbox.target(vendor);
    t = await createTestStack(path.join(programs, "plugin-yaml"), {
      config: {
        ...pluginConfig(),
        kinstaEnvironmentId: { value: target("kinsta").environmentId },
        wpengineInstallId: { value: target("wpengine").installId },
        vpsorgServerId: { value: target("vpsorg").serverId },
        northflankProjectId: { value: target("northflank").projectId },
        northflankAddonId: { value: target("northflank").addonId },
      },
    });
  });
  afterAll(() => t?.cleanup());

  it("up creates a backup on each vendor, a policy and a restore, with secrets kept secret", async () => {
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toEqual({ create: 7 }); // stack, 4 backups, policy, restore (the default provider is not counted)
    for (const vendor of VENDORS) {
      const out = up.outputs[vendor].value;
      expect(out.status).toBe("completed");
      const atVendor = (await sandbox.vendorApi(vendor).list()).find((b) => b.id === out.backupId);
      expect(atVendor?.state).toBe("completed");
    }
    expect(up.outputs.restore.value.restoredBackupId).toBe(up.outputs.vpsorg.value.backupId);
    expect(up.outputs.northflank.secret).toBe(true); // downloadUrl is a secret output
    const exported = await t.exportText();
    expectNoSecrets(exported);
    const vpsorg = JSON.parse(exported).deployment.resources.find((r: { urn: string }) => r.urn.endsWith("::vpsorg"));
    expect(vpsorg.inputs.description).toHaveProperty("ciphertext");
    expect(vpsorg.outputs.description).toHaveProperty("ciphertext");
  });

  it("preview after up shows no changes", async () => {
    const preview = await t.stack.preview({ diff: true });
    expect(preview.changeSummary).toEqual({ same: 7 });
  });

  it("refresh after an out-of-band delete drops the backup from the state", async () => {
    const outputs = await t.stack.outputs();
    await sandbox.deleteBackup("kinsta", outputs.kinsta.value.backupId);
    const refresh = await t.stack.refresh();
    expect(refresh.summary.resourceChanges?.delete).toBe(1);
    const state = JSON.parse(await t.exportText());
    expect(state.deployment.resources.some((r: { urn: string }) => r.urn.endsWith("::kinsta"))).toBe(false);
  });

  it("destroy removes everything, deleting the backups whose deletionPolicy says so", async () => {
    const outputs = await t.stack.outputs();
    const destroy = await t.stack.destroy();
    expect(destroy.summary.resourceChanges?.delete).toBe(6); // the kinsta backup left at refresh
    const vpsorgLeft = (await sandbox.vendorApi("vpsorg").list()).map((b) => b.id);
    expect(vpsorgLeft).not.toContain(outputs.vpsorg.value.backupId); // VPS.org default: delete
    const wpengineLeft = (await sandbox.vendorApi("wpengine").list()).map((b) => b.id);
    expect(wpengineLeft).toContain(outputs.wpengine.value.backupId); // WP Engine: retain (no delete API)
  });
});

describe("pulumi import into a Pulumi YAML stack", () => {
  let t: TestStack;
  let programDir: string;
  beforeAll(async () => {
    // A copy of the program, since the import's generated code is added to it.
    programDir = fs.mkdtempSync(path.join(os.tmpdir(), "hb-yaml-import-"));
    const template = fs.readFileSync(path.join(programs, "plugin-yaml-import/Pulumi.yaml"), "utf8");
    fs.writeFileSync(path.join(programDir, "Pulumi.yaml"), template.replace("../../../../dist/plugin", pluginDir));
    t = await createTestStack(programDir, { config: pluginConfig() });
  });
  afterAll(async () => {
    await t?.cleanup();
    fs.rmSync(programDir, { recursive: true, force: true });
  });

  it("imports an existing VPS.org backup, after which preview shows no changes", async () => {
    const vpsorg = sandbox.vendorApi("vpsorg");
    const pending = await vpsorg.client.startBackup(vpsorg.fields, { description: "made by hand", options: {} });
    const before = (await vpsorg.list()).length;
    const id = `vpsorg/${sandbox.target("vpsorg").serverId}/${pending.backupId}`;

    const generated = path.join(programDir, "imported.yaml");
    // Asynchronously: the sandbox answering the plugin runs in this process.
    const { command } = await pulumiCommand();
    await promisify(execFile)(
      command,
      ["import", "hostingbackups:index:Backup", "legacy", id, "--yes", "--out", generated, "--stack", t.stack.name],
      {
        cwd: programDir,
        env: { ...process.env, ...t.stack.workspace.envVars, PULUMI_HOME: path.join(t.stateDir, "home") },
      },
    );
    const code = fs.readFileSync(generated, "utf8");
    expect(code).toContain("type: hostingbackups:Backup"); // YAML's short form of hostingbackups:index:Backup
    expect(code).toContain(`adoptBackupId: '${pending.backupId}'`);
    fs.appendFileSync(path.join(programDir, "Pulumi.yaml"), code);

    const preview = await t.stack.preview();
    expect(preview.changeSummary).toEqual({ same: 2 }); // stack, legacy
    const state = JSON.parse(await t.exportText());
    const legacy = state.deployment.resources.find((r: { urn: string }) => r.urn.endsWith("::legacy"));
    expect(legacy).toMatchObject({ id, outputs: { backupId: pending.backupId, deletionPolicy: "retain" } });
    expectNoSecrets(await t.exportText());
    expect((await vpsorg.list()).length).toBe(before); // import took no backup
  });
});

describe("the release tarball, installed with `pulumi plugin install`", () => {
  let t: TestStack;
  afterAll(() => t?.cleanup());

  it("installs with no npm involved, and a program without a plugin path uses it", async () => {
    const version = JSON.parse(fs.readFileSync(path.join(pluginDir, "../../package.json"), "utf8")).version;
    const tarball = fs.readdirSync(pluginDir).find((f) => f.endsWith(".tar.gz"));
    expect(tarball).toMatch(new RegExp(`^pulumi-resource-hostingbackups-v${version}-linux-(amd64|arm64)\\.tar\\.gz$`));
    t = await createTestStack(path.join(programs, "plugin-yaml-installed"), {
      config: { ...pluginConfig(), vpsorgServerId: { value: sandbox.target("vpsorg").serverId } },
    });
    const { command } = await pulumiCommand();
    const home = path.join(t.stateDir, "home");
    await promisify(execFile)(
      command,
      ["plugin", "install", "resource", "hostingbackups", version, "--file", path.join(pluginDir, tarball!)],
      { env: { ...process.env, PULUMI_HOME: home } },
    );
    expect(fs.existsSync(path.join(home, "plugins", `resource-hostingbackups-v${version}`))).toBe(true);

    const up = await t.stack.up();
    expect(up.outputs.status.value).toBe("completed");
    const destroy = await t.stack.destroy();
    expect(destroy.summary.resourceChanges?.delete).toBe(2);
    expect((await sandbox.vendorApi("vpsorg").list()).map((b) => b.id)).not.toContain(up.outputs.backupId.value);
  });
});
