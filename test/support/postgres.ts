/**
 * A throwaway PostgreSQL server for tests: `initdb` into a temporary folder and `pg_ctl start`
 * on a free loopback port, trust authentication, socket in the same folder. PostgreSQL refuses
 * to run as root, so as root the server runs as `nobody`. The binaries come from Debian's
 * `postgresql` package (.ci/run installs it); without them this fails with how to get them.
 */
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./net";

export interface TestPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres?sslmode=disable` (the form Pulumi's DIY backend takes). */
  url: string;
  stop(): void;
}

/** The folder holding `initdb` and `pg_ctl`: PATH first, then Debian's /usr/lib/postgresql/<version>/bin. */
function serverBinDir(): string {
  const candidates = (process.env.PATH ?? "").split(path.delimiter).filter(Boolean);
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => path.join(debian, v, "bin")));
  }
  const dir = candidates.find((d) => existsSync(path.join(d, "initdb")) && existsSync(path.join(d, "pg_ctl")));
  if (!dir) {
    throw new Error(
      "PostgreSQL server binaries (initdb, pg_ctl) not found on PATH or in /usr/lib/postgresql/*/bin: " +
        "install Debian's postgresql package (`apt-get install postgresql`; .ci/run does this in CI)",
    );
  }
  return dir;
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = serverBinDir();
  const dir = mkdtempSync(path.join(tmpdir(), "hb-pg-"));
  const data = path.join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  // As root: run the server as nobody, who must own its folder.
  const run = (command: string, args: string[]) =>
    asRoot
      ? execFileSync("runuser", ["-u", "nobody", "--", path.join(bin, command), ...args], { stdio: "pipe" })
      : execFileSync(path.join(bin, command), args, { stdio: "pipe" });
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "nobody"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "nobody"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  const port = await freePort();
  try {
    run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
    run("pg_ctl", [
      "-D",
      data,
      "-l",
      path.join(dir, "server.log"),
      "-w",
      "-o",
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      "start",
    ]);
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? "";
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start PostgreSQL from ${bin}: ${stderr || String(error)}`);
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    stop() {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
