/**
 * The package as a user installs it: `npm pack`, then `npm install` of the tarball into a
 * program that brings its own @pulumi/pulumi, at the floor of the peer range and at the
 * version this repository develops against. In each, the program loads exactly one copy of
 * the SDK, and a Backup on every vendor goes through up, refresh with drift and destroy;
 * a policy previews and a restore completes.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createTestStack, repoRoot, TestStack } from "../support/pulumi";
import { requiredBackupArgs, startTestSandbox, TestSandbox, VENDORS } from "../support/sandbox";

jest.setTimeout(900_000);

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const peerRange = manifest.peerDependencies["@pulumi/pulumi"];
const floor = /^>=(\d+\.\d+\.\d+) /.exec(peerRange)?.[1];
const current = manifest.devDependencies["@pulumi/pulumi"];

let sandbox: TestSandbox;
let workDir: string;
let tarball: string;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "hb-installed-"));
  // scripts/setup.sh has built dist/; pack exactly what npm would publish.
  const name = execFileSync("npm", ["pack", "--silent", "--pack-destination", workDir], {
    cwd: repoRoot,
    encoding: "utf8",
  }).trim();
  tarball = path.join(workDir, name.split("\n").pop()!);
});
afterAll(async () => {
  await sandbox?.close();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

it("states a peer range whose floor is tested here", () => {
  expect(peerRange).toMatch(/^>=3\.\d+\.\d+ <4$/);
  expect(floor).toBeDefined();
  expect(current).toMatch(/^\d+\.\d+\.\d+$/);
  const packed = execFileSync("tar", ["-xOzf", tarball, "package/package.json"], { encoding: "utf8" });
  const published = JSON.parse(packed) as { dependencies?: Record<string, string> };
  expect(published.dependencies?.["@pulumi/pulumi"]).toBeUndefined();
});

describe.each([
  ["the floor of the peer range", floor!],
  ["the current release", current],
])("installed beside @pulumi/pulumi at %s (%s)", (_title, version) => {
  let programDir: string;
  let t: TestStack;
  const setConfig = (key: string, value: unknown) =>
    t.stack.setConfig(`installed-package:${key}`, { value: JSON.stringify(value) });

  beforeAll(async () => {
    programDir = path.join(workDir, `program-${version}`);
    fs.mkdirSync(programDir);
    fs.copyFileSync(path.join(__dirname, "programs/installed/index.js"), path.join(programDir, "index.js"));
    fs.writeFileSync(path.join(programDir, "Pulumi.yaml"), "name: installed-package\nruntime: nodejs\n");
    fs.writeFileSync(
      path.join(programDir, "package.json"),
      JSON.stringify({
        name: "installed-package",
        private: true,
        main: "index.js",
        dependencies: { "@pulumi/pulumi": version, "pulumi-hosting-backups": `file:${tarball}` },
      }),
    );
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: programDir });
    t = await createTestStack(programDir, { envVars: sandbox.urlEnv(), config: sandbox.credentialConfig() });
  });
  afterAll(() => t?.cleanup());

  it("npm installs one copy of @pulumi/pulumi, the program's own", () => {
    const copies = execFileSync("npm", ["ls", "@pulumi/pulumi", "--all", "--parseable"], {
      cwd: programDir,
      encoding: "utf8",
    })
      .split("\n")
      .filter((line) => line.trim() !== "");
    expect(copies).toEqual([path.join(programDir, "node_modules/@pulumi/pulumi")]);
  });

  it("a Backup on every vendor: up, refresh with drift, destroy — with one SDK copy loaded", async () => {
    const backups = Object.fromEntries(
      VENDORS.map((v) => [v, { target: sandbox.target(v), description: "peer range", ...requiredBackupArgs(v) }]),
    );
    await setConfig("backups", backups);
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toEqual({ create: 1 + VENDORS.length });
    expect(up.outputs.sdkVersion.value).toBe(version);
    expect(up.outputs.sdkCopies.value).toEqual([path.join(programDir, "node_modules/@pulumi/pulumi")]);
    for (const v of VENDORS) expect(up.outputs[v].value.status).toBe("completed");

    await sandbox.deleteBackup("vpsorg", up.outputs.vpsorg.value.backupId);
    const refresh = await t.stack.refresh();
    expect(refresh.summary.resourceChanges).toEqual({ same: VENDORS.length, delete: 1 });

    const destroy = await t.stack.destroy();
    expect(destroy.summary.resourceChanges).toEqual({ delete: VENDORS.length });
  });

  it("a BackupPolicy previews and a RestoreOperation completes", async () => {
    const target = sandbox.target("vpsorg");
    await setConfig("backups", { source: { target, description: "restore source" } });
    await setConfig("policies", { keep: { target, retention: { keepLast: 50 } } });
    const preview = await t.stack.preview();
    expect(preview.changeSummary).toEqual({ create: 3 }); // the stack, the backup, the policy

    await setConfig("policies", {});
    await setConfig("restores", {
      drill: { target, backupFrom: "source", confirm: Object.values(target).slice(1).join("/") },
    });
    const up = await t.stack.up();
    expect(up.outputs.drill.value.status).toBe("completed");
    expect(up.outputs.drill.value.restoredBackupId).toBe(up.outputs.source.value.backupId);
    await t.stack.destroy();
  });
});
