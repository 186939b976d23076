/**
 * The release's checks of executables it cannot run here (scripts/release/executables.ts) and
 * its ad-hoc signing of macOS executables (scripts/release/macho-sign.ts), on real binaries:
 * a tiny Go program cross-compiled for every platform of a release (Go's linker signs
 * darwin/arm64 binaries ad hoc, which gives a reference signature to compare with).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { gzipSync } from "node:zlib";
import {
  archiveName,
  checkArchive,
  executableFormat,
  executableName,
  NODE_LICENSE,
  PLATFORMS,
  platformName,
  readTarGz,
} from "../../scripts/release/executables";
import { adhocSign, MachOSignatureError, stripSignature, verifyAdhocSignature } from "../../scripts/release/macho-sign";

jest.setTimeout(600_000);

let work: string;
const binaries = new Map<string, Buffer>();

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "hb-release-unit-"));
  fs.writeFileSync(path.join(work, "go.mod"), "module hello\n\ngo 1.22\n");
  fs.writeFileSync(path.join(work, "main.go"), 'package main\n\nfunc main() { println("hello") }\n');
  for (const p of PLATFORMS) {
    const out = path.join(work, `hello-${platformName(p)}`);
    execFileSync("go", ["build", "-o", out, "."], {
      cwd: work,
      env: { ...process.env, GOOS: p.os, GOARCH: p.arch, CGO_ENABLED: "0", GOFLAGS: "-mod=mod" },
      stdio: "pipe",
    });
    binaries.set(platformName(p), fs.readFileSync(out));
  }
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** A .tar.gz of `files` (name → content, mode) as GNU tar writes them. */
function tarGz(files: { name: string; data: Buffer; mode?: number }[]): Buffer {
  const dir = fs.mkdtempSync(path.join(work, "tar-"));
  for (const f of files) {
    fs.writeFileSync(path.join(dir, f.name), f.data);
    fs.chmodSync(path.join(dir, f.name), f.mode ?? 0o644);
  }
  const archive = path.join(dir, "a.tar.gz");
  execFileSync("tar", ["-czf", archive, "-C", dir, ...files.map((f) => f.name)]);
  return fs.readFileSync(archive);
}

/** A copy of `binary` with Node's single-executable fuse set in it, as injecting a blob leaves it. */
function withFuse(binary: Buffer): Buffer {
  const copy = Buffer.from(binary);
  copy.write("NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2:1", 8192, "latin1");
  return copy;
}

describe("executableFormat", () => {
  it.each(PLATFORMS.map((p) => [platformName(p), p] as const))("reads %s from the headers", (_name, p) => {
    const format = executableFormat(binaries.get(platformName(p))!);
    expect(format).toEqual({
      format: { linux: "ELF", darwin: "Mach-O", windows: "PE" }[p.os],
      os: p.os,
      arch: p.arch,
    });
  });

  it("refuses what is not an executable", () => {
    expect(() => executableFormat(Buffer.from("#!/bin/sh\necho hi\n"))).toThrow(/not an ELF, Mach-O or PE/);
  });
});

describe("ad-hoc signing of Mach-O executables", () => {
  it("gives byte for byte the signature Go's linker gives a darwin/arm64 binary", () => {
    const go = binaries.get("darwin-arm64")!;
    expect(verifyAdhocSignature(go)).toBe("a.out"); // the linker's identifier
    expect(adhocSign(go, "a.out").equals(go)).toBe(true);
  });

  it("signs an unsigned executable (arm64 and x86-64) so that every page verifies", () => {
    for (const name of ["darwin-arm64", "darwin-amd64"]) {
      const unsigned = stripSignature(binaries.get(name)!);
      expect(() => verifyAdhocSignature(unsigned)).toThrow(MachOSignatureError);
      const signed = adhocSign(unsigned, "pulumi-resource-hostingbackups");
      expect(verifyAdhocSignature(signed)).toBe("pulumi-resource-hostingbackups");
      expect(executableFormat(signed).os).toBe("darwin");
    }
  });

  it("fails verification when a byte of the code changes after signing", () => {
    const signed = adhocSign(stripSignature(binaries.get("darwin-arm64")!), "x");
    signed[20_000] ^= 0xff;
    expect(() => verifyAdhocSignature(signed)).toThrow(/page 4 does not match its hash/);
  });
});

describe("checkArchive", () => {
  const linux = PLATFORMS.find((p) => platformName(p) === "linux-amd64")!;
  const darwin = PLATFORMS.find((p) => platformName(p) === "darwin-arm64")!;
  const windows = PLATFORMS.find((p) => platformName(p) === "windows-amd64")!;
  const license = { name: NODE_LICENSE, data: Buffer.from("MIT") };

  it("accepts each platform's executable, named as Pulumi looks for it", () => {
    for (const p of PLATFORMS) {
      const data = withFuse(binaries.get(platformName(p))!);
      const signed = p.os === "darwin" ? adhocSign(stripSignature(data), "x") : data;
      const archive = tarGz([{ name: executableName(p), data: signed, mode: 0o755 }, license]);
      expect(checkArchive(archive, archiveName("1.2.3", p), p)).toMatchObject({ os: p.os, arch: p.arch });
    }
    expect(executableName(windows)).toBe("pulumi-resource-hostingbackups.exe");
    expect(archiveName("1.2.3", darwin)).toBe("pulumi-resource-hostingbackups-v1.2.3-darwin-arm64.tar.gz");
  });

  it("names the archive and the fault: wrong CPU, missing blob, no executable bit, unsigned, extra files", () => {
    const exe = (p: typeof linux, data: Buffer, mode = 0o755) => ({ name: executableName(p), data, mode });
    const arm = withFuse(binaries.get("linux-arm64")!);
    expect(() => checkArchive(tarGz([exe(linux, arm), license]), "a.tar.gz", linux)).toThrow(
      "a.tar.gz: pulumi-resource-hostingbackups is ELF for linux-arm64, not linux-amd64",
    );
    expect(() => checkArchive(tarGz([exe(linux, binaries.get("linux-amd64")!), license]), "b", linux)).toThrow(
      /not a Node single executable/,
    );
    expect(() =>
      checkArchive(tarGz([exe(linux, withFuse(binaries.get("linux-amd64")!), 0o644), license]), "c", linux),
    ).toThrow(/is not executable \(mode 644\)/);
    const unsigned = withFuse(stripSignature(binaries.get("darwin-arm64")!));
    expect(() => checkArchive(tarGz([exe(darwin, unsigned), license]), "d", darwin)).toThrow(
      /code signature: not signed/,
    );
    const extra = { name: "README", data: Buffer.from("x") };
    expect(() =>
      checkArchive(tarGz([exe(linux, withFuse(binaries.get("linux-amd64")!)), license, extra]), "e", linux),
    ).toThrow(/holds LICENSE.node, README, pulumi-resource-hostingbackups; expected/);
    // A Windows archive whose executable lacks `.exe` is one Pulumi would not find.
    const noExe = { name: "pulumi-resource-hostingbackups", data: withFuse(binaries.get("windows-amd64")!) };
    expect(() => checkArchive(tarGz([noExe, license]), "f", windows)).toThrow(/expected .*hostingbackups\.exe/);
  });

  it("reads ustar archives with a ./ prefix, as `tar -C dir .` writes them", () => {
    const dir = fs.mkdtempSync(path.join(work, "dot-"));
    fs.writeFileSync(path.join(dir, "f"), "content");
    execFileSync("tar", ["-czf", path.join(work, "dot.tar.gz"), "-C", dir, "."]);
    const entries = readTarGz(fs.readFileSync(path.join(work, "dot.tar.gz")));
    expect(entries.filter((e) => e.type === "file").map((e) => [e.name, e.data.toString()])).toEqual([
      ["f", "content"],
    ]);
    expect(readTarGz(gzipSync(Buffer.alloc(1024)))).toEqual([]);
  });
});
