/**
 * Real headless Chromium (Debian's `chromium` package; .ci/run installs it) for tests that
 * open a page as a user would: a screenshot as decoded pixels, and the DOM after load.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { inflateSync } from "node:zlib";

export function chromiumBinary(): string {
  for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
    for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
      const candidate = path.join(dir, name);
      if (dir && fs.existsSync(candidate)) return candidate;
    }
  }
  throw new Error("no Chromium found on PATH: install Debian's chromium package (`apt-get install chromium`)");
}

const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--mute-audio"];

function run(args: string[]): string {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "hb-chromium-"));
  try {
    return execFileSync(chromiumBinary(), [...FLAGS, `--user-data-dir=${profile}`, ...args], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 120_000,
      maxBuffer: 64 * 1024 * 1024,
    });
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/** The page's DOM once loaded, as Chromium serialises it. */
export function dumpDom(file: string): string {
  return run(["--dump-dom", `file://${file}`]);
}

/** Takes a PNG screenshot of the page into `png`. */
export function screenshot(file: string, png: string, size = { width: 1280, height: 1400 }): void {
  run([`--screenshot=${png}`, `--window-size=${size.width},${size.height}`, `file://${file}`]);
  if (!fs.existsSync(png)) throw new Error(`Chromium wrote no screenshot to ${png}`);
}

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel, row by row. */
  rgba: Uint8Array;
}

/** Decodes an 8-bit RGB or RGBA, non-interlaced PNG (what Chromium's screenshots are). */
export function decodePng(data: Buffer): Pixels {
  if (data.readUInt32BE(0) !== 0x89504e47) throw new Error("not a PNG");
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset < data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString("ascii", offset + 4, offset + 8);
    const chunk = data.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = chunk.readUInt32BE(0);
      height = chunk.readUInt32BE(4);
      const [depth, colour, , , interlace] = chunk.subarray(8, 13);
      if (depth !== 8 || interlace !== 0 || (colour !== 2 && colour !== 6))
        throw new Error(`unsupported PNG: depth ${depth}, colour type ${colour}, interlace ${interlace}`);
      channels = colour === 6 ? 4 : 3;
    } else if (type === "IDAT") idat.push(chunk);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(width * height * 4);
  let previous = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const current = new Uint8Array(stride);
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? current[i - channels] : 0;
      const up = previous[i];
      const upLeft = i >= channels ? previous[i - channels] : 0;
      let predictor = 0;
      if (filter === 1) predictor = left;
      else if (filter === 2) predictor = up;
      else if (filter === 3) predictor = (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        predictor = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      current[i] = (line[i] + predictor) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      out[o] = current[x * channels];
      out[o + 1] = current[x * channels + 1];
      out[o + 2] = current[x * channels + 2];
      out[o + 3] = channels === 4 ? current[x * channels + 3] : 255;
    }
    previous = current;
  }
  return { width, height, rgba: out };
}

/** How many pixels are within `tolerance` of the colour `#rrggbb`. */
export function countColour(pixels: Pixels, hex: string, tolerance = 12): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let count = 0;
  for (let o = 0; o < pixels.rgba.length; o += 4) {
    if (
      Math.abs(pixels.rgba[o] - r) <= tolerance &&
      Math.abs(pixels.rgba[o + 1] - g) <= tolerance &&
      Math.abs(pixels.rgba[o + 2] - b) <= tolerance
    )
      count++;
  }
  return count;
}
