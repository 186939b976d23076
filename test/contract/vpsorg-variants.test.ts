/**
 * The VPS.org client under each answer a real account might give where the documents are
 * silent (issue 21; sandbox/core/variants.ts): the undocumented server read that follows a
 * restore, and a backup listed with `description: null`.
 */
import { withDeadline } from "../../provider/core/poll";
import { vpsorg } from "../../provider/vendors/vpsorg";
import { startTestSandbox, type TestSandbox } from "../support/sandbox";
import { FAST_COMPLETION } from "../support/clients";

let sandbox: TestSandbox;
let target: { serverId: string };

beforeAll(async () => {
  sandbox = await startTestSandbox(FAST_COMPLETION);
  target = { serverId: String(sandbox.seed.vpsorg.serverIds[1]) };
});
afterAll(() => sandbox?.close());
beforeEach(() => sandbox.reset());
afterEach(() => sandbox.timing(FAST_COMPLETION));

const client = () =>
  vpsorg.createClient({ baseUrl: sandbox.baseUrls.vpsorg, credentials: { token: sandbox.seed.vpsorg.token } });

/** A completed backup of the target to restore. */
async function completedBackup(c: ReturnType<typeof client>): Promise<string> {
  const pending = await c.startBackup(target, { description: "to restore hb:0a0b0c0d", options: {} });
  await sandbox.advance(FAST_COMPLETION.backupMs);
  return pending.backupId!;
}

describe("VPS.org variants: following a restore through GET /servers/{id}/", () => {
  it("status changes only 10 s after the restore: not completed before it was seen restoring (failed before: completed at once)", async () => {
    await sandbox.variants({ vpsorg: { serverStatus: "delayed", statusDelayMs: 10_000 } });
    // Restoring for 5 s of the sandbox clock: a loaded machine cannot miss it.
    await sandbox.timing({ restoreMs: 5_000 });
    const c = client();
    const restore = await c.startRestore(target, { backupId: await completedBackup(c), options: {} });
    expect(await c.checkRestore(target, restore)).toEqual({ state: "running" });
    await sandbox.advance(10_000);
    expect(await c.checkRestore(target, restore)).toEqual({ state: "running" });
    await sandbox.advance(5_000);
    expect(await c.checkRestore(target, restore)).toEqual({ state: "completed" });
    await sandbox.timing(FAST_COMPLETION);
  });

  it("a status that never shows the restore ends accepted, never completed (failed before: completed)", async () => {
    await sandbox.variants({ vpsorg: { serverStatus: "never" } });
    const c = client();
    const restore = await c.startRestore(target, { backupId: await completedBackup(c), options: {} });
    expect(await c.checkRestore(target, restore)).toEqual({ state: "running" });
    // The last check before the resource's timeout, or a minute on: it cannot be told.
    expect(await withDeadline(Date.now() + 1_000, () => c.checkRestore(target, restore))).toEqual({
      state: "accepted",
    });
    const older = { ...restore, startedAt: new Date(Date.now() - 61_000).toISOString() };
    expect(await client().checkRestore(target, older)).toEqual({ state: "accepted" });
  });

  it.each(["absent-404", "absent-405"] as const)(
    "server read %s: the restore is accepted, with the reason said once (failed before: an error on every check)",
    async (serverStatus) => {
      await sandbox.variants({ vpsorg: { serverStatus } });
      const c = client();
      const restore = await c.startRestore(target, { backupId: await completedBackup(c), options: {} });
      const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
      try {
        expect(await c.checkRestore(target, restore)).toEqual({ state: "accepted" });
        expect(await c.checkRestore(target, restore)).toEqual({ state: "accepted" });
        const said = log.mock.calls
          .map((call) => String(call[0]))
          .filter((line) => line.includes("cannot be followed"));
        expect(said).toHaveLength(1);
        expect(said[0]).toMatch(/VPS\.org answers HTTP 40[45] to GET \/servers\/.*recorded as accepted/);
      } finally {
        log.mockRestore();
      }
    },
  );
});

describe("VPS.org variants: description null in lists", () => {
  it("a backup listed with description null does not break the list (failed before: every list of the server)", async () => {
    await sandbox.variants({ vpsorg: { nullDescription: true } });
    const made = await sandbox.call("vpsorg", "POST", "/backups/", { body: { server_id: Number(target.serverId) } });
    expect(made.status).toBe(201);
    const listed = await client().listBackups(target);
    const id = String((made.body as { id: number }).id);
    expect(listed.find((b) => b.id === id)).toMatchObject({ id, description: undefined });
    // The docs' example shows a string: null is this variant's deviation, and the spec check says so.
    const nullViolations = sandbox.spec.violations.filter((v) => /description/.test(v));
    expect(nullViolations.length).toBeGreaterThan(0);
    sandbox.spec.violations.splice(
      0,
      sandbox.spec.violations.length,
      ...sandbox.spec.violations.filter((v) => !/description/.test(v)),
    );
  });
});
