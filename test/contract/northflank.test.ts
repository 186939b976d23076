import { AuthError, NotFoundError } from "../../provider/core/errors";
import { northflank } from "../../provider/vendors/northflank";
import { startTestSandbox, type TestSandbox } from "../support/sandbox";
import { FAST_COMPLETION, rejectionOf, waitForBackup, waitForRestore } from "../support/clients";

let sandbox: TestSandbox;
let target: { projectId: string; addonId: string };

beforeAll(async () => {
  sandbox = await startTestSandbox(FAST_COMPLETION);
  target = sandbox.seed.northflank.addons[0];
});
afterAll(() => sandbox?.close());
afterEach(() => sandbox.clearFaults());

const client = (token = sandbox.seed.northflank.token) =>
  northflank.createClient({ baseUrl: sandbox.baseUrls.northflank, credentials: { token } });

describe("Northflank client against the sandbox", () => {
  it("creates a named backup, follows it, lists, gets, restores and deletes it", async () => {
    const c = client();
    const description = "contract run hb:0badc0de";
    const pending = await c.startBackup(target, {
      description,
      options: { backupType: "dump", compressionType: "zstd" },
    });
    expect(pending.backupId).toBeTruthy();

    const done = await waitForBackup(c, target, pending, description);
    expect(done).toMatchObject({
      state: "completed",
      backup: { id: pending.backupId, description, manual: true, backupType: "dump" },
    });
    const backup = done.state === "completed" ? done.backup : undefined;
    expect(backup?.sizeBytes).toBeGreaterThan(0);
    expect(backup?.addonVersion).toBeTruthy();

    const listed = await c.listBackups(target);
    expect(listed.find((b) => b.id === pending.backupId)).toMatchObject({ description });
    const fetched = await c.getBackup(target, pending.backupId!);
    expect(fetched).toMatchObject({ id: pending.backupId, state: "completed" });
    // The link costs a request of its own: only `downloadLink` fetches it, never a read or poll.
    expect(fetched?.downloadUrl).toBeUndefined();
    expect(await c.downloadLink!(target, pending.backupId!)).toMatch(/^https?:\/\//);
    expect(await c.getBackup(target, "no-such-backup")).toBeUndefined();

    expect(await c.listRestoreIds!(target, pending.backupId!)).toEqual([]);
    const restore = await c.startRestore(target, { backupId: pending.backupId!, options: {} });
    expect(restore.operationId).toBeTruthy();
    expect(await c.listRestoreIds!(target, pending.backupId!)).toEqual([restore.operationId]);
    expect(await waitForRestore(c, target, restore)).toMatchObject({ state: "completed" });

    await c.deleteBackup(target, pending.backupId!);
    expect(await c.getBackup(target, pending.backupId!)).toBeUndefined();
    await c.deleteBackup(target, pending.backupId!); // already gone
  });

  it("tells the schedule's backups from manual ones by the addon's schedules, with their backup type", async () => {
    // Northflank's addon backups carry no schedule id: the sandbox's seeded daily schedule
    // (02:30 UTC) makes backups that only their creation time ties to it.
    const listed = await client().listBackups(target);
    const scheduled = listed.filter((b) => b.description?.startsWith("Scheduled daily"));
    expect(scheduled.length).toBeGreaterThan(0);
    for (const backup of scheduled) expect(backup).toMatchObject({ manual: false, backupType: "snapshot" });
    expect(listed.find((b) => b.id === "pre-migration")).toMatchObject({ manual: true });
    for (const backup of listed) expect(["dump", "snapshot"]).toContain(backup.backupType);
    // A single read says the same.
    expect(await client().getBackup(target, scheduled[0].id)).toMatchObject({ manual: false });
  });

  it("reads an absent restores or schedules list as empty (both are optional in Northflank's types)", async () => {
    const mongo = sandbox.seed.northflank.addons[1];
    await sandbox.clearRequests();
    expect(await client().schedules!.list(mongo)).toEqual([]);
    expect(await client().listRestoreIds!(target, "pre-migration")).toEqual([]);
    expect((await sandbox.requests()).map((r) => r.status)).toEqual([200, 200]);
  });

  it("follows cursor pagination to the end", async () => {
    const c = client();
    const before = (await c.listBackups(target)).length;
    const needed = Math.max(0, 103 - before);
    for (let i = 0; i < needed; i++) await c.startBackup(target, { description: `bulk ${i}`, options: {} });
    await sandbox.clearRequests();
    const all = await c.listBackups(target);
    expect(all.length).toBe(before + needed);
    expect(new Set(all.map((b) => b.id)).size).toBe(all.length);
    const pages = (await sandbox.requests()).filter((r) => r.method === "GET" && /\/backups\?/.test(r.path));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages[1].path).toMatch(/cursor=/);
  });

  it("creates, lists and deletes native schedules (retentionDays ↔ retentionTime)", async () => {
    const schedules = client().schedules!;
    const created = await schedules.create(target, {
      interval: "weekly",
      backupType: "dump",
      retentionDays: 30,
      minute: [15],
      hour: [2],
      day: [6],
    });
    expect(created.id).toBeTruthy();
    const listed = await schedules.list(target);
    expect(listed.find((s) => s.id === created.id)).toEqual(created);
    await schedules.delete(target, created.id);
    expect((await schedules.list(target)).some((s) => s.id === created.id)).toBe(false);
    await schedules.delete(target, created.id); // already gone
  });

  it("surfaces Northflank's error message and id", async () => {
    const schedules = client().schedules!;
    // Hourly retention is capped at 7 days.
    const error = await rejectionOf(
      schedules.create(target, { interval: "hourly", backupType: "snapshot", retentionDays: 30, minute: [0] }),
    );
    expect(error).toMatchObject({ status: expect.any(Number) });
    expect(error.message).toMatch(/Northflank createSchedule failed with HTTP 4\d\d: /);
  });

  it("retries a 503 and honours Retry-After on a 429", async () => {
    await sandbox.fault({ method: "GET", path: "/backups$", status: 503, count: 2 });
    await expect(client().listBackups(target)).resolves.toEqual(expect.any(Array));
    await sandbox.fault({ method: "GET", path: "/backups$", status: 429, retryAfter: 1, count: 1 });
    const started = Date.now();
    await client().listBackups(target);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  describe("rate limit (x-ratelimit-* headers, no Retry-After)", () => {
    afterEach(() =>
      sandbox.admin("POST", "/timing", { rateLimit: { northflank: { limit: 1000, windowMs: 3_600_000 } } }),
    );

    it("a 429 waits for the advertised reset once, instead of spending the budget on quick retries", async () => {
      await sandbox.admin("POST", "/timing", { rateLimit: { northflank: { limit: 2, windowMs: 2_000 } } });
      // Another process spends the budget (clients of one token in this process share one
      // budget, so a raw request stands in for it). The schedule list is one request.
      const schedulesUrl = `${sandbox.baseUrls.northflank}/projects/${target.projectId}/addons/${target.addonId}/backup-schedules`;
      for (let i = 0; i < 2; i++)
        await fetch(schedulesUrl, { headers: { authorization: `Bearer ${sandbox.seed.northflank.token}` } });
      await sandbox.clearRequests();
      const started = Date.now();
      await expect(client().schedules!.list(target)).resolves.toEqual(expect.any(Array));
      const statuses = (await sandbox.requests()).map((r) => r.status);
      expect(statuses).toEqual([429, 200]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    });

    it("once the advertised budget is spent, the next request waits for the reset and meets no 429", async () => {
      await sandbox.admin("POST", "/timing", { rateLimit: { northflank: { limit: 2, windowMs: 1_500 } } });
      const c = client();
      await sandbox.clearRequests();
      for (let i = 0; i < 3; i++) await c.schedules!.list(target);
      expect((await sandbox.requests()).map((r) => r.status)).toEqual([200, 200, 200]);
    });
  });

  describe("team-scoped accounts (teamId)", () => {
    const orgClient = (teamId?: string) =>
      northflank.createClient({
        baseUrl: sandbox.baseUrls.northflank,
        credentials: { token: sandbox.seed.northflank.organisationToken! },
        teamId,
      });

    it("an organisation-scoped token works through /teams/{teamId}/… for every call", async () => {
      const c = orgClient(sandbox.seed.northflank.teamId);
      await sandbox.clearRequests();
      const description = "team scoped hb:7ea77ea7";
      const pending = await c.startBackup(target, { description, options: {} });
      expect(await waitForBackup(c, target, pending, description)).toMatchObject({ state: "completed" });
      expect((await c.listBackups(target)).some((b) => b.id === pending.backupId)).toBe(true);
      expect(await c.listRestoreIds!(target, pending.backupId!)).toEqual([]);
      expect(await c.schedules!.list(target)).toEqual(expect.any(Array));
      await c.deleteBackup(target, pending.backupId!);
      const paths = (await sandbox.requests()).map((r) => r.path);
      expect(paths.length).toBeGreaterThan(5);
      for (const path of paths) expect(path).toMatch(/^\/northflank\/v1\/teams\/demo-team\/projects\//);
    });

    it("without teamId an organisation-scoped token is refused, with Northflank's reason", async () => {
      const error = await rejectionOf(orgClient().listBackups(target));
      expect(error).toBeInstanceOf(AuthError);
      expect(error.message).toContain("/v1/teams/{teamId}/");
    });

    it("a team token keeps working when its own team is named", async () => {
      const c = northflank.createClient({
        baseUrl: sandbox.baseUrls.northflank,
        credentials: { token: sandbox.seed.northflank.token },
        teamId: sandbox.seed.northflank.teamId,
      });
      await expect(c.schedules!.list(target)).resolves.toEqual(expect.any(Array));
    });
  });

  it("an unknown addon is NotFoundError; a wrong token is an AuthError without the token", async () => {
    await expect(client().listBackups({ projectId: target.projectId, addonId: "nope" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const wrong = "nf-wrong-token-0123456789";
    const error = await rejectionOf(client(wrong).listBackups(target));
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).not.toContain(wrong);
  });
});
