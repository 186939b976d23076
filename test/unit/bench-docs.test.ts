/**
 * docs/benchmarks.md is generated from the committed results (bench/figures.ts): this fails
 * when someone edits the page by hand or commits results without regenerating it. And the
 * regression check of `npm run bench -- --compare`: a ratio worse by more than 25 % is flagged.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { compareFigures, figuresOf, normalizeRun, renderBenchmarks, type RunResults } from "../../bench/figures";

const repo = path.resolve(__dirname, "../..");
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(repo, file), "utf8"));

it("docs/benchmarks.md is what `npm run bench:docs` makes from the committed results", () => {
  const expected = renderBenchmarks(read("bench/results.json"), read("bench/fleet-results.json"));
  expect(fs.readFileSync(path.join(repo, "docs/benchmarks.md"), "utf8")).toBe(expected);
});

it("the committed results say which commit, machine, Node and Pulumi they measured, and when", () => {
  for (const file of ["bench/results.json", "bench/fleet-results.json"]) {
    const results = read(file);
    expect(results.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(results.machine).toEqual(
      expect.objectContaining({ cpu: expect.any(String), cores: expect.any(Number), memGiB: expect.any(Number) }),
    );
    expect(results.node).toMatch(/^v\d+\./);
    expect(results.pulumi).toMatch(/^\d+\.\d+\.\d+/);
    expect(Date.parse(results.at)).not.toBeNaN();
  }
  expect(fs.readFileSync(path.join(repo, "docs/benchmarks.md"), "utf8")).toContain(
    read("bench/results.json").commit.slice(0, 12),
  );
});

describe("comparing with a previous run", () => {
  const run = (upMs: number, previewMs: number, requests: number): RunResults => ({
    floor: { 200: { up: 10_000, preview: 5_000, refresh: 2_000 } },
    cases: {
      dynamic: {
        rows: [
          {
            n: 200,
            up: upMs,
            preview: previewMs,
            refresh: 2_400,
            upRequestsPerBackup: requests,
            refreshRequests: 3,
            stateBytes: 2_500,
          },
        ],
      },
    },
  });

  it("flags a ratio or a request count worse by more than 25 %, and nothing else", () => {
    // up 1.2 → 1.6 (+33 %): flagged; preview 1.2 → 1.4 (+17 %): not; requests 2 → 3 (+50 %): flagged.
    const { lines, regressions } = compareFigures(figuresOf(run(12_000, 6_000, 2)), figuresOf(run(16_000, 7_000, 3)));
    expect(regressions).toEqual(["dynamic N=200 up ratio to floor", "dynamic N=200 requests per Backup (up)"]);
    expect(lines.find((l) => l.startsWith("| dynamic N=200 up ratio to floor |"))).toMatch(
      /1\.20 \| 1\.60 \| \+33 % \| \*\*WORSE/,
    );
    expect(lines.find((l) => l.startsWith("| dynamic N=200 preview ratio to floor |"))).not.toMatch(/WORSE/);
    // Absolute wall times are shown, never flagged: they follow the machine.
    expect(regressions.some((r) => r.includes("wall time"))).toBe(false);
  });

  it("flags nothing when every figure held or improved", () => {
    expect(compareFigures(figuresOf(run(16_000, 7_000, 3)), figuresOf(run(11_000, 6_000, 2))).regressions).toEqual([]);
  });

  it("reads results written before they carried their commit (one rows list), to compare with them", () => {
    const old = normalizeRun({
      rows: [
        {
          n: 200,
          floor: { up: 5_000, preview: 2_000, refresh: 1_000 },
          backups: {
            up: 7_000,
            preview: 3_000,
            refresh: 1_200,
            upRequests: 800,
            refreshRequests: 3,
            stateBytes: 2_486,
          },
        },
      ],
      completion: { polls: 7, noticedAfterMs: 223 },
    });
    const figures = Object.fromEntries(figuresOf(old).map((f) => [f.name, f.value]));
    expect(figures["dynamic N=200 up ratio to floor"]).toBeCloseTo(1.4);
    expect(figures["dynamic N=200 requests per Backup (up)"]).toBe(4);
    expect(figures["completion noticed after (ms)"]).toBe(223);
  });
});
