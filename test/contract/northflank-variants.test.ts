/**
 * The Northflank client under each answer a real account might give where neither the
 * official client's types nor the PITR document say (issue 21; sandbox/core/variants.ts):
 * where a point-in-time restore is recorded, how long its backup takes or whether it fails,
 * restore ids that differ between the call and the lists, pages without a cursor.
 */
import { VendorApiError } from "../../provider/core/errors";
import { withDeadline } from "../../provider/core/poll";
import { northflank } from "../../provider/vendors/northflank";
import { listAllPages } from "../../provider/vendors/northflank/client";
import { startTestSandbox, type TestSandbox } from "../support/sandbox";
import { FAST_COMPLETION, rejectionOf, waitForBackup, waitForRestore } from "../support/clients";

let sandbox: TestSandbox;
let target: { projectId: string; addonId: string };

beforeAll(async () => {
  sandbox = await startTestSandbox(FAST_COMPLETION);
  target = sandbox.seed.northflank.addons[0];
});
afterAll(() => sandbox?.close());
beforeEach(() => sandbox.reset());

const client = (teamScoped = false) =>
  northflank.createClient({
    baseUrl: sandbox.baseUrls.northflank,
    credentials: { token: teamScoped ? sandbox.seed.northflank.organisationToken : sandbox.seed.northflank.token },
    teamId: teamScoped ? sandbox.seed.northflank.teamId : undefined,
  });
const anHourAgo = () => new Date(Date.now() - 3600_000).toISOString();

describe("Northflank variants: where a point-in-time restore is recorded", () => {
  it.each(["backup", "addon", "lastRestore"] as const)(
    "recorded %s: followed to completion (addon and lastRestore failed before: not in the backup's restores)",
    async (pitrRecord) => {
      await sandbox.variants({ northflank: { pitrRecord } });
      const c = client();
      const pending = await c.pointInTime!.start(target, anHourAgo());
      expect(await waitForRestore(c, target, pending)).toMatchObject({ state: "completed" });
    },
  );

  it("team-scoped (/teams/{teamId}/…), recorded only in the addon's restores: followed to completion", async () => {
    await sandbox.variants({ northflank: { pitrRecord: "addon" } });
    const c = client(true);
    await sandbox.clearRequests();
    const pending = await c.pointInTime!.start(target, anHourAgo());
    expect(await waitForRestore(c, target, pending)).toMatchObject({ state: "completed" });
    const paths = (await sandbox.requests()).map((r) => r.path);
    expect(paths.some((p) => p.endsWith("/pitr"))).toBe(true);
    expect(paths.every((p) => p.startsWith(`/northflank/v1/teams/${sandbox.seed.northflank.teamId}/`))).toBe(true);
  });

  it("its backup takes 5 min: pending meanwhile, whatever the wall clock says, then completed (failed before after 120 s)", async () => {
    await sandbox.variants({ northflank: { pitrBackupMs: 300_000 } });
    const c = client();
    const started = await c.pointInTime!.start(target, anHourAgo());
    // As if the call was made 3 minutes ago (a large database).
    const pending = { ...started, startedAt: new Date(Date.now() - 180_000).toISOString() };
    expect(await c.checkRestore(target, pending)).toEqual({ state: "pending" });
    await sandbox.advance(300_000);
    expect(await waitForRestore(c, target, pending)).toMatchObject({ state: "completed" });
  });

  it("its backup fails: the restore fails saying so (failed before: 'not in the restores list' after 120 s)", async () => {
    await sandbox.variants({ northflank: { pitrBackupOutcome: "failed", pitrBackupMs: 1_000 } });
    const c = client();
    const pending = await c.pointInTime!.start(target, anHourAgo());
    await sandbox.advance(1_000);
    const done = await c.checkRestore(target, pending);
    expect(done).toMatchObject({ state: "failed" });
    expect(done.state === "failed" && done.reason).toMatch(
      /the backup Northflank makes for a point-in-time restore \(.*\) ended as "failed", so the restore did not run/,
    );
  });

  it("a restore recorded nowhere fails at the resource's timeout, naming where it looked", async () => {
    const c = client();
    const pending = await c.pointInTime!.start(target, anHourAgo());
    await sandbox.fault({ method: "GET", path: "/restores", status: 200, body: { data: { restores: [] } }, count: 10 });
    await sandbox.fault({
      method: "GET",
      path: `/backups/${pending.backupId}$`,
      status: 200,
      body: {
        data: {
          id: pending.backupId,
          name: "PITR",
          status: "completed",
          createdAt: anHourAgo(),
          config: { size: "1" },
        },
      },
      count: 1,
    });
    const error = await rejectionOf(withDeadline(Date.now() + 1_000, () => c.checkRestore(target, pending)));
    expect(error).toBeInstanceOf(VendorApiError);
    expect(error.message).toMatch(
      /not in Northflank's restores lists \(the backup's, the addon's, the backup's lastRestore\)/,
    );
  });
});

describe("Northflank variants: restore ids", () => {
  it("the call's id differs from the lists': the list's restore is adopted and followed (failed before: never found)", async () => {
    await sandbox.variants({ northflank: { restoreIds: "different" } });
    const c = client();
    const description = "ids differ hb:6f708192";
    const made = await c.startBackup(target, { description, options: {} });
    await waitForBackup(c, target, made, description);
    const pending = await c.startRestore(target, { backupId: made.backupId!, options: {} });
    const listed = await c.listRestoreIds!(target, made.backupId!);
    expect(listed).toHaveLength(1);
    expect(listed).not.toContain(pending.operationId);
    expect(await waitForRestore(c, target, pending)).toMatchObject({ state: "completed" });
  });
});

describe("Northflank variants: pages without a cursor", () => {
  it("hasNextPage without a cursor is followed by page number (stopped silently after page 1 before)", async () => {
    const pages = [[1, 2], [3, 4], [5]];
    const asked: (number | undefined)[] = [];
    const items = await listAllPages(async ({ cursor, page }) => {
      expect(cursor).toBeUndefined();
      asked.push(page);
      const n = page ?? 1;
      return { items: pages[n - 1], pagination: { hasNextPage: n < pages.length } };
    });
    expect(items).toEqual([1, 2, 3, 4, 5]);
    expect(asked).toEqual([undefined, 2, 3]);
  });

  it("a server that ignores the page number fails clearly instead of returning part of the list", async () => {
    const error = await rejectionOf(
      listAllPages(async () => ({ items: [1, 2], pagination: { hasNextPage: true } }), "listBackups"),
    );
    expect(error.message).toMatch(
      /listBackups says hasNextPage without a cursor, and page 2 answers the same items as page 1/,
    );
  });

  it("the sandbox's page variant: every backup of an addon with more than a page is listed", async () => {
    await sandbox.variants({ northflank: { pagination: "page" } });
    const c = client();
    const before = (await c.listBackups(target)).length;
    // Fill past one page of 100.
    for (let i = before; i <= 100; i++) {
      const answer = await sandbox.call(
        "northflank",
        "POST",
        `/projects/${target.projectId}/addons/${target.addonId}/backups`,
        {
          body: { name: `filler ${i}`, backupType: "dump" },
        },
      );
      expect(answer.status).toBe(200);
    }
    await sandbox.clearRequests();
    const listed = await c.listBackups(target);
    expect(listed.length).toBe(101);
    const pageAsks = (await sandbox.requests()).filter((r) => /\/backups\?.*page=2/.test(r.path));
    expect(pageAsks).toHaveLength(1);
  });
});
