// N Backups on one Northflank addon from a Pulumi YAML program through the provider plugin
// (dist/plugin, built from the current sources by scripts/build-plugin.sh): the same figures
// as the dynamic case against the same no-op floor, and the plugin's start-up time (process
// start to the port on stdout, the moment the engine can call it).
const { execFileSync, spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { measureStack } = require("./dynamic");
const { median, repo, stackFor } = require("../lib");

const pluginDir = path.join(repo, "dist/plugin");
const executable = path.join(pluginDir, "pulumi-resource-hostingbackups");
const STARTUP_RUNS = 5;

/** A YAML program declaring `n` Backups on `target` (written as JSON, which YAML reads). */
function writeProgram(n, target) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hb-bench-yaml-"));
  const resources = {};
  for (let i = 0; i < n; i++) {
    resources[`b${i}`] = { type: "hostingbackups:index:Backup", properties: { target, description: `bench ${i}` } };
  }
  const project = {
    name: "bench-plugin",
    runtime: "yaml",
    description: "N Backups through the provider plugin.",
    plugins: { providers: [{ name: "hostingbackups", path: pluginDir }] },
    resources,
  };
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), JSON.stringify(project, null, 1));
  return dir;
}

/** Milliseconds from spawning the plugin to its port on stdout. */
function startupMs() {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(executable, [], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`plugin exited (${code}) before printing its port: ${stderr}`)));
    child.stdout.once("data", (chunk) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      child.removeAllListeners("exit");
      child.kill();
      if (/^\d+\s*$/.test(String(chunk))) resolve(ms);
      else reject(new Error(`plugin printed ${JSON.stringify(String(chunk))}, not a port`));
    });
  });
}

module.exports = {
  name: "plugin",
  title: "N Backups, Pulumi YAML through the provider plugin",
  async run({ sandbox, seed, sizes, floor, log }) {
    log("plugin: building dist/plugin…");
    execFileSync("bash", [path.join(repo, "scripts/build-plugin.sh")], { stdio: ["ignore", "ignore", "inherit"] });
    const startups = [];
    for (let i = 0; i < STARTUP_RUNS; i++) startups.push(await startupMs());
    const rows = [];
    for (const n of sizes) {
      log(`plugin N=${n}: floor…`);
      await floor(n);
      log(`plugin N=${n}: backups…`);
      const dir = writeProgram(n, { vendor: "northflank", ...seed.northflank.addons[0] });
      const { stack, cleanup } = await stackFor(dir);
      try {
        await stack.setAllConfig({
          "hostingbackups:northflankApiToken": { value: seed.northflank.token, secret: true },
          "hostingbackups:northflankApiUrl": { value: sandbox.baseUrls.northflank },
        });
        rows.push(await measureStack(sandbox, stack, n, "hostingbackups:index:Backup"));
      } finally {
        await cleanup();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
    return { startupMs: median(startups), rows };
  },
};
