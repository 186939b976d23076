/**
 * Northflank restores beyond the target's own backups, against the sandbox: "global" backups
 * (another addon's), restore ids as numbers or strings, a restore id the list never shows, and
 * point-in-time restores inside and outside the window.
 */
import { ValidationError, VendorApiError } from "../../provider/core/errors";
import { northflank } from "../../provider/vendors/northflank";
import { RESTORE_LISTING_GRACE_MS } from "../../provider/vendors/northflank/client";
import { startTestSandbox, type TestSandbox } from "../support/sandbox";
import { FAST_COMPLETION, rejectionOf, waitForBackup, waitForRestore } from "../support/clients";

let sandbox: TestSandbox;
let target: { projectId: string; addonId: string };
let other: { projectId: string; addonId: string };

beforeAll(async () => {
  sandbox = await startTestSandbox(FAST_COMPLETION);
  [target, other] = sandbox.seed.northflank.addons;
});
afterAll(() => sandbox?.close());
afterEach(() => sandbox.clearFaults());

const client = () =>
  northflank.createClient({
    baseUrl: sandbox.baseUrls.northflank,
    credentials: { token: sandbox.seed.northflank.token },
  });

type Addon = { id: string; projectId: string; lastRestoredFrom?: { backupId: string; pointInTime?: string } };
async function addonState(addon: { projectId: string; addonId: string }): Promise<Addon | undefined> {
  const state = (await sandbox.state()) as { northflank: { addons: Addon[] } };
  return state.northflank.addons.find((a) => a.projectId === addon.projectId && a.id === addon.addonId);
}

describe("Northflank restores of another addon's backup (global backups)", () => {
  it("lists, starts and follows the restore with sourceProjectId/sourceAddonId on every call", async () => {
    const c = client();
    const description = "global source hb:0badc0de";
    const pending = await c.startBackup(other, { description, options: {} });
    await waitForBackup(c, other, pending, description);
    const options = northflank.sourceRestoreOptions!(other);

    await sandbox.clearRequests();
    // Without the source named, the backup is not the target's: Northflank answers 404.
    expect(await c.listRestoreIds!(target, pending.backupId!, options)).toEqual([]);
    const restore = await c.startRestore(target, { backupId: pending.backupId!, options });
    expect(await waitForRestore(c, target, restore)).toMatchObject({ state: "completed" });
    expect((await addonState(target))?.lastRestoredFrom?.backupId).toBe(pending.backupId);

    const calls = (await sandbox.requests()).filter((r) => r.path.includes(`/backups/${pending.backupId}/`));
    expect(calls.length).toBeGreaterThanOrEqual(3);
    for (const call of calls) {
      expect(call.path).toContain(`sourceProjectId=${other.projectId}`);
      expect(call.path).toContain(`sourceAddonId=${other.addonId}`);
      expect(call.status).toBe(200);
    }
  });
});

describe("Northflank restore ids", () => {
  it("matches a restore listed with a numeric id to the string id the restore call answered", async () => {
    const backupId = "pre-migration";
    await sandbox.fault({
      method: "GET",
      path: `/backups/${backupId}/restores$`,
      status: 200,
      body: {
        data: { restores: [{ id: 1611305397038, status: "completed", restoreTimestamp: new Date().toISOString() }] },
        pagination: { hasNextPage: false, count: 1 },
      },
    });
    const progress = await client().checkRestore(target, {
      operationId: "1611305397038",
      backupId,
      startedAt: new Date().toISOString(),
    });
    expect(progress).toMatchObject({ state: "completed" });
  });

  it("reads a restore id the list does not show as pending at first, then as an error naming the id", async () => {
    const c = client();
    const fresh = { operationId: "424242", backupId: "pre-migration", startedAt: new Date().toISOString() };
    expect(await c.checkRestore(target, fresh)).toEqual({ state: "pending" });
    const old = { ...fresh, startedAt: new Date(Date.now() - RESTORE_LISTING_GRACE_MS - 1_000).toISOString() };
    const error = await rejectionOf(c.checkRestore(target, old));
    expect(error).toBeInstanceOf(VendorApiError);
    expect(error.message).toMatch(/restore 424242 of backup pre-migration is not in Northflank's restores list/);
  });
});

describe("Northflank point-in-time restore", () => {
  it("reports a window that ends now and reaches back days; other addon types have none", async () => {
    const pit = client().pointInTime!;
    const window = await pit.window(target);
    expect(window.hasValidWindow).toBe(true);
    expect(Date.now() - Date.parse(window.end!)).toBeLessThan(5_000);
    expect(Date.parse(window.end!) - Date.parse(window.start!)).toBeGreaterThan(24 * 3600_000);
    const mongo = sandbox.seed.northflank.addons.find((a) => a.addonId === "mongo")!;
    expect((await pit.window(mongo)).hasValidWindow).toBe(false);
  });

  it("restores to a time inside the window and follows it through the restore records", async () => {
    const c = client();
    const at = new Date(Date.now() - 3600_000).toISOString();
    const pending = await c.pointInTime!.start(target, at);
    expect(pending.backupId).toBeTruthy();
    expect(await waitForRestore(c, target, pending)).toMatchObject({ state: "completed" });
    expect((await addonState(target))?.lastRestoredFrom).toMatchObject({ backupId: pending.backupId, pointInTime: at });
    expect((await c.pointInTime!.listRestores(target)).map((r) => r.backupId)).toContain(pending.backupId);
  });

  it("answers a time outside the window with Northflank's 400, starting nothing", async () => {
    const c = client();
    const before = (await c.pointInTime!.listRestores(target)).length;
    const error = await rejectionOf(c.pointInTime!.start(target, "2020-01-01T00:00:00Z"));
    expect(error).toBeInstanceOf(VendorApiError);
    expect(error).not.toBeInstanceOf(ValidationError);
    expect(error.message).toMatch(/HTTP 400.*point-in-time restore window/);
    expect((await c.pointInTime!.listRestores(target)).length).toBe(before);
  });

  it("goes through /teams/{teamId}/… with an organisation-scoped token", async () => {
    const c = northflank.createClient({
      baseUrl: sandbox.baseUrls.northflank,
      credentials: { token: sandbox.seed.northflank.organisationToken },
      teamId: sandbox.seed.northflank.teamId,
    });
    await sandbox.clearRequests();
    const pending = await c.pointInTime!.start(target, new Date(Date.now() - 60_000).toISOString());
    expect(await waitForRestore(c, target, pending)).toMatchObject({ state: "completed" });
    expect(await c.pointInTime!.window(target)).toMatchObject({ hasValidWindow: true });
    expect(await c.pointInTime!.listRestores(target)).toEqual(
      expect.arrayContaining([expect.objectContaining({ backupId: pending.backupId })]),
    );
    const paths = (await sandbox.requests()).map((r) => r.path);
    expect(paths.length).toBeGreaterThanOrEqual(3);
    for (const path of paths) expect(path).toMatch(/^\/northflank\/v1\/teams\/demo-team\/projects\//);
  });
});
