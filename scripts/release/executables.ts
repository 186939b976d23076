/**
 * What a release archive must hold, checked from the bytes: its layout (the plugin's
 * executable at the top, named as Pulumi looks for it, executable bit set) and the
 * executable's format (ELF, Mach-O, PE) and CPU from its headers, with the single-executable
 * blob injected and, on macOS, a valid ad-hoc signature. The release runs these checks on
 * every archive it writes; the tests run them on archives of platforms they cannot execute.
 */
import { gunzipSync } from "node:zlib";
import { verifyAdhocSignature } from "./macho-sign";

export const PLUGIN = "pulumi-resource-hostingbackups";

export type Os = "linux" | "darwin" | "windows";
export type Arch = "amd64" | "arm64";
export interface Platform {
  os: Os;
  arch: Arch;
}

/** The five platforms a release serves, in Pulumi's names (GOOS-GOARCH). */
export const PLATFORMS: readonly Platform[] = [
  { os: "linux", arch: "amd64" },
  { os: "linux", arch: "arm64" },
  { os: "darwin", arch: "amd64" },
  { os: "darwin", arch: "arm64" },
  { os: "windows", arch: "amd64" },
];

export const platformName = (p: Platform) => `${p.os}-${p.arch}`;

export function parsePlatform(name: string): Platform {
  const found = PLATFORMS.find((p) => platformName(p) === name);
  if (!found)
    throw new ReleaseCheckError(`unknown platform "${name}" (one of ${PLATFORMS.map(platformName).join(", ")})`);
  return found;
}

/** The file name Pulumi's installer fetches (`pulumi-<kind>-<name>-v<version>-<os>-<arch>.tar.gz`). */
export const archiveName = (version: string, p: Platform) => `${PLUGIN}-v${version}-${platformName(p)}.tar.gz`;

/** Node.js's license, beside the executable that embeds Node. */
export const NODE_LICENSE = "LICENSE.node";

/** The executable's name inside the archive: Pulumi looks for `.exe` (or `.cmd`) on Windows. */
export const executableName = (p: Platform) => (p.os === "windows" ? `${PLUGIN}.exe` : PLUGIN);

/** A release artefact that is not what its platform needs. */
export class ReleaseCheckError extends Error {}

export interface ExecutableFormat {
  format: "ELF" | "Mach-O" | "PE";
  os: Os;
  arch: Arch;
}

/** Format and CPU of an executable, from its headers. */
export function executableFormat(file: Buffer): ExecutableFormat {
  if (file.length >= 20 && file.readUInt32BE(0) === 0x7f454c46) {
    if (file[4] !== 2 || file[5] !== 1) throw new ReleaseCheckError("ELF file is not 64-bit little-endian");
    if (file.readUInt16LE(16) !== 2 && file.readUInt16LE(16) !== 3)
      throw new ReleaseCheckError("ELF file is not an executable");
    const machine = file.readUInt16LE(18);
    const arch = ({ 0x3e: "amd64", 0xb7: "arm64" } as const)[machine as 0x3e | 0xb7];
    if (!arch) throw new ReleaseCheckError(`ELF machine 0x${machine.toString(16)} is neither x86-64 nor aarch64`);
    return { format: "ELF", os: "linux", arch };
  }
  if (file.length >= 32 && file.readUInt32LE(0) === 0xfeedfacf) {
    if (file.readUInt32LE(12) !== 2) throw new ReleaseCheckError("Mach-O file is not an executable (MH_EXECUTE)");
    const cpu = file.readUInt32LE(4);
    const arch = ({ 0x01000007: "amd64", 0x0100000c: "arm64" } as const)[cpu as 0x01000007 | 0x0100000c];
    if (!arch) throw new ReleaseCheckError(`Mach-O CPU 0x${cpu.toString(16)} is neither x86-64 nor arm64`);
    return { format: "Mach-O", os: "darwin", arch };
  }
  if (file.length >= 64 && file.toString("latin1", 0, 2) === "MZ") {
    const pe = file.readUInt32LE(0x3c);
    if (file.toString("latin1", pe, pe + 4) !== "PE\0\0") throw new ReleaseCheckError("MZ file without a PE header");
    const machine = file.readUInt16LE(pe + 4);
    const arch = ({ 0x8664: "amd64", 0xaa64: "arm64" } as const)[machine as 0x8664 | 0xaa64];
    if (!arch) throw new ReleaseCheckError(`PE machine 0x${machine.toString(16)} is neither x86-64 nor ARM64`);
    if (file.readUInt16LE(pe + 24) !== 0x20b) throw new ReleaseCheckError("PE file is not PE32+ (64-bit)");
    return { format: "PE", os: "windows", arch };
  }
  throw new ReleaseCheckError("not an ELF, Mach-O or PE executable");
}

/** Node's single-executable fuse, flipped from `:0` to `:1` when a blob is injected. */
const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

/** Whether `file` is a Node single executable application (its fuse set). */
export function isSingleExecutable(file: Buffer): boolean {
  return file.includes(`${SEA_FUSE}:1`);
}

export interface TarEntry {
  name: string;
  mode: number;
  type: "file" | "directory" | "other";
  data: Buffer;
}

/** The entries of a .tar.gz (ustar; names as stored, without a leading `./`). */
export function readTarGz(archive: Buffer): TarEntry[] {
  const tar = gunzipSync(archive);
  const entries: TarEntry[] = [];
  let longName: string | undefined;
  for (let at = 0; at + 512 <= tar.length;) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start: number, length: number) =>
      header.toString("latin1", start, start + length).replace(/\0.*$/s, "");
    const size = parseInt(field(124, 12).trim() || "0", 8);
    const typeflag = field(156, 1);
    const data = tar.subarray(at + 512, at + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
    if (typeflag === "L") {
      longName = data.toString("latin1").replace(/\0.*$/s, "");
      continue;
    }
    const prefix = field(345, 155);
    const name = (longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100))).replace(/^\.\//, "");
    longName = undefined;
    if (name === "" || name === ".") continue;
    const type = typeflag === "0" || typeflag === "" ? "file" : typeflag === "5" ? "directory" : "other";
    entries.push({ name, mode: parseInt(field(100, 8).trim() || "0", 8), type, data });
  }
  return entries;
}

/**
 * Checks one platform's archive: exactly the executable and Node's license at the top, the
 * executable's headers those of `platform`, a Node single executable, executable bit set
 * (where the OS has one), and on macOS an ad-hoc signature that verifies. Throws naming the
 * archive and what is wrong; returns the executable's format.
 */
export function checkArchive(archive: Buffer, name: string, platform: Platform): ExecutableFormat {
  const fail = (why: string) => new ReleaseCheckError(`${name}: ${why}`);
  const entries = readTarGz(archive).filter((e) => e.type !== "directory");
  const names = entries.map((e) => e.name).sort();
  const expected = [executableName(platform), NODE_LICENSE].sort();
  if (names.join() !== expected.join()) {
    throw fail(`holds ${names.join(", ")}; expected ${expected.join(", ")}`);
  }
  const exe = entries.find((e) => e.name === executableName(platform))!;
  if (exe.type !== "file") throw fail(`${exe.name} is not a regular file`);
  if (platform.os !== "windows" && (exe.mode & 0o111) !== 0o111) {
    throw fail(`${exe.name} is not executable (mode ${exe.mode.toString(8)})`);
  }
  let format: ExecutableFormat;
  try {
    format = executableFormat(exe.data);
  } catch (error) {
    throw fail(`${exe.name}: ${(error as Error).message}`);
  }
  if (format.os !== platform.os || format.arch !== platform.arch) {
    throw fail(`${exe.name} is ${format.format} for ${format.os}-${format.arch}, not ${platformName(platform)}`);
  }
  if (!isSingleExecutable(exe.data)) throw fail(`${exe.name} is not a Node single executable (no blob injected)`);
  if (format.format === "Mach-O") {
    try {
      verifyAdhocSignature(exe.data);
    } catch (error) {
      throw fail(`${exe.name}: code signature: ${(error as Error).message}`);
    }
  }
  return format;
}
