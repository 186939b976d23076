/**
 * The provider plugin from Go: the generated Go SDK (sdks/go) is what tools/sdkgen writes from
 * the schema and compiles; a Go program using it runs up and destroy with the real engine
 * against the sandbox; `pulumi import` brings an existing vendor backup into a Go program's
 * stack, after which preview shows no changes. No credential, and no secret input, in the
 * exported state.
 */
import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { buildPlugin, pluginConfig } from "../support/plugin";
import { createTestStack, pulumiCommand, repoRoot, TestStack } from "../support/pulumi";
import { startTestSandbox, TestSandbox } from "../support/sandbox";

jest.setTimeout(1_200_000);

const program = path.join(__dirname, "programs", "plugin-go");
let sandbox: TestSandbox;

beforeAll(async () => {
  buildPlugin();
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox?.close());

/** Every file under dir, as relative path → content. */
function tree(dir: string, skip: string[] = []): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const relative = path.relative(dir, full);
    if (!skip.includes(relative)) files.set(relative, fs.readFileSync(full, "utf8"));
  }
  return files;
}

function expectNoSecrets(text: string) {
  for (const secret of [...sandbox.secrets(), "go secret note"]) expect(text).not.toContain(secret);
}

describe("the checked-in SDKs", () => {
  it("are what npm run sdkgen writes from the schema, and the Go SDK compiles and passes go vet", () => {
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), "hb-sdkgen-"));
    try {
      execFileSync("bash", [path.join(repoRoot, "scripts/sdkgen.sh"), "--out", fresh], { stdio: "pipe" });
      // go.mod and go.sum are the Go module's own, not generated.
      const checkedInGo = tree(path.join(repoRoot, "sdks/go"), ["go.mod", "go.sum"]);
      expect([...checkedInGo.keys()]).toContain("hostingbackups/backup.go");
      expect(tree(path.join(fresh, "go"))).toEqual(checkedInGo);
      expect(tree(path.join(fresh, "python"))).toEqual(tree(path.join(repoRoot, "sdks/python")));
    } finally {
      fs.rmSync(fresh, { recursive: true, force: true });
    }
    // vet type-checks every package (a build without the binaries); -mod=readonly: go.sum is complete.
    execFileSync("go", ["vet", "-mod=readonly", "./..."], { cwd: path.join(repoRoot, "sdks/go"), stdio: "pipe" });
  });
});

describe("a Go program using the generated Go SDK", () => {
  let t: TestStack;
  beforeAll(async () => {
    t = await createTestStack(program, {
      config: {
        ...pluginConfig(sandbox),
        vpsorgServerId: { value: sandbox.target("vpsorg").serverId },
        kinstaEnvironmentId: { value: sandbox.target("kinsta").environmentId },
      },
    });
  });
  afterAll(() => t?.cleanup());

  it("up takes a backup on each vendor it declares, with secrets kept secret", async () => {
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toEqual({ create: 3 }); // stack, 2 backups
    for (const vendor of ["vpsorg", "kinsta"] as const) {
      const out = up.outputs[vendor].value;
      expect(out.status).toBe("completed");
      const atVendor = (await sandbox.vendorApi(vendor).list()).find((b) => b.id === out.backupId);
      expect(atVendor?.state).toBe("completed");
    }
    const exported = await t.exportText();
    expectNoSecrets(exported);
    const vpsorg = JSON.parse(exported).deployment.resources.find((r: { urn: string }) => r.urn.endsWith("::vpsorg"));
    expect(vpsorg.inputs.description).toHaveProperty("ciphertext");
    // The functions, through the plugin's invokes: GetBackups (plain) and GetLatestBackupOutput.
    expect(up.outputs.listedBefore.value.targetKey).toBe(`vpsorg/${sandbox.target("vpsorg").serverId}`);
    expect(up.outputs.latest.value).toEqual({ backupId: up.outputs.vpsorg.value.backupId, madeByProvider: true });
  });

  it("preview after up shows no changes", async () => {
    const preview = await t.stack.preview();
    expect(preview.changeSummary).toEqual({ same: 3 });
  });

  it("destroy deletes the backups at the vendor", async () => {
    const outputs = await t.stack.outputs();
    const destroy = await t.stack.destroy();
    expect(destroy.summary.resourceChanges?.delete).toBe(3);
    for (const vendor of ["vpsorg", "kinsta"] as const) {
      const left = (await sandbox.vendorApi(vendor).list()).map((b) => b.id);
      expect(left).not.toContain(outputs[vendor].value.backupId); // default deletionPolicy: delete
    }
  });
});

describe("pulumi import into a Go program's stack", () => {
  let t: TestStack;
  afterAll(() => t?.cleanup());

  it("imports an existing VPS.org backup, after which preview shows no changes", async () => {
    const vpsorg = sandbox.vendorApi("vpsorg");
    const pending = await vpsorg.client.startBackup(vpsorg.fields, { description: "made by hand", options: {} });
    if (!pending.backupId) throw new Error("the sandbox's VPS.org answered no backup id");
    const before = (await vpsorg.list()).length;
    const serverId = sandbox.target("vpsorg").serverId;
    const id = `vpsorg/${serverId}/${pending.backupId}`;
    t = await createTestStack(program, {
      config: {
        ...pluginConfig(sandbox),
        vpsorgServerId: { value: serverId },
        // The program then declares only `legacy`, as the code the import stands for.
        importedBackupId: { value: pending.backupId },
      },
    });

    // Asynchronously: the sandbox answering the plugin runs in this process.
    const { command } = await pulumiCommand();
    await promisify(execFile)(
      command,
      [
        "import",
        "hostingbackups:index:Backup",
        "legacy",
        id,
        "--yes",
        "--generate-code=false",
        "--stack",
        t.stack.name,
      ],
      {
        cwd: program,
        env: { ...process.env, ...t.stack.workspace.envVars, PULUMI_HOME: path.join(t.stateDir, "home") },
      },
    );

    const preview = await t.stack.preview();
    expect(preview.changeSummary).toEqual({ same: 2 }); // stack, legacy
    const exported = await t.exportText();
    expectNoSecrets(exported);
    const legacy = JSON.parse(exported).deployment.resources.find((r: { urn: string }) => r.urn.endsWith("::legacy"));
    expect(legacy).toMatchObject({ id, outputs: { backupId: pending.backupId, deletionPolicy: "retain" } });
    expect((await vpsorg.list()).length).toBe(before); // import took no backup
  });
});
