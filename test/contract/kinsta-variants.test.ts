/**
 * The Kinsta client under each answer a real account might give where API 1.87.0 is silent
 * (issue 21; sandbox/core/variants.ts). Each case failed on the client before issue 21.
 */
import { withDeadline } from "../../provider/core/poll";
import { kinsta } from "../../provider/vendors/kinsta";
import type { VendorClient } from "../../provider/vendors/vendor";
import { startTestSandbox, type TestSandbox } from "../support/sandbox";
import { FAST_COMPLETION, waitForBackup } from "../support/clients";

let sandbox: TestSandbox;
let target: { environmentId: string };

beforeAll(async () => {
  sandbox = await startTestSandbox(FAST_COMPLETION);
  target = { environmentId: sandbox.seed.kinsta.environmentIds[1] };
});
afterAll(() => sandbox?.close());
beforeEach(() => sandbox.reset());

const client = (): VendorClient<{ environmentId: string }> =>
  kinsta.createClient({ baseUrl: sandbox.baseUrls.kinsta, credentials: { apiKey: sandbox.seed.kinsta.apiKey } });

type StateBackup = { id: number; tag?: string; type: string; environmentId: string };
const stateBackups = async () => ((await sandbox.state()).kinsta as { backups: StateBackup[] }).backups;

describe("Kinsta variants", () => {
  it("tag shown in the backup's name: found by its marker", async () => {
    await sandbox.variants({ kinsta: { tagIn: "name" } });
    const c = client();
    const description = "name variant hb:1a2b3c4d";
    const done = await waitForBackup(c, target, await c.startBackup(target, { description, options: {} }), description);
    expect(done).toMatchObject({ state: "completed", backup: { description, manual: true } });
  });

  it("tag shown nowhere: the one new manual backup is adopted (failed before: 'cannot be identified')", async () => {
    await sandbox.variants({ kinsta: { tagIn: "nowhere" } });
    const c = client();
    const description = "nowhere variant hb:2b3c4d5e";
    const done = await waitForBackup(c, target, await c.startBackup(target, { description, options: {} }), description);
    const made = (await stateBackups()).find((b) => b.tag === description)!;
    expect(done).toMatchObject({ state: "completed", backup: { id: String(made.id), description } });
    // Later lists of this process show it under the description it was made with.
    expect((await c.listBackups(target)).find((b) => b.id === String(made.id))?.description).toBe(description);
  });

  it("tag shown nowhere, two new manual backups: fails naming both ids, adopts neither", async () => {
    await sandbox.variants({ kinsta: { tagIn: "nowhere" } });
    const c = client();
    const description = "ambiguous hb:3c4d5e6f";
    const pending = await c.startBackup(target, { description, options: {} });
    // Someone else takes a manual backup of the same environment meanwhile.
    const other = await sandbox.call("kinsta", "POST", `/sites/environments/${target.environmentId}/manual-backups`, {
      body: { tag: "by hand" },
    });
    expect(other.status).toBe(202);
    const done = await waitForBackup(c, target, pending, description);
    const ids = (await stateBackups()).filter((b) => b.environmentId === target.environmentId && b.type === "manual");
    expect(ids).toHaveLength(2);
    expect(done.state).toBe("failed");
    for (const b of ids) expect(done.state === "failed" && done.reason).toContain(String(b.id));
    expect(done.state === "failed" && done.reason).toMatch(/cannot be told\. Adopt the right one with `adoptBackupId`/);
  });

  it("a finished backup listed 30 s after its operation: waits, then completes (failed before after 3 reads 2 s apart)", async () => {
    await sandbox.variants({ kinsta: { listLagMs: 30_000 } });
    const c = client();
    const description = "lagging hb:4d5e6f70";
    const pending = await c.startBackup(target, { description, options: {} });
    await new Promise((resolve) => setTimeout(resolve, FAST_COMPLETION.backupMs + 100));
    const started = Date.now();
    expect(await c.checkBackup(target, pending, description)).toEqual({ state: "running" });
    expect(Date.now() - started).toBeLessThan(2_000);
    await sandbox.advance(30_000);
    expect(await c.checkBackup(target, pending, description)).toMatchObject({
      state: "completed",
      backup: { description },
    });
  });

  it("a lag longer than the resource's timeout ends in a clear failure at the last check", async () => {
    await sandbox.variants({ kinsta: { listLagMs: 60_000 } });
    const c = client();
    const description = "too late hb:5e6f7081";
    const pending = await c.startBackup(target, { description, options: {} });
    await new Promise((resolve) => setTimeout(resolve, FAST_COMPLETION.backupMs + 100));
    const progress = await withDeadline(Date.now() + 2_000, () => c.checkBackup(target, pending, description));
    expect(progress.state === "failed" && progress.reason).toMatch(
      /reports operation .* completed, but no manual backup carrying "too late hb:5e6f7081" .* is listed .* the backup cannot be identified/,
    );
  });

  it.each(["Backup not found", "Bad request format"] as const)(
    'a delete of a backup already gone answered 400 %j counts as gone ("Bad request format" failed before)',
    async (message) => {
      await sandbox.variants({ kinsta: { unknownBackupMessage: message } });
      await sandbox.clearRequests();
      await expect(client().deleteBackup(target, "424242")).resolves.toBeUndefined();
      expect((await sandbox.requests()).filter((r) => r.method === "DELETE").map((r) => r.status)).toEqual([400]);
    },
  );
});
