/**
 * VPS.org contract: the seed page's curl examples (list, create, delete, restore) and the limits
 * of the VPS.org Backups API docs (test/fixtures/vendor-specs), against the sandbox.
 */
import {
  backupListSchema,
  backupSchema,
  createdBackupSchema,
  errorSchema,
  restoreStartedSchema,
  serverListSchema,
  serverSchema,
} from "../../provider/vendors/vpsorg/contract";
import { expectShape, startTestSandbox, type TestSandbox } from "../support/sandbox";

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox({ specCheck: "answers" });
});
afterAll(() => sb.close());
beforeEach(async () => {
  await sb.reset();
  await sb.adminCall("POST", "/timing", { backupMs: 0, restoreMs: 0 });
});

const server = () => Number(sb.seed.vpsorg.serverIds[0]);
const otherServer = () => Number(sb.seed.secondary.vpsorg[0].serverIds[0]);
const JSON_HEADERS = { "content-type": "application/json" };

async function list(query = `?server_id=${server()}`) {
  const res = await sb.call("vpsorg", "GET", `/backups/${query}`);
  expect(res.status).toBe(200);
  return expectShape(backupListSchema, res.body);
}

describe("seed examples", () => {
  test('curl -X GET "/backups/?server_id=12345": {count, results} with manual and automatic backups', async () => {
    expect(server()).toBe(12345);
    const body = await list();
    expect(body.count).toBe(body.results.length);
    const auto = body.results.filter((b) => b.backup_type === "automatic");
    expect(auto.length).toBeGreaterThanOrEqual(2);
    expect(auto.every((b) => b.expires_at !== null && b.description === "Automatic daily backup")).toBe(true);
    const manual = body.results.find((b) => b.id === 499);
    expect(manual).toMatchObject({
      backup_type: "manual",
      expires_at: null,
      description: "Pre-update backup",
      server: { id: 12345, name: "web-server-01" },
    });
    // Ordered by id, newest first.
    expect(body.results.map((b) => b.id)).toEqual([...body.results.map((b) => Number(b.id))].sort((a, b) => b - a));
    const filtered = await list(`?server_id=${server()}&backup_type=manual`);
    expect(filtered.results.every((b) => b.backup_type === "manual")).toBe(true);
  });

  test('curl -X POST "/backups/" {server_id, description} → 201 in_progress with message', async () => {
    await sb.adminCall("POST", "/timing", { backupMs: 1000 });
    const res = await sb.call("vpsorg", "POST", "/backups/", {
      body: { server_id: 12345, description: "Pre-deployment backup" },
    });
    expect(res.status).toBe(201);
    expectShape(createdBackupSchema, res.body);
    expect(res.body).toMatchObject({
      backup_type: "manual",
      status: "in_progress",
      size_mb: null,
      expires_at: null,
      description: "Pre-deployment backup",
      message: "Backup is being created. This may take several minutes depending on server size.",
    });
  });

  test('curl -X DELETE "/backups/501/" (with a JSON content type and no body) → 204, then gone', async () => {
    const id = (await list()).results.find((b) => b.backup_type === "automatic")!.id;
    const res = await sb.call("vpsorg", "DELETE", `/backups/${id}/`, { headers: JSON_HEADERS });
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    expect((await list()).results.some((b) => b.id === id)).toBe(false);
    const again = await sb.call("vpsorg", "DELETE", `/backups/${id}/`);
    expect(again.status).toBe(404);
    expectShape(errorSchema, again.body);
  });

  test('POST /servers/{server_id}/restore/ {"backup_id": …} → 202; the server is restoring, then records lastRestoredFrom', async () => {
    // Above the sandbox's shortest VPS.org restore (VPSORG_MIN_RESTORE_MS, 2 s).
    await sb.adminCall("POST", "/timing", { restoreMs: 3000 });
    const res = await sb.call("vpsorg", "POST", `/servers/${server()}/restore/`, { body: { backup_id: 499 } });
    expect(res.status).toBe(202);
    expectShape(restoreStartedSchema, res.body);
    const srv = async () => expectShape(serverSchema, (await sb.call("vpsorg", "GET", `/servers/${server()}/`)).body);
    expect((await srv()).status).toBe("restoring");
    // One restore at a time.
    expect(
      (await sb.call("vpsorg", "POST", `/servers/${server()}/restore/`, { body: { backup_id: 499 } })).status,
    ).toBe(409);
    await sb.advance(3100);
    expect((await srv()).status).toBe("running");
    const state = await sb.state();
    expect(state.vpsorg.servers.find((s: { id: number }) => s.id === server()).lastRestoredFrom).toMatchObject({
      backupId: "499",
    });
  });
});

describe("lifecycle", () => {
  test("in_progress (size_mb null) → completed (size_mb set), observed by re-listing", async () => {
    await sb.adminCall("POST", "/timing", { backupMs: 1000 });
    const created = await sb.call("vpsorg", "POST", "/backups/", { body: { server_id: server() } });
    const find = async () =>
      expectShape(
        backupSchema,
        (await list()).results.find((b) => b.id === created.body.id),
      );
    expect(await find()).toMatchObject({ status: "in_progress", size_mb: null });
    await sb.advance(500);
    expect((await find()).status).toBe("in_progress");
    await sb.advance(600);
    const done = await find();
    expect(done.status).toBe("completed");
    expect(done.size_mb).toBeGreaterThan(0);
    expect("message" in done).toBe(false); // only the create answer carries a message
  });

  test("automatic daily backups appear with the clock and expire per the server's retention (7 days)", async () => {
    const autos = async () => (await list(`?server_id=${server()}&backup_type=automatic`)).results;
    const before = await autos();
    await sb.advance(24 * 60 * 60 * 1000);
    expect((await autos()).length).toBe(before.length + 1);
    await sb.advance(10 * 24 * 60 * 60 * 1000);
    const after = await autos();
    expect(after.length).toBe(7);
    // Manual backups never expire.
    expect((await list()).results.some((b) => b.id === 499)).toBe(true);
  });
});

describe("limits and validation", () => {
  test("at most 10 manual backups per server (the seeded one counts); automatic ones do not count", async () => {
    for (let i = 0; i < 9; i++)
      expect(
        (await sb.call("vpsorg", "POST", "/backups/", { body: { server_id: server(), description: `b${i}` } })).status,
      ).toBe(201);
    const res = await sb.call("vpsorg", "POST", "/backups/", {
      body: { server_id: server(), description: "eleventh" },
    });
    expect(res.status).toBe(400);
    expectShape(errorSchema, res.body);
    expect(res.body.non_field_errors[0]).toMatch(/at most 10 manual backups/);
    // Deleting one frees a slot.
    expect((await sb.call("vpsorg", "DELETE", "/backups/499/")).status).toBe(204);
    expect((await sb.call("vpsorg", "POST", "/backups/", { body: { server_id: server() } })).status).toBe(201);
    // The other server is unaffected.
    expect(
      (await sb.call("vpsorg", "POST", "/backups/", { body: { server_id: Number(sb.seed.vpsorg.serverIds[1]) } }))
        .status,
    ).toBe(201);
  });

  test.each([
    ["missing server_id", {}, "server_id", "This field is required."],
    ["non-integer server_id", { server_id: "abc" }, "server_id", "A valid integer is required."],
    ["non-string description", { server_id: 12345, description: 5 }, "description", "Not a valid string."],
    [
      "description over 255",
      { server_id: 12345, description: "x".repeat(256) },
      "description",
      "Ensure this field has no more than 255 characters.",
    ],
  ])("POST /backups/ with %s → 400 {field: [message]}", async (_name, body, field, message) => {
    const res = await sb.call("vpsorg", "POST", "/backups/", { body });
    expect(res.status).toBe(400);
    expect(res.body[field]).toEqual([message]);
  });

  test("server_id as a numeric string is accepted (DRF IntegerField)", async () => {
    expect((await sb.call("vpsorg", "POST", "/backups/", { body: { server_id: "12345" } })).status).toBe(201);
  });

  test("unknown server → 404; filters that match nothing → an empty list (the list documents only 200 and 401)", async () => {
    const res = await sb.call("vpsorg", "POST", "/backups/", { body: { server_id: 99999 } });
    expect(res.status).toBe(404);
    expectShape(errorSchema, res.body);
    for (const query of ["?backup_type=weekly", "?server_id=x", "?server_id=99999"]) {
      const empty = await sb.call("vpsorg", "GET", `/backups/${query}`);
      expect(empty.status).toBe(200);
      expect(empty.body).toEqual({ count: 0, results: [] });
    }
  });

  test("restore validation: backup_id required, must belong to the server and be completed", async () => {
    expect((await sb.call("vpsorg", "POST", `/servers/${server()}/restore/`, { body: {} })).body).toEqual({
      backup_id: ["This field is required."],
    });
    const other = Number(sb.seed.vpsorg.serverIds[1]);
    expect((await sb.call("vpsorg", "POST", `/servers/${other}/restore/`, { body: { backup_id: 499 } })).status).toBe(
      400,
    );
    await sb.adminCall("POST", "/timing", { backupMs: 10_000 });
    const fresh = await sb.call("vpsorg", "POST", "/backups/", { body: { server_id: server() } });
    expect(
      (await sb.call("vpsorg", "POST", `/servers/${server()}/restore/`, { body: { backup_id: fresh.body.id } })).status,
    ).toBe(400);
  });
});

describe("auth", () => {
  test("401 with DRF's messages for a missing and a wrong token", async () => {
    const missing = await sb.call("vpsorg", "GET", "/backups/", { auth: null });
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({ detail: "Authentication credentials were not provided." });
    const wrong = await sb.call("vpsorg", "GET", "/backups/", { auth: "Bearer vps_wrong" });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ detail: "Invalid token." });
  });

  test("another account's server and backups are not found (404: the API documents no 403); lists show only own servers", async () => {
    const create = await sb.call("vpsorg", "POST", "/backups/", { body: { server_id: otherServer() } });
    expect(create.status).toBe(404);
    expect(create.body).toEqual({ detail: "Server not found." });
    expect((await sb.call("vpsorg", "GET", `/backups/?server_id=${otherServer()}`)).body.count).toBe(0);
    expect(
      (await sb.call("vpsorg", "POST", `/servers/${otherServer()}/restore/`, { body: { backup_id: 1 } })).status,
    ).toBe(404);
    const otherBackup = (await sb.call("vpsorg", "GET", "/backups/", { auth: sb.authOf("vpsorg", "secondary") })).body
      .results[0].id;
    expect((await sb.call("vpsorg", "DELETE", `/backups/${otherBackup}/`)).status).toBe(404);
    const all = await list("");
    expect(all.results.every((b) => sb.seed.vpsorg.serverIds.includes(String(b.server.id)))).toBe(true);
    const servers = await sb.call("vpsorg", "GET", "/servers/");
    expectShape(serverListSchema, servers.body);
    expect(servers.body.results.map((s: { id: number }) => String(s.id))).toEqual(sb.seed.vpsorg.serverIds);
  });
});

describe("what VPS.org does not offer", () => {
  test("no get-one-backup: GET /backups/{id}/ → 405 as Django REST Framework answers", async () => {
    const res = await sb.call("vpsorg", "GET", "/backups/499/");
    expect(res.status).toBe(405);
    expect(res.body).toEqual({ detail: 'Method "GET" not allowed.' });
    expect(res.headers.get("allow")).toBe("DELETE, OPTIONS");
  });

  test("no schedules (404); a GET without the trailing slash is redirected (APPEND_SLASH)", async () => {
    expect((await sb.call("vpsorg", "GET", "/backup-schedules/")).status).toBe(404);
    const res = await sb.call("vpsorg", "GET", "/backups?server_id=12345");
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe("/vpsorg/api/v1/backups/?server_id=12345");
  });
});

// Last on purpose: holds every answer the tests above received against the vendor's spec.
test("every answer to a documented operation above matches the VPS.org Backups API docs (status and body)", () => {
  expect(sb.spec.checked.vpsorg).toBeGreaterThan(10);
  expect(sb.spec.violations).toEqual([]);
});
