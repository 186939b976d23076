/**
 * Every recording in test/fixtures/recorded/ (made by the live acceptance kit, `npm run
 * test:live`, on a real account or the sandbox) still agrees with the vendor's spec, our
 * contract and our parsing. A maintainer's one live run becomes a permanent check here.
 */
import * as path from "node:path";
import { closeHttpPools } from "../../provider/core/http";
import { readRecording, recordingFiles, validateRecording } from "../support/recording";

const dir = path.join(__dirname, "../fixtures/recorded");
const files = recordingFiles(dir);

afterAll(() => closeHttpPools());

it("holds at least one recording (the sandbox run committed with the kit)", () => {
  expect(files.length).toBeGreaterThan(0);
});

describe.each(files.map((f) => [path.basename(f), f]))("recording %s", (_name, file) => {
  it("agrees with the vendor's spec, our contract and our list parsing", async () => {
    const recording = readRecording(file);
    expect(recording.format).toBe(1);
    expect(recording.exchanges.length).toBeGreaterThan(0);
    const result = await validateRecording(recording);
    expect(result.problems).toEqual([]);
    expect(result.checkedAgainstSpec + result.undocumented.length).toBeGreaterThan(0);
    expect(result.listingsReplayed).toBeGreaterThan(0);
  });

  it("holds no credential, authorization header or e-mail address but the placeholder", () => {
    const text = JSON.stringify(readRecording(file));
    expect(text).not.toMatch(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/);
    const emails = text.match(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g) ?? [];
    expect(emails.filter((e) => e !== "redacted@example.invalid")).toEqual([]);
  });
});

it("finds an answer the provider could not parse (a recording can fail)", async () => {
  const recording = readRecording(files.find((f) => f.includes("vpsorg")) ?? files[0]);
  const list = recording.exchanges.find((e) => e.operation === "listBackups" && e.status === 200);
  expect(list).toBeDefined();
  // What a vendor changing its list shape would look like: every field renamed.
  list!.responseBody = JSON.parse(JSON.stringify(list!.responseBody).replace(/"id":/g, '"identifier":'));
  const result = await validateRecording(recording);
  expect(result.problems.length).toBeGreaterThan(0);
  expect(result.problems.join("\n")).toMatch(/cannot parse the answer|breaks/);
});
