/**
 * WP Engine contract: the seed page's example (create backup), the 1.17 backup surface (list,
 * get, restore, archives) and installs, against the sandbox. Payloads are checked with the
 * zod schemas and with the vendored WP Engine Swagger 1.17.0 (ajv).
 */
import {
  backupSchema,
  errorSchema,
  archivePageSchema,
  backupPageSchema,
  installationPageSchema,
} from "../../provider/vendors/wpengine/contract";
import { expectShape, startTestSandbox, type TestSandbox } from "../support/sandbox";
import { expectValid, loadVendorSpec } from "../support/vendor-spec";

let sb: TestSandbox;
const oa = loadVendorSpec("wpengine");
/** The validator of a documented response, e.g. ("/installs/{install_id}/backups", "post", "202"). */
const response = (pathKey: string, method: string, status: string) => {
  const validate = oa.response(oa.operation(method, pathKey), status);
  if (!validate) throw new Error(`no response schema for ${method} ${pathKey} ${status}`);
  return validate;
};
beforeAll(async () => {
  sb = await startTestSandbox({ specCheck: "answers" });
});
afterAll(() => sb.close());
beforeEach(async () => {
  await sb.reset();
  await sb.adminCall("POST", "/timing", { backupMs: 0, restoreMs: 0 });
});

const install = () => sb.seed.wpengine.installIds[0];
const otherInstall = () => sb.seed.secondary.wpengine[0].installIds[0];
const SEED_BODY = {
  description: "Taking a backup of torquemag before I start developing new features for it",
  notification_emails: ["myself@torquemag.com", "other_person_interested_in_backup@torquemag.com"],
};

function expectValidBackupList(body: unknown) {
  expectValid(response("/installs/{install_id}/backups", "get", "200"), body);
}

test("the vendored spec is the 1.17.0 Swagger and the validator rejects invalid payloads", () => {
  expect(oa.version).toBe("1.17.0");
  expect(oa.schema("Installation")({ id: "x", name: "Bad Name", account: {}, php_version: null })).toBe(false);
  expect(oa.schema("Backup")({ id: 1, status: "requested" })).toBe(false);
});

describe("seed example: POST /installs/{install_id}/backups", () => {
  test("202 with a 1.17 Backup object in state `requested`, valid against the 1.17.0 definition", async () => {
    await sb.adminCall("POST", "/timing", { backupMs: 1000 });
    const res = await sb.call("wpengine", "POST", `/installs/${install()}/backups`, { body: SEED_BODY });
    expect(res.status).toBe(202);
    expectValid(response("/installs/{install_id}/backups", "post", "202"), res.body);
    expectShape(backupSchema, res.body);
    expect(res.body).toMatchObject({
      status: "requested",
      description: SEED_BODY.description,
      complete_time: null,
      wordpress_version: "6.4.2",
    });
  });

  test("the seed's literal install id `example` is not a UUID → 404 Not Found", async () => {
    const res = await sb.call("wpengine", "POST", "/installs/example/backups", { body: SEED_BODY });
    expect(res.status).toBe(404);
    expectValid(response("/installs/{install_id}/backups", "post", "404"), res.body);
    expect(res.body).toEqual({ message: "Not Found" });
  });
});

describe("backup lifecycle", () => {
  test("requested → in_progress → completed (complete_time set only when completed)", async () => {
    await sb.adminCall("POST", "/timing", { backupMs: 1000 });
    const created = await sb.call("wpengine", "POST", `/installs/${install()}/backups`, { body: SEED_BODY });
    const get = async () => {
      const res = await sb.call("wpengine", "GET", `/installs/${install()}/backups/${created.body.id}`);
      expect(res.status).toBe(200);
      expectValid(response("/installs/{install_id}/backups/{backup_id}", "get", "200"), res.body);
      return expectShape(backupSchema, res.body);
    };
    expect((await get()).status).toBe("requested");
    await sb.advance(400);
    expect(await get()).toMatchObject({ status: "in_progress", complete_time: null });
    await sb.advance(700);
    const done = await get();
    expect(done.status).toBe("completed");
    expect(done.complete_time).not.toBeNull();
  });

  test("an aborted backup (admin PATCH status failed) reads `aborted`", async () => {
    await sb.adminCall("POST", "/timing", { backupMs: 10_000 });
    const created = await sb.call("wpengine", "POST", `/installs/${install()}/backups`, { body: SEED_BODY });
    expect(
      (await sb.adminCall("PATCH", `/backups/wpengine/${created.body.id}`, { status: "failed" })).body.status,
    ).toBe("aborted");
    const res = await sb.call("wpengine", "GET", `/installs/${install()}/backups/${created.body.id}`);
    expect(res.body.status).toBe("aborted");
  });
});

describe("list (1.17)", () => {
  test("paginated envelope with absolute next/previous URLs and total count", async () => {
    for (let i = 0; i < 3; i++)
      await sb.call("wpengine", "POST", `/installs/${install()}/backups`, {
        body: { ...SEED_BODY, description: `b${i}` },
      });
    const first = await sb.call("wpengine", "GET", `/installs/${install()}/backups?limit=2`);
    expect(first.status).toBe(200);
    expectShape(backupPageSchema, first.body);
    expectValidBackupList(first.body);
    expect(first.body.count).toBe(4);
    expect(first.body.results).toHaveLength(2);
    expect(first.body.previous).toBeNull();
    expect(first.body.next).toBe(`${sb.baseUrls.wpengine}/installs/${install()}/backups?limit=2&offset=2`);
    const second = await sb.call("wpengine", "GET", `/installs/${install()}/backups?limit=2&offset=2`);
    expect(second.body.next).toBeNull();
    expect(second.body.previous).toBe(`${sb.baseUrls.wpengine}/installs/${install()}/backups?limit=2&offset=0`);
  });

  test("limit above 100 → 400 with errors[]", async () => {
    const res = await sb.call("wpengine", "GET", `/installs/${install()}/backups?limit=101`);
    expect(res.status).toBe(400);
    expectValid(oa.schema("BadRequestErrorResponse"), res.body);
  });
});

describe("validation", () => {
  test.each([
    ["no body", undefined, ["body"]],
    ["missing description", { notification_emails: ["a@b.c"] }, ["description"]],
    ["missing emails", { description: "x" }, ["notification_emails"]],
    ["empty emails", { description: "x", notification_emails: [] }, ["notification_emails"]],
    ["not an email", { description: "x", notification_emails: ["nope"] }, ["notification_emails"]],
    ["both missing", {}, ["description", "notification_emails"]],
  ])("%s → 400 BadRequestErrorResponse", async (_name, body, fields) => {
    const res = await sb.call("wpengine", "POST", `/installs/${install()}/backups`, { body });
    expect(res.status).toBe(400);
    expectValid(response("/installs/{install_id}/backups", "post", "400"), res.body);
    expectShape(errorSchema, res.body);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(fields);
    expect(res.body.message).toMatch(/^Invalid Backup: /);
  });
});

describe("auth", () => {
  test("401 Bad Credentials for missing, wrong or non-Basic credentials", async () => {
    const wrong = `Basic ${Buffer.from(`${sb.seed.wpengine.user}:wrong`).toString("base64")}`;
    for (const auth of [null, wrong, `Bearer ${sb.seed.wpengine.password}`]) {
      const res = await sb.call("wpengine", "GET", `/installs/${install()}/backups`, { auth });
      expect(res.status).toBe(401);
      expectValid(oa.schema("AuthenticationErrorResponse"), res.body);
      expect(res.body).toEqual({ message: "Bad Credentials" });
    }
  });

  test("403 on another account's install (create, list, restore); 404 where 403 is not declared (showBackup)", async () => {
    const create = await sb.call("wpengine", "POST", `/installs/${otherInstall()}/backups`, { body: SEED_BODY });
    expect(create.status).toBe(403);
    expectValid(response("/installs/{install_id}/backups", "post", "403"), create.body);
    expect(create.body).toEqual({ message: "You don't have permission to perform that action" });
    expect((await sb.call("wpengine", "GET", `/installs/${otherInstall()}/backups`)).status).toBe(403);
    const otherBackup = (await sb.state()).wpengine.backups.find(
      (b: { installId: string }) => b.installId === otherInstall(),
    ).id;
    expect(
      (
        await sb.call("wpengine", "POST", `/installs/${otherInstall()}/backups/${otherBackup}/restore`, {
          body: { notification_emails: ["a@b.c"] },
        })
      ).status,
    ).toBe(403);
    expect((await sb.call("wpengine", "GET", `/installs/${otherInstall()}/backups/${otherBackup}`)).status).toBe(404);
    // The other user reaches it.
    expect(
      (
        await sb.call("wpengine", "GET", `/installs/${otherInstall()}/backups/${otherBackup}`, {
          auth: sb.authOf("wpengine", "secondary"),
        })
      ).status,
    ).toBe(200);
  });

  test("GET /status needs no auth", async () => {
    const res = await sb.call("wpengine", "GET", "/status", { auth: null });
    expect(res.status).toBe(200);
    expectValid(oa.schema("Status"), res.body);
  });
});

describe("installs", () => {
  test("GET /installs and /installs/{id} validate against Installation; only the caller's installs", async () => {
    const list = await sb.call("wpengine", "GET", "/installs");
    expect(list.status).toBe(200);
    expectValid(response("/installs", "get", "200"), list.body);
    expectShape(installationPageSchema, list.body);
    expect(list.body.results.map((i: { id: string }) => i.id)).toEqual(sb.seed.wpengine.installIds);
    const one = await sb.call("wpengine", "GET", `/installs/${install()}`);
    expectValid(response("/installs/{install_id}", "get", "200"), one.body);
    expect(one.body.name).toBe("torquemag");
    expect((await sb.call("wpengine", "GET", `/installs/${otherInstall()}`)).status).toBe(404);
  });
});

describe("restore (1.17)", () => {
  test("202 with no body; after the delay the install records lastRestoredFrom", async () => {
    await sb.adminCall("POST", "/timing", { restoreMs: 1000 });
    const backupId = "e41fa98f-ea80-4654-b229-a9b765d0863a";
    const res = await sb.call("wpengine", "POST", `/installs/${install()}/backups/${backupId}/restore`, {
      body: { notification_emails: ["ops@example.com"], restore_database: true, create_checkpoint: false },
    });
    expect(res.status).toBe(202);
    expect(res.text).toBe("");
    const installOf = async () => (await sb.state()).wpengine.installs.find((i: { id: string }) => i.id === install());
    expect((await installOf()).lastRestoredFrom).toBeUndefined();
    await sb.advance(1100);
    expect((await installOf()).lastRestoredFrom).toMatchObject({ backupId });
  });

  test("validation: notification_emails required; unfinished backup refused; unknown backup 404", async () => {
    const backupId = "e41fa98f-ea80-4654-b229-a9b765d0863a";
    const missing = await sb.call("wpengine", "POST", `/installs/${install()}/backups/${backupId}/restore`, {
      body: {},
    });
    expect(missing.status).toBe(400);
    expectValid(oa.schema("BadRequestErrorResponse"), missing.body);
    await sb.adminCall("POST", "/timing", { backupMs: 10_000 });
    const fresh = await sb.call("wpengine", "POST", `/installs/${install()}/backups`, { body: SEED_BODY });
    const early = await sb.call("wpengine", "POST", `/installs/${install()}/backups/${fresh.body.id}/restore`, {
      body: { notification_emails: ["a@b.c"] },
    });
    expect(early.status).toBe(400);
    const unknown = await sb.call(
      "wpengine",
      "POST",
      `/installs/${install()}/backups/00000000-0000-4000-8000-000000000000/restore`,
      {
        body: { notification_emails: ["a@b.c"] },
      },
    );
    expect(unknown.status).toBe(404);
  });
});

describe("archives (1.17)", () => {
  test("GET lists archives in the 1.17.0 envelope", async () => {
    const list = await sb.call("wpengine", "GET", `/installs/${install()}/archives`);
    expect(list.status).toBe(200);
    expectShape(archivePageSchema, list.body);
    expectValid(response("/installs/{install_id}/archives", "get", "200"), list.body);
  });

  test("no POST: creating an archive is in no version of the spec, so API Gateway answers 403", async () => {
    const res = await sb.call("wpengine", "POST", `/installs/${install()}/archives`, {
      body: { backup_id: "e41fa98f-ea80-4654-b229-a9b765d0863a", notification_emails: ["a@b.c"] },
    });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ message: "Missing Authentication Token" });
  });
});

describe("what WP Engine does not offer", () => {
  test("no delete: DELETE a backup answers like API Gateway (403 Missing Authentication Token)", async () => {
    const res = await sb.call(
      "wpengine",
      "DELETE",
      `/installs/${install()}/backups/e41fa98f-ea80-4654-b229-a9b765d0863a`,
    );
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ message: "Missing Authentication Token" });
    expect(
      (await sb.call("wpengine", "GET", `/installs/${install()}/backups/e41fa98f-ea80-4654-b229-a9b765d0863a`)).status,
    ).toBe(200);
  });

  test("no schedules", async () => {
    expect((await sb.call("wpengine", "GET", `/installs/${install()}/backup_schedules`)).status).toBe(403);
  });
});

// Last on purpose: holds every answer the tests above received against the vendor's spec.
test("every answer to a documented operation above matches the WP Engine Swagger 1.17.0 (status and body)", () => {
  expect(sb.spec.checked.wpengine).toBeGreaterThan(10);
  expect(sb.spec.violations).toEqual([]);
});
