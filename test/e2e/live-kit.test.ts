/**
 * The live acceptance kit (test/live/kit.ts) run as CI can: against the sandbox, standing in
 * for the four vendors, with the real engine. It must pass there, skip cleanly with no
 * credentials, refuse to start unconfirmed, sweep only its own leftovers, and write recordings
 * that `npm test` validates (test/contract/recorded.test.ts holds the committed ones).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CONFIRM_ENV, CONFIRM_VALUE, RECORD_TO_ENV, RESTORE_ENV, runLiveKit, targetEnv, optionsEnv } from "../live/kit";
import { readRecording, validateRecording } from "../support/recording";
import { startTestSandbox, TestSandbox, VENDORS } from "../support/sandbox";

jest.setTimeout(600_000);

let sandbox: TestSandbox;
let recordTo: string;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  recordTo = fs.mkdtempSync(path.join(os.tmpdir(), "hb-live-kit-"));
});
afterAll(async () => {
  await sandbox?.close();
  fs.rmSync(recordTo, { recursive: true, force: true });
});

/** The environment a maintainer would set, pointed at the sandbox. */
async function kitEnv(extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const env: Record<string, string> = { ...sandbox.urlEnv(), ...sandbox.credentialEnv(), [RECORD_TO_ENV]: recordTo };
  for (const vendor of VENDORS) {
    const { vendor: _v, ...fields } = sandbox.target(vendor);
    env[targetEnv(vendor)] = JSON.stringify(fields);
  }
  env[optionsEnv("wpengine")] = JSON.stringify({ notificationEmails: ["ops@example.com"] });
  // Kinsta's restore notifies a company user: the maintainer names theirs, here the seeded one.
  const state = (await sandbox.state()) as { kinsta: { companies: { users: { id: string }[] }[] } };
  env[optionsEnv("kinsta")] = JSON.stringify({ notifiedUserId: state.kinsta.companies[0].users[0].id });
  return { ...env, ...extra };
}

it("skips every vendor cleanly when no credentials are set", async () => {
  const lines: string[] = [];
  const result = await runLiveKit({ env: {}, log: (l) => lines.push(l) });
  expect(result.exitCode).toBe(0);
  expect(result.skipped.map((s) => s.vendor)).toEqual(VENDORS);
  expect(lines.join("\n")).toContain("skipped kinsta: no credentials (KINSTA_API_KEY unset)");
  expect(result.recordings).toEqual([]);
});

it("refuses to start without the confirmation, naming it, with zero API calls", async () => {
  await sandbox.clearRequests();
  const lines: string[] = [];
  const result = await runLiveKit({ env: await kitEnv(), log: (l) => lines.push(l) });
  expect(result.exitCode).toBe(2);
  expect(lines.join("\n")).toContain(`${CONFIRM_ENV}=${CONFIRM_VALUE}`);
  expect(await sandbox.requests()).toEqual([]);
});

it("names the missing target when credentials are set without one", async () => {
  const lines: string[] = [];
  const env = await kitEnv({ [CONFIRM_ENV]: CONFIRM_VALUE });
  delete env[targetEnv("vpsorg")];
  const result = await runLiveKit({ env, log: (l) => lines.push(l) });
  expect(result.exitCode).toBe(2);
  expect(lines.join("\n")).toMatch(/HB_LIVE_VPSORG_TARGET is not: .*serverId/);
});

it("passes the whole lifecycle on every vendor and writes recordings that validate", async () => {
  const lines: string[] = [];
  const result = await runLiveKit({
    env: await kitEnv({ [CONFIRM_ENV]: CONFIRM_VALUE, [RESTORE_ENV]: VENDORS.join(",") }),
    log: (l) => lines.push(l),
  });
  if (result.exitCode !== 0) console.log(lines.join("\n"));
  if (result.exitCode !== 0) console.log(lines.join("\n"));
  expect({ exitCode: result.exitCode, failed: result.steps.filter((s) => !s.ok) }).toEqual({ exitCode: 0, failed: [] });
  expect(result.participants).toEqual(VENDORS);
  const stepsOf = (vendor: string) => result.steps.filter((s) => s.vendor === vendor).map((s) => s.step);
  expect(stepsOf("kinsta")).toEqual([
    "create",
    "refresh after an out-of-band delete",
    "restore",
    "policy prune",
    "destroy",
  ]);
  // WP Engine has no delete-backup API: no drift or prune step, and its backup stays (reported).
  expect(stepsOf("wpengine")).toEqual(["create", "restore", "destroy"]);
  expect(result.leftovers).toEqual([expect.stringMatching(/^wpengine .* no delete-backup API$/)]);

  const recordedVendors = result.recordings.map(
    (f) => path.basename(f).match(/^\d{4}-\d{2}-\d{2}-(\w+)-sandbox(-\d+)?\.json$/)?.[1],
  );
  expect(recordedVendors.sort()).toEqual([...VENDORS].sort());
  for (const file of result.recordings) {
    const recording = readRecording(file);
    expect(recording.runId).toBe(result.runId);
    const text = JSON.stringify(recording);
    for (const secret of sandbox.secrets()) expect(text).not.toContain(secret);
    expect(text).not.toContain("ops@example.com");
    const validation = await validateRecording(recording);
    expect(validation.problems).toEqual([]);
    expect(validation.listingsReplayed).toBeGreaterThan(0);
  }
});

it("sweeps only backups carrying a kit run id and the provider's marker", async () => {
  const target = sandbox.target("vpsorg");
  const api = sandbox.vendorApi("vpsorg", target);
  const leftover = await api.client.startBackup(api.fields, { description: "hbl-abc123 a hb:0123abcd", options: {} });
  const foreign = await api.client.startBackup(api.fields, { description: "hbl-abc123 by hand", options: {} });
  const lines: string[] = [];
  const result = await runLiveKit({
    env: await kitEnv({ [CONFIRM_ENV]: CONFIRM_VALUE }),
    sweep: true,
    log: (l) => lines.push(l),
  });
  expect(result.exitCode).toBe(0);
  const ids = (await api.list()).map((b) => b.id);
  expect(ids).not.toContain(leftover.backupId);
  expect(ids).toContain(foreign.backupId);
  expect(lines).toContain(`vpsorg: deleted ${leftover.backupId} "hbl-abc123 a hb:0123abcd"`);
});
