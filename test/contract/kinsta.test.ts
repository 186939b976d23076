import { AuthError, NotFoundError, ValidationError } from "../../provider/core/errors";
import { withDeadline } from "../../provider/core/poll";
import { kinsta } from "../../provider/vendors/kinsta";
import { createKinstaClient } from "../../provider/vendors/kinsta/client";
import { startTestSandbox, type TestSandbox } from "../support/sandbox";
import { FAST_COMPLETION, rejectionOf, waitForBackup, waitForRestore } from "../support/clients";

let sandbox: TestSandbox;
let target: { environmentId: string };

beforeAll(async () => {
  sandbox = await startTestSandbox(FAST_COMPLETION);
  target = { environmentId: sandbox.seed.kinsta.environmentIds[0] };
});
afterAll(() => sandbox?.close());
afterEach(() => sandbox.clearFaults());

const client = () =>
  kinsta.createClient({ baseUrl: sandbox.baseUrls.kinsta, credentials: { apiKey: sandbox.seed.kinsta.apiKey } });

async function companyUserId(): Promise<string> {
  const response = await fetch(`${sandbox.baseUrls.kinsta}/company/${sandbox.seed.kinsta.companyId}/users`, {
    headers: { authorization: `Bearer ${sandbox.seed.kinsta.apiKey}` },
  });
  const body = (await response.json()) as { company: { users: { user: { id: string } }[] } };
  return body.company.users[0].user.id;
}

describe("Kinsta client against the sandbox", () => {
  it("creates a tagged manual backup, finds it after the operation, lists, restores and deletes it", async () => {
    const c = client();
    const description = "contract run hb:0badc0de";
    const pending = await c.startBackup(target, { description, options: {} });
    expect(pending.operationId).toBeTruthy();
    expect(pending.backupId).toBeUndefined();

    const done = await waitForBackup(c, target, pending, description);
    expect(done.state).toBe("completed");
    const backup = done.state === "completed" ? done.backup : undefined;
    expect(backup).toMatchObject({ description, manual: true, backupType: "manual", state: "completed" });
    expect(backup!.id).toMatch(/^\d+$/);

    const listed = await c.listBackups(target);
    expect(listed.find((b) => b.id === backup!.id)).toMatchObject({ description });
    expect(listed.some((b) => !b.manual)).toBe(true); // scheduled daily backups are listed too
    expect(await c.getBackup(target, backup!.id)).toMatchObject({ id: backup!.id });
    expect(await c.getBackup(target, "999999999")).toBeUndefined();

    // Resuming from state (no operation id) reads the list.
    expect(
      await c.checkBackup(target, { backupId: backup!.id, requestedAt: pending.requestedAt }, description),
    ).toMatchObject({ state: "completed" });

    const restore = await c.startRestore(target, {
      backupId: backup!.id,
      options: { notifiedUserId: await companyUserId() },
    });
    expect(restore.operationId).toBeTruthy();
    expect(await waitForRestore(c, target, restore)).toEqual({ state: "completed" });

    await c.deleteBackup(target, backup!.id);
    expect(await c.getBackup(target, backup!.id)).toBeUndefined();
    // Deleting again: already gone is success.
    await c.deleteBackup(target, backup!.id);
  });

  it("rejects a non-numeric backup id before calling Kinsta", async () => {
    await expect(client().deleteBackup(target, "abc")).rejects.toBeInstanceOf(ValidationError);
  });

  it("reports an unknown environment as NotFoundError", async () => {
    await expect(
      client().listBackups({ environmentId: "00000000-0000-4000-8000-000000000000" }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("retries a 503 on the list", async () => {
    await sandbox.clearRequests();
    await sandbox.fault({ method: "GET", path: "/backups$", status: 503, count: 2 });
    await expect(client().listBackups(target)).resolves.toEqual(expect.any(Array));
    const listCalls = (await sandbox.requests()).filter((r) => r.method === "GET" && r.path.includes("/backups"));
    expect(listCalls.map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it("honours Retry-After on a 429", async () => {
    await sandbox.clearRequests();
    await sandbox.fault({ method: "GET", path: "/backups$", status: 429, retryAfter: 1, count: 1 });
    const started = Date.now();
    await client().listBackups(target);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("a wrong key is an AuthError that does not contain the key", async () => {
    const wrongKey = "kinsta-wrong-key-0123456789";
    const c = createKinstaClient({ baseUrl: sandbox.baseUrls.kinsta, credentials: { apiKey: wrongKey } });
    const error = await rejectionOf(c.listBackups(target));
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).not.toContain(wrongKey);
    expect(error.message).toMatch(/Kinsta listBackups failed with HTTP 401/);
  });

  describe("what Kinsta API 1.87.0 allows (each case failed before the fix)", () => {
    const created = async (description: string) =>
      ((await sandbox.state()).kinsta as { backups: { id: number; note: string }[] }).backups.find(
        (b) => b.note === description,
      );

    it("a 202 without operation_id (only message and status are required) starts a backup that is then found by its marker", async () => {
      await sandbox.fault({
        method: "POST",
        path: "/manual-backups$",
        status: 202,
        body: { message: "Adding a manual backup to environment in progress", status: 202 },
      });
      const c = client();
      const pending = await c.startBackup(target, { description: "no op id hb:00c0ffee", options: {} });
      expect(pending.operationId).toBeUndefined();
      // Not listed yet: still running, not "no longer listed".
      expect(await c.checkBackup(target, pending, "no op id hb:00c0ffee")).toEqual({ state: "running" });
    });

    it("a restore answered 202 without operation_id is accepted, not an ambiguous failure", async () => {
      await sandbox.fault({
        method: "POST",
        path: "/backups/restore$",
        status: 202,
        body: { message: "Restoring a backup to environment in progress", status: 202 },
      });
      const c = client();
      const restore = await c.startRestore(target, {
        backupId: "123456789",
        options: { notifiedUserId: await companyUserId() },
      });
      expect(restore.operationId).toBeUndefined();
      expect(await c.checkRestore(target, restore)).toEqual({ state: "accepted" });
    });

    it("a delete answered 400 'Backup not found' (no 404 in the spec) counts as already gone", async () => {
      await sandbox.clearRequests();
      await expect(client().deleteBackup(target, "42")).resolves.toBeUndefined();
      expect((await sandbox.requests()).filter((r) => r.method === "DELETE").map((r) => r.status)).toEqual([400]);
    });

    it("any other 400 on delete, for a backup the environment still lists, is an error with Kinsta's message", async () => {
      // Any 400 for a backup no longer listed means gone (issue 21); a listed one was refused.
      const listed = (await client().listBackups(target))[0];
      await sandbox.fault({
        method: "DELETE",
        path: "/backups/",
        status: 400,
        body: { message: "Bad request format", status: 400, data: null },
      });
      const error = await rejectionOf(client().deleteBackup(target, listed.id));
      expect(error.message).toMatch(/Kinsta deleteBackup failed with HTTP 400: Bad request format/);
    });

    it("a delete answered 500 is retried with backoff, then fails with a clear error", async () => {
      await sandbox.clearRequests();
      await sandbox.fault({ method: "DELETE", path: "/backups/", status: 500, count: 5 });
      const error = await rejectionOf(client().deleteBackup(target, "123456789"));
      expect(error.message).toMatch(
        /kept answering HTTP 500 to the delete, after retries with backoff; backup 123456789 may still exist/,
      );
      expect((await sandbox.requests()).filter((r) => r.method === "DELETE").map((r) => r.status)).toEqual([
        500, 500, 500, 500, 500,
      ]);
    });

    it("an operation that succeeded without an identifiable backup fails clearly instead of running until timeout", async () => {
      const c = client();
      const description = "vanishes hb:0d15ea5e";
      const pending = await c.startBackup(target, { description, options: {} });
      const backup = await created(description);
      await sandbox.deleteBackup("kinsta", String(backup!.id));
      await new Promise((resolve) => setTimeout(resolve, FAST_COMPLETION.backupMs + 100));
      // The list may lag the operation (issue 21): the check waits within the resource's
      // timeout, and the last check before it reports.
      expect(await c.checkBackup(target, pending, description)).toEqual({ state: "running" });
      const progress = await withDeadline(Date.now() + 1_000, () => c.checkBackup(target, pending, description));
      expect(progress).toMatchObject({ state: "failed" });
      expect(progress.state === "failed" && progress.reason).toMatch(
        /reports operation .* completed, but no manual backup carrying "vanishes hb:0d15ea5e" \(in its name, note or tag\) is listed/,
      );
    });
  });
});
