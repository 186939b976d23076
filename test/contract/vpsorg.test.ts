import { AuthError, ResponseShapeError } from "../../provider/core/errors";
import { vpsorg } from "../../provider/vendors/vpsorg";
import { startTestSandbox, type TestSandbox } from "../support/sandbox";
import { FAST_COMPLETION, rejectionOf, waitForBackup, waitForRestore } from "../support/clients";

let sandbox: TestSandbox;
let target: { serverId: string };

beforeAll(async () => {
  sandbox = await startTestSandbox(FAST_COMPLETION);
  target = { serverId: sandbox.seed.vpsorg.serverIds[0] };
});
afterAll(() => sandbox?.close());
afterEach(() => sandbox.clearFaults());

const client = (token = sandbox.seed.vpsorg.token) =>
  vpsorg.createClient({ baseUrl: sandbox.baseUrls.vpsorg, credentials: { token } });

describe("VPS.org client against the sandbox", () => {
  it("creates a backup, follows it by re-listing, restores the server from it and deletes it", async () => {
    const c = client();
    const description = "contract run hb:0badc0de";
    const pending = await c.startBackup(target, { description, options: {} });
    expect(pending.backupId).toMatch(/^\d+$/);

    const done = await waitForBackup(c, target, pending, description);
    expect(done).toMatchObject({
      state: "completed",
      backup: { id: pending.backupId, manual: true, backupType: "manual", description },
    });
    const backup = done.state === "completed" ? done.backup : undefined;
    expect(backup?.sizeBytes).toBeGreaterThan(1024 * 1024);
    expect(backup?.expiresAt).toBeUndefined();

    const listed = await c.listBackups(target);
    expect(listed.some((b) => b.backupType === "automatic" && b.expiresAt)).toBe(true);
    expect(await c.getBackup(target, pending.backupId!)).toMatchObject({ state: "completed" });

    const restore = await c.startRestore(target, { backupId: pending.backupId!, options: {} });
    expect(await c.checkRestore(target, restore)).toEqual({ state: "running" });
    expect(await waitForRestore(c, target, restore)).toEqual({ state: "completed" });

    await c.deleteBackup(target, pending.backupId!);
    expect(await c.getBackup(target, pending.backupId!)).toBeUndefined();
    await c.deleteBackup(target, pending.backupId!); // already gone
  });

  it("sends the server id as an integer", async () => {
    await sandbox.clearRequests();
    await client().listBackups(target);
    const [call] = (await sandbox.requests()).filter((r) => r.path.includes("/backups/"));
    expect(call.path).toContain(`server_id=${target.serverId}`);
  });

  it("retries a 503 and honours Retry-After on a 429", async () => {
    await sandbox.fault({ method: "GET", path: "/backups/$", status: 503, count: 3 });
    await expect(client().listBackups(target)).resolves.toEqual(expect.any(Array));
    await sandbox.fault({ method: "GET", path: "/backups/$", status: 429, retryAfter: 1, count: 1 });
    const started = Date.now();
    await client().listBackups(target);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("a malformed list answer is retried, a persistent one is a ResponseShapeError", async () => {
    await sandbox.fault({ method: "GET", path: "/backups/$", malformed: true, count: 1 });
    await expect(client().listBackups(target)).resolves.toEqual(expect.any(Array));
    await sandbox.fault({ method: "GET", path: "/backups/$", malformed: true, count: 10 });
    await expect(client().listBackups(target)).rejects.toBeInstanceOf(ResponseShapeError);
  });

  it("reports the manual-backup cap in VPS.org's words", async () => {
    const c = client();
    const other = { serverId: sandbox.seed.vpsorg.serverIds[1] ?? target.serverId };
    let error: Error | undefined;
    for (let i = 0; i < 12 && !error; i++) {
      error = await c.startBackup(other, { description: `cap ${i}`, options: {} }).then(
        () => undefined,
        (e: Error) => e,
      );
    }
    expect(error?.message).toMatch(/HTTP 400: .*at most 10 manual backups/);
  });

  it("a wrong token is an AuthError that does not contain the token", async () => {
    const wrong = "vps_wrong_token_0123456789";
    const error = await rejectionOf(client(wrong).listBackups(target));
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).not.toContain(wrong);
    expect(error.message).toMatch(/Invalid token/);
  });

  describe("what the VPS.org docs leave open (each case failed before the fix)", () => {
    const SERVER_UUID = "0b9c6a1e-7f7e-4c1b-9d55-3f1f2a4b5c6d";
    const listedBackup = {
      id: 9001,
      server: { id: SERVER_UUID.toUpperCase(), name: "uuid-server" },
      backup_type: "manual",
      status: "completed",
      size_mb: 10,
      created_at: "2025-01-16T15:45:00Z",
      expires_at: null,
      description: "uuid backup",
    };

    it("a server named by UUID finds its backups however the API cases the id", async () => {
      await sandbox.fault({
        method: "GET",
        path: "/backups/$",
        status: 200,
        body: { count: 1, results: [listedBackup] },
      });
      const backups = await client().listBackups({ serverId: SERVER_UUID });
      expect(backups.map((b) => b.id)).toEqual(["9001"]);
    });

    it("an integer server id from the API matches the input's digits", async () => {
      const body = { count: 1, results: [{ ...listedBackup, server: { id: 12345, name: "web" } }] };
      await sandbox.fault({ method: "GET", path: "/backups/$", status: 200, body });
      expect((await client().listBackups({ serverId: "12345" })).map((b) => b.id)).toEqual(["9001"]);
    });

    it("an unknown server status after a restore is still running, never completed", async () => {
      const restore = { backupId: "499", startedAt: new Date().toISOString() };
      await sandbox.fault({
        method: "GET",
        path: "/servers/[^/]+/$",
        status: 200,
        body: { id: 12345, name: "web-server-01", status: "rebuilding" },
      });
      expect(await client().checkRestore(target, restore)).toEqual({ state: "running" });
    });
  });
});
