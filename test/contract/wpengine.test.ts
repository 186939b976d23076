import { AmbiguousRequestError, AuthError, UnsupportedFeatureError } from "../../provider/core/errors";
import { wpengine } from "../../provider/vendors/wpengine";
import { startTestSandbox, type TestSandbox } from "../support/sandbox";
import { FAST_COMPLETION, rejectionOf, waitForBackup, waitForRestore } from "../support/clients";

let sandbox: TestSandbox;
let target: { installId: string };
const emails = { notificationEmails: ["ops@example.com"] };

beforeAll(async () => {
  sandbox = await startTestSandbox(FAST_COMPLETION);
  target = { installId: sandbox.seed.wpengine.installIds[0] };
});
afterAll(() => sandbox?.close());
afterEach(() => sandbox.clearFaults());

const client = (password = sandbox.seed.wpengine.password) =>
  wpengine.createClient({
    baseUrl: sandbox.baseUrls.wpengine,
    credentials: { user: sandbox.seed.wpengine.user, password },
  });

describe("WP Engine client against the sandbox", () => {
  it("creates a backup, follows it to completed, lists, gets and restores it", async () => {
    const c = client();
    const description = "contract run hb:0badc0de";
    const pending = await c.startBackup(target, { description, options: emails });
    expect(pending.backupId).toBeTruthy();

    const done = await waitForBackup(c, target, pending, description);
    expect(done).toMatchObject({
      state: "completed",
      backup: { id: pending.backupId, description, vendorStatus: "completed" },
    });
    const backup = done.state === "completed" ? done.backup : undefined;
    expect(backup?.completedAt).toBeTruthy();

    const listed = await c.listBackups(target);
    expect(listed.find((b) => b.id === pending.backupId)).toMatchObject({ description });
    expect(await c.getBackup(target, pending.backupId!)).toMatchObject({ state: "completed" });
    expect(await c.getBackup(target, "00000000-0000-4000-8000-000000000000")).toBeUndefined();

    const restore = await c.startRestore(target, {
      backupId: pending.backupId!,
      options: { ...emails, restoreDatabase: false },
    });
    expect(await waitForRestore(c, target, restore)).toEqual({ state: "accepted" });
    await expect(c.deleteBackup(target, pending.backupId!)).rejects.toBeInstanceOf(UnsupportedFeatureError);
  });

  it("lists every page (more than 100 backups)", async () => {
    const c = client();
    const target2 = { installId: sandbox.seed.wpengine.installIds[1] ?? sandbox.seed.wpengine.installIds[0] };
    const before = (await c.listBackups(target2)).length;
    const needed = Math.max(0, 105 - before);
    for (let i = 0; i < needed; i++) await c.startBackup(target2, { description: `bulk ${i}`, options: emails });
    const all = await c.listBackups(target2);
    expect(all.length).toBe(before + needed);
    expect(new Set(all.map((b) => b.id)).size).toBe(all.length);
    const pages = (await sandbox.requests()).filter(
      (r) => r.method === "GET" && r.path.includes(`/installs/${target2.installId}/backups?`),
    );
    expect(pages.at(-1)?.path).toMatch(/offset=100/);
  });

  it("retries a 503 and honours Retry-After on a 429", async () => {
    await sandbox.fault({ method: "GET", path: "/backups/[^/]+$", status: 503, count: 2 });
    const c = client();
    const { backupId } = await c.startBackup(target, { description: "retry check", options: emails });
    await expect(c.getBackup(target, backupId!)).resolves.toMatchObject({ id: backupId });

    await sandbox.fault({ method: "GET", path: "/backups/[^/]+$", status: 429, retryAfter: 1, count: 1 });
    const started = Date.now();
    await c.getBackup(target, backupId!);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("a reset after a create is ambiguous, not repeated", async () => {
    await sandbox.clearRequests();
    await sandbox.fault({ method: "POST", path: "/backups$", reset: true, count: 1 });
    await expect(client().startBackup(target, { description: "reset", options: emails })).rejects.toBeInstanceOf(
      AmbiguousRequestError,
    );
    expect((await sandbox.requests()).filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("a wrong password is an AuthError that does not contain the credentials", async () => {
    const wrong = "wrong-password-0123456789";
    const error = await rejectionOf(client(wrong).listBackups(target));
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).not.toContain(wrong);
    expect(error.message).not.toContain(Buffer.from(`${sandbox.seed.wpengine.user}:${wrong}`).toString("base64"));
  });

  it("surfaces WP Engine's validation details", async () => {
    const error = await rejectionOf(
      client().startBackup(target, { description: "x", options: { notificationEmails: [] } }),
    );
    // The client validates first: an empty list never reaches WP Engine.
    expect(error.message).toMatch(/notificationEmails/);
  });

  it("reads list pages and backups as 1.17.0 allows: no field of the page is required, Backup fields may be null", async () => {
    const id = "e41fa98f-ea80-4654-b229-a9b765d0863a";
    const minimal = { id, status: "completed", description: null, create_time: null, complete_time: null };
    await sandbox.fault({ method: "GET", path: "/backups$", status: 200, body: { next: null, results: [minimal] } });
    expect(await client().listBackups(target)).toEqual([
      expect.objectContaining({ id, state: "completed", description: undefined, createdAt: undefined }),
    ]);
    await sandbox.fault({ method: "GET", path: "/backups$", status: 200, body: {} });
    expect(await client().listBackups(target)).toEqual([]);
  });
});
