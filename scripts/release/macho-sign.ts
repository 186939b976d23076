/**
 * Ad-hoc code signing of a 64-bit Mach-O executable, on any OS. Apple Silicon runs no arm64
 * code without a valid signature, and injecting the single-executable blob into Node's
 * macOS binary removes Apple's; `codesign --sign -` exists only on macOS, so the release
 * signs here the way Go's linker signs every darwin binary it builds (a port of Go's
 * cmd/internal/codesign: one SHA-256 CodeDirectory, flags adhoc | linker-signed).
 * test/unit/release-executables.test.ts checks the result byte for byte against Go's.
 */
import { createHash } from "node:crypto";

const MH_MAGIC_64 = 0xfeedfacf;
const LC_SEGMENT_64 = 0x19;
const LC_CODE_SIGNATURE = 0x1d;
const CSMAGIC_CODEDIRECTORY = 0xfade0c02;
const CSMAGIC_EMBEDDED_SIGNATURE = 0xfade0cc0;
const CS_HASHTYPE_SHA256 = 2;
const CS_EXECSEG_MAIN_BINARY = 0x1;
const PAGE_SIZE_BITS = 12;
const PAGE_SIZE = 1 << PAGE_SIZE_BITS;
const HEADER_SIZE = 32;
const SUPER_BLOB_SIZE = 12;
const BLOB_INDEX_SIZE = 8;
const CODE_DIRECTORY_SIZE = 13 * 4 + 4 + 4 * 8;
const HASH_SIZE = 32;
/** Segment alignment of arm64 macOS (a multiple of x86-64's 4 KB, so right for both). */
const SEGMENT_ALIGN = 0x4000;

/** A reason a file cannot be signed or its signature is not valid. */
export class MachOSignatureError extends Error {}

interface Segment {
  /** Offset of the segment command in the file. */
  at: number;
  name: string;
  fileoff: number;
  filesize: number;
}

interface LoadCommands {
  ncmds: number;
  sizeofcmds: number;
  segments: Segment[];
  /** Offset and fields of LC_CODE_SIGNATURE, when present. */
  signature?: { at: number; dataoff: number; datasize: number };
  /** Lowest file offset of any section's contents: load commands must end before it. */
  firstSectionOffset: number;
}

function readLoadCommands(file: Buffer): LoadCommands {
  if (file.length < HEADER_SIZE || file.readUInt32LE(0) !== MH_MAGIC_64) {
    throw new MachOSignatureError("not a 64-bit little-endian Mach-O file");
  }
  const ncmds = file.readUInt32LE(16);
  const sizeofcmds = file.readUInt32LE(20);
  const segments: Segment[] = [];
  let signature: LoadCommands["signature"];
  let firstSectionOffset = file.length;
  let at = HEADER_SIZE;
  for (let i = 0; i < ncmds; i++) {
    const cmd = file.readUInt32LE(at);
    const cmdsize = file.readUInt32LE(at + 4);
    if (cmd === LC_SEGMENT_64) {
      const name = file.toString("latin1", at + 8, at + 24).replace(/\0.*$/s, "");
      segments.push({
        at,
        name,
        fileoff: Number(file.readBigUInt64LE(at + 40)),
        filesize: Number(file.readBigUInt64LE(at + 48)),
      });
      const nsects = file.readUInt32LE(at + 64);
      for (let s = 0; s < nsects; s++) {
        const offset = file.readUInt32LE(at + 72 + s * 80 + 48);
        if (offset > 0) firstSectionOffset = Math.min(firstSectionOffset, offset);
      }
    } else if (cmd === LC_CODE_SIGNATURE) {
      signature = { at, dataoff: file.readUInt32LE(at + 8), datasize: file.readUInt32LE(at + 12) };
    }
    at += cmdsize;
  }
  return { ncmds, sizeofcmds, segments, signature, firstSectionOffset };
}

function segmentNamed(commands: LoadCommands, name: string): Segment {
  const segment = commands.segments.find((s) => s.name === name);
  if (!segment) throw new MachOSignatureError(`no ${name} segment`);
  return segment;
}

function signatureSize(codeSize: number, identifier: string): number {
  const pages = Math.ceil(codeSize / PAGE_SIZE);
  return SUPER_BLOB_SIZE + BLOB_INDEX_SIZE + CODE_DIRECTORY_SIZE + identifier.length + 1 + pages * HASH_SIZE;
}

/** The embedded signature of `file[0, codeSize)` (Go's codesign.Sign). */
function signature(file: Buffer, codeSize: number, identifier: string, text: Segment): Buffer {
  const size = signatureSize(codeSize, identifier);
  const pages = Math.ceil(codeSize / PAGE_SIZE);
  const identOffset = CODE_DIRECTORY_SIZE;
  const hashOffset = identOffset + identifier.length + 1;
  const out = Buffer.alloc(size);
  let p = 0;
  const u32 = (v: number) => (p = out.writeUInt32BE(v, p));
  const u8 = (v: number) => (p = out.writeUInt8(v, p));
  const u64 = (v: number) => (p = out.writeBigUInt64BE(BigInt(v), p));
  // SuperBlob with one index entry: the CodeDirectory.
  u32(CSMAGIC_EMBEDDED_SIGNATURE);
  u32(size);
  u32(1);
  u32(0); // CSSLOT_CODEDIRECTORY
  u32(SUPER_BLOB_SIZE + BLOB_INDEX_SIZE);
  // CodeDirectory.
  u32(CSMAGIC_CODEDIRECTORY);
  u32(size - SUPER_BLOB_SIZE - BLOB_INDEX_SIZE);
  u32(0x20400); // version
  u32(0x20002); // adhoc | linker-signed
  u32(hashOffset);
  u32(identOffset);
  u32(0); // nSpecialSlots
  u32(pages);
  u32(codeSize);
  u8(HASH_SIZE);
  u8(CS_HASHTYPE_SHA256);
  u8(0);
  u8(PAGE_SIZE_BITS);
  u32(0);
  u32(0); // scatterOffset
  u32(0); // teamOffset
  u32(0);
  u64(0); // codeLimit64
  u64(text.fileoff);
  u64(text.filesize);
  u64(CS_EXECSEG_MAIN_BINARY);
  p += out.write(identifier + "\0", p, "latin1");
  for (let page = 0; page < pages; page++) {
    const start = page * PAGE_SIZE;
    const digest = createHash("sha256")
      .update(file.subarray(start, Math.min(start + PAGE_SIZE, codeSize)))
      .digest();
    p += digest.copy(out, p);
  }
  return out;
}

/**
 * `file` (a Mach-O executable whose __LINKEDIT segment ends the file) signed ad hoc under
 * `identifier`. An unsigned file gets an LC_CODE_SIGNATURE command after its load commands
 * and the signature appended to __LINKEDIT; a signed one has its signature replaced in place.
 */
export function adhocSign(file: Buffer, identifier: string): Buffer {
  const commands = readLoadCommands(file);
  const text = segmentNamed(commands, "__TEXT");
  const linkedit = segmentNamed(commands, "__LINKEDIT");
  const existing = commands.signature;
  const codeEnd = existing ? existing.dataoff : file.length;
  if (linkedit.fileoff + linkedit.filesize !== (existing ? existing.dataoff + existing.datasize : file.length)) {
    throw new MachOSignatureError("__LINKEDIT does not end the file");
  }
  const commandsEnd = HEADER_SIZE + commands.sizeofcmds;
  if (!existing && commandsEnd + 16 > commands.firstSectionOffset) {
    throw new MachOSignatureError("no room after the load commands for LC_CODE_SIGNATURE");
  }
  const dataoff = Math.ceil(codeEnd / 16) * 16;
  const datasize = signatureSize(dataoff, identifier);
  const signed = Buffer.alloc(dataoff + datasize);
  file.copy(signed, 0, 0, codeEnd);
  let command = existing?.at ?? commandsEnd;
  if (!existing) {
    signed.writeUInt32LE(commands.ncmds + 1, 16);
    signed.writeUInt32LE(commands.sizeofcmds + 16, 20);
    command = commandsEnd;
  }
  signed.writeUInt32LE(LC_CODE_SIGNATURE, command);
  signed.writeUInt32LE(16, command + 4);
  signed.writeUInt32LE(dataoff, command + 8);
  signed.writeUInt32LE(datasize, command + 12);
  const filesize = dataoff + datasize - linkedit.fileoff;
  signed.writeBigUInt64LE(BigInt(filesize), linkedit.at + 48);
  const vmsize = Number(signed.readBigUInt64LE(linkedit.at + 32));
  if (vmsize < filesize) {
    signed.writeBigUInt64LE(BigInt(Math.ceil(filesize / SEGMENT_ALIGN) * SEGMENT_ALIGN), linkedit.at + 32);
  }
  signature(signed, dataoff, identifier, text).copy(signed, dataoff);
  return signed;
}

/** `file` without its code signature: the inverse of adhocSign (used to compare with Go's). */
export function stripSignature(file: Buffer): Buffer {
  const commands = readLoadCommands(file);
  if (!commands.signature) return file;
  const { at, dataoff } = commands.signature;
  const linkedit = segmentNamed(commands, "__LINKEDIT");
  const out = Buffer.from(file.subarray(0, dataoff));
  const commandsEnd = HEADER_SIZE + commands.sizeofcmds;
  out.copy(out, at, at + 16, commandsEnd);
  out.fill(0, commandsEnd - 16, commandsEnd);
  out.writeUInt32LE(commands.ncmds - 1, 16);
  out.writeUInt32LE(commands.sizeofcmds - 16, 20);
  const linkeditAt = linkedit.at > at ? linkedit.at - 16 : linkedit.at;
  out.writeBigUInt64LE(BigInt(dataoff - linkedit.fileoff), linkeditAt + 48);
  return out;
}

/**
 * Checks `file`'s ad-hoc signature as the kernel would page by page: a CodeDirectory hashing
 * every page up to the signature with SHA-256. Returns its identifier; throws when invalid.
 */
export function verifyAdhocSignature(file: Buffer): string {
  const commands = readLoadCommands(file);
  if (!commands.signature) throw new MachOSignatureError("not signed (no LC_CODE_SIGNATURE)");
  const { dataoff, datasize } = commands.signature;
  const blob = file.subarray(dataoff, dataoff + datasize);
  if (blob.readUInt32BE(0) !== CSMAGIC_EMBEDDED_SIGNATURE) throw new MachOSignatureError("no embedded signature");
  const count = blob.readUInt32BE(8);
  let directory: Buffer | undefined;
  for (let i = 0; i < count; i++) {
    const type = blob.readUInt32BE(SUPER_BLOB_SIZE + i * BLOB_INDEX_SIZE);
    const offset = blob.readUInt32BE(SUPER_BLOB_SIZE + i * BLOB_INDEX_SIZE + 4);
    if (type === 0) directory = blob.subarray(offset, offset + blob.readUInt32BE(offset + 4));
  }
  if (!directory || directory.readUInt32BE(0) !== CSMAGIC_CODEDIRECTORY) {
    throw new MachOSignatureError("no CodeDirectory");
  }
  const hashOffset = directory.readUInt32BE(16);
  const identOffset = directory.readUInt32BE(20);
  const pages = directory.readUInt32BE(28);
  const codeLimit = directory.readUInt32BE(32);
  const pageSize = 1 << directory.readUInt8(39);
  if (directory.readUInt8(37) !== CS_HASHTYPE_SHA256) throw new MachOSignatureError("CodeDirectory is not SHA-256");
  if (codeLimit !== dataoff)
    throw new MachOSignatureError(`code limit ${codeLimit} is not the signature's offset ${dataoff}`);
  if (pages !== Math.ceil(codeLimit / pageSize)) throw new MachOSignatureError("page count does not cover the code");
  for (let page = 0; page < pages; page++) {
    const start = page * pageSize;
    const digest = createHash("sha256")
      .update(file.subarray(start, Math.min(start + pageSize, codeLimit)))
      .digest();
    const expected = directory.subarray(hashOffset + page * HASH_SIZE, hashOffset + (page + 1) * HASH_SIZE);
    if (!digest.equals(expected)) throw new MachOSignatureError(`page ${page} does not match its hash`);
  }
  const end = directory.indexOf(0, identOffset);
  return directory.toString("latin1", identOffset, end);
}
