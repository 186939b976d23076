/**
 * What a user downloads (`npm run release`, docs/plugin.md), served over HTTP on 127.0.0.1 the
 * way a release page serves it, with the real engine and no `--file`:
 * - `pulumi plugin install resource hostingbackups <version> --server <url>` fetches the archive
 *   Pulumi names for this platform and installs a plugin that runs (`pulumi package get-schema`
 *   on it answers the checked-in schema);
 * - a YAML program whose provider declares that `pluginDownloadURL` gets the plugin acquired by
 *   the engine on first use (a fresh PULUMI_HOME, automatic acquisition on) and runs `up`;
 * Only this machine's archive (linux-amd64) is built here, to keep CI short; the release checks
 * every archive it writes (scripts/release/executables.ts, tested on each platform's binaries by
 * test/unit/release-executables.test.ts).
 */
import { execFile, execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as http from "node:http";
import { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { archiveName, checkArchive, PLATFORMS } from "../../scripts/release/executables";
import { pluginConfig } from "../support/plugin";
import { createTestStack, pulumiCommand, repoRoot, TestStack } from "../support/pulumi";
import { startTestSandbox, TestSandbox } from "../support/sandbox";

jest.setTimeout(900_000);

const run = promisify(execFile);
const version: string = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")).version;
const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, "provider/plugin/schema.json"), "utf8"));
const linux = PLATFORMS.find((p) => p.os === "linux" && p.arch === "amd64")!;
const archive = archiveName(version, linux);

let work: string;
let releaseDir: string;
let server: http.Server;
let url: string;
/** Paths the release server was asked for, in order. */
const requested: string[] = [];
let sandbox: TestSandbox;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "hb-release-"));
  releaseDir = path.join(work, "release");
  const started = Date.now();
  execFileSync("bash", [path.join(repoRoot, "scripts/release.sh"), "--out", releaseDir, "--platforms", "linux-amd64"], {
    stdio: "pipe",
  });
  console.log(`scripts/release.sh --platforms linux-amd64: ${((Date.now() - started) / 1000).toFixed(1)}s`);
  server = http.createServer((req, res) => {
    requested.push(req.url ?? "");
    const file = path.join(releaseDir, decodeURIComponent(path.basename(req.url ?? "")));
    if (!fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-length": fs.statSync(file).size });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox?.close();
  await new Promise((resolve) => server?.close(resolve));
  fs.rmSync(work, { recursive: true, force: true });
});

/**
 * `schema` as the CLI prints a package spec: Go's JSON encoding leaves out empty lists
 * (`"required": []`); everything else is the checked-in file as it is.
 */
function withoutEmptyArrays(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmptyArrays);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => !(Array.isArray(v) && v.length === 0))
      .map(([k, v]) => [k, withoutEmptyArrays(v)]),
  );
}

/** The CLI with a PULUMI_HOME of its own and automatic plugin acquisition on. */
async function pulumi(args: string[], home: string) {
  const { command } = await pulumiCommand();
  const { PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: _off, ...env } = process.env;
  return run(command, args, { env: { ...env, PULUMI_HOME: home }, maxBuffer: 64 << 20 });
}

it("writes the archive, the npm tarball, the schema and checksums that verify", () => {
  const files = fs.readdirSync(releaseDir).sort();
  expect(files).toEqual(["SHA256SUMS", `pulumi-hosting-backups-${version}.tgz`, archive, "schema.json"].sort());
  const sums = fs.readFileSync(path.join(releaseDir, "SHA256SUMS"), "utf8").trim().split("\n");
  expect(sums.map((line) => line.split(/\s+/)[1]).sort()).toEqual(files.filter((f) => f !== "SHA256SUMS"));
  for (const line of sums) {
    const [sum, name] = line.split(/\s+/);
    expect(
      createHash("sha256")
        .update(fs.readFileSync(path.join(releaseDir, name)))
        .digest("hex"),
    ).toBe(sum);
  }
  expect(JSON.parse(fs.readFileSync(path.join(releaseDir, "schema.json"), "utf8"))).toEqual(schema);
  expect(checkArchive(fs.readFileSync(path.join(releaseDir, archive)), archive, linux)).toEqual({
    format: "ELF",
    os: "linux",
    arch: "amd64",
  });
});

describe("`pulumi plugin install resource hostingbackups <version> --server <url>`", () => {
  let home: string;
  beforeAll(() => {
    home = fs.mkdtempSync(path.join(work, "home-"));
  });

  it("downloads this platform's archive and installs a plugin that runs", async () => {
    await pulumi(["plugin", "install", "resource", "hostingbackups", version, "--server", url], home);
    expect(requested).toContain(`/${archive}`);
    const executable = path.join(
      home,
      "plugins",
      `resource-hostingbackups-v${version}`,
      "pulumi-resource-hostingbackups",
    );
    expect(fs.statSync(executable).mode & 0o111).toBe(0o111);
    const { stdout: listed } = await pulumi(["plugin", "ls", "--json"], home);
    expect(JSON.parse(listed)).toEqual([
      expect.objectContaining({ name: "hostingbackups", kind: "resource", version }),
    ]);

    // Running it: the engine starts the installed plugin and asks for its schema.
    const { stdout } = await pulumi(["package", "get-schema", executable], home);
    expect(JSON.parse(stdout)).toEqual(withoutEmptyArrays(schema));
  });
});

describe("a YAML program whose provider declares the download URL", () => {
  let t: TestStack;
  let redirected: TestStack;
  afterAll(async () => {
    await t?.cleanup();
    await redirected?.cleanup();
  });

  /** A copy of programs/plugin-yaml-download declaring `downloadUrl` as its plugin's. */
  function program(downloadUrl: string): string {
    const dir = fs.mkdtempSync(path.join(work, "program-"));
    const template = fs.readFileSync(path.join(__dirname, "programs/plugin-yaml-download/Pulumi.yaml"), "utf8");
    fs.writeFileSync(
      path.join(dir, "Pulumi.yaml"),
      template.replace("RELEASE_VERSION", version).replace("RELEASE_URL", downloadUrl),
    );
    return dir;
  }

  it("gets the plugin acquired by the engine on first use, and `up` runs against the sandbox", async () => {
    t = await createTestStack(program(url), {
      envVars: { PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "false" },
      config: { ...pluginConfig(sandbox), vpsorgServerId: { value: sandbox.target("vpsorg").serverId } },
    });
    const home = path.join(t.stateDir, "home");
    expect(fs.existsSync(path.join(home, "plugins", `resource-hostingbackups-v${version}`))).toBe(false);
    const before = requested.length;

    const up = await t.stack.up();
    expect(up.outputs.status.value).toBe("completed");
    expect(requested.slice(before)).toContain(`/${archive}`);
    expect(fs.existsSync(path.join(home, "plugins", `resource-hostingbackups-v${version}`))).toBe(true);
    expect((await sandbox.vendorApi("vpsorg").list()).map((b) => b.id)).toContain(up.outputs.backupId.value);

    const destroy = await t.stack.destroy();
    expect(destroy.summary.resourceChanges?.delete).toBe(2);
  });

  it("the schema's URL redirected by PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES (a mirror or a fork) gets it from there", async () => {
    expect(schema.pluginDownloadURL).toBe("github://api.github.com/hosting-backups/pulumi-hosting-backups");
    redirected = await createTestStack(program(schema.pluginDownloadURL), {
      envVars: {
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "false",
        PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES: `^github://api.github.com/hosting-backups/pulumi-hosting-backups=${url}`,
      },
      config: { ...pluginConfig(sandbox), vpsorgServerId: { value: sandbox.target("vpsorg").serverId } },
    });
    const before = requested.length;
    const preview = await redirected.stack.preview();
    expect(preview.changeSummary).toEqual({ create: 2 });
    expect(requested.slice(before)).toContain(`/${archive}`);
    expect(
      fs.existsSync(path.join(redirected.stateDir, "home", "plugins", `resource-hostingbackups-v${version}`)),
    ).toBe(true);
  });
});
