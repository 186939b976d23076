/**
 * Kinsta contract: the seed article's curl examples and every backup endpoint of
 * Kinsta API 1.87.0 (test/fixtures/vendor-specs), against the sandbox, with shapes checked by the zod schemas.
 */
import {
  companyUsersSchema,
  errorSchema,
  siteSchema,
  backupListSchema,
  downloadableBackupListSchema,
  siteEnvironmentsSchema,
  siteListSchema,
  operationAcceptedSchema,
  operationStatusSchema,
} from "../../provider/vendors/kinsta/contract";
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

const env = () => sb.seed.kinsta.environmentIds[0];
const otherEnv = () => sb.seed.secondary.kinsta[0].environmentIds[0];

async function backups(envId = env()) {
  const res = await sb.call("kinsta", "GET", `/sites/environments/${envId}/backups`);
  expect(res.status).toBe(200);
  return expectShape(backupListSchema, res.body).environment.backups as {
    id: number;
    type: string;
    note: string;
  }[];
}

describe("seed article examples", () => {
  test("GET /sites/environments/{env_id}/backups lists manual and automatic backups with numeric ids and ms timestamps", async () => {
    const list = await backups();
    expect(list.some((b) => b.type === "manual")).toBe(true);
    expect(list.filter((b) => b.type === "daily").length).toBeGreaterThanOrEqual(2);
    expect(list.find((b) => b.type === "daily")?.note).toBe("Daily Auto Backup");
  });

  test("POST …/backups/restore with the article's legacy body (env_display_name_of_backup) → 400: 1.87.0 requires notified_user_id", async () => {
    const [backup] = await backups();
    const res = await sb.call("kinsta", "POST", `/sites/environments/${env()}/backups/restore`, {
      body: { backup_id: backup.id, env_display_name_of_backup: "Live" },
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ status: 400, message: "notified_user_id is required", data: null });
  });

  test("GET …/downloadable-backups lists downloadable backups with a link", async () => {
    const res = await sb.call("kinsta", "GET", `/sites/environments/${env()}/downloadable-backups`);
    expect(res.status).toBe(200);
    const [d] = expectShape(downloadableBackupListSchema, res.body).environment.downloadable_backups;
    expect(d.id).toBe("1915fa3a-7ef4-4766-806d-71104be7deb0");
    expect(d.is_generation_in_progress).toBe(false);
    expect(d.download_link).toMatch(/^http/);
  });

  test("GET /sites/{site_id}/environments returns the environments", async () => {
    const sites = await sb.call(
      "kinsta",
      "GET",
      `/sites?company=${sb.seed.kinsta.companyId}&include_environments=true`,
    );
    expect(sites.status).toBe(200);
    expectShape(siteListSchema, sites.body);
    const site = sites.body.company.sites[0];
    expect(site.environments.map((e: { id: string }) => e.id)).toContain(env());
    const envs = await sb.call("kinsta", "GET", `/sites/${site.id}/environments`);
    expectShape(siteEnvironmentsSchema, envs.body);
    const one = await sb.call("kinsta", "GET", `/sites/${site.id}`);
    expectShape(siteSchema, one.body);
    expect(one.body.site.company_id).toBe(sb.seed.kinsta.companyId);
  });
});

describe("auth", () => {
  test("401 without or with a wrong key, in Kinsta's error shape", async () => {
    for (const auth of [null, "Bearer nope", `Basic ${sb.seed.kinsta.apiKey}`]) {
      const res = await sb.call("kinsta", "GET", `/sites/environments/${env()}/backups`, { auth });
      expect(res.status).toBe(401);
      expectShape(errorSchema, res.body);
      expect(res.body).toEqual({ status: 401, message: "Unauthenticated.", data: null });
    }
  });

  test("another company's environment: 404 on reads, 400 on mutations (1.87.0 documents no 404 there); another company is 404, never 403", async () => {
    const res = await sb.call("kinsta", "GET", `/sites/environments/${otherEnv()}/backups`);
    expect(res.status).toBe(404);
    const create = await sb.call("kinsta", "POST", `/sites/environments/${otherEnv()}/manual-backups`, {
      body: { tag: "x" },
    });
    expect(create.status).toBe(400);
    const sites = await sb.call("kinsta", "GET", `/sites?company=${sb.seed.secondary.kinsta[0].companyId}`);
    expect(sites.status).toBe(404);
    expectShape(errorSchema, sites.body);
    const users = await sb.call("kinsta", "GET", `/company/${sb.seed.secondary.kinsta[0].companyId}/users`);
    expect(users.status).toBe(404);
    // The other key sees its own environment.
    const own = await sb.call("kinsta", "GET", `/sites/environments/${otherEnv()}/backups`, {
      auth: sb.authOf("kinsta", "secondary"),
    });
    expect(own.status).toBe(200);
  });
});

describe("manual backups", () => {
  test("lifecycle: 202 operation, 202 while running, then 200 and the backup appears with its tag as note", async () => {
    // A minute-long backup on the sandbox clock: real time spent by a loaded machine between
    // the steps stays far below it.
    await sb.adminCall("POST", "/timing", { backupMs: 60_000 });
    const before = await backups();
    const res = await sb.call("kinsta", "POST", `/sites/environments/${env()}/manual-backups`, {
      body: { tag: "pre-release" },
    });
    expect(res.status).toBe(202);
    expectShape(operationAcceptedSchema, res.body);
    expect(res.body.operation_id).toMatch(/^backups:add-manual-/);
    const op = () => sb.call("kinsta", "GET", `/operations/${res.body.operation_id}`);
    let status = await op();
    expect(status.status).toBe(202);
    expectShape(operationStatusSchema, status.body);
    expect(status.body.status).toBe(202);
    expect((await backups()).length).toBe(before.length); // not listed before completion
    await sb.advance(20_000);
    expect((await op()).status).toBe(202);
    await sb.advance(41_000);
    status = await op();
    expect(status.status).toBe(200);
    expect(status.body).toEqual({ message: "Successfully finished request", status: 200, data: null });
    const after = await backups();
    expect(after.length).toBe(before.length + 1);
    expect(after.find((b) => b.note === "pre-release")?.type).toBe("manual");
  });

  test("at most 5 manual backups per environment (the seeded one counts)", async () => {
    for (let i = 0; i < 4; i++) {
      expect(
        (await sb.call("kinsta", "POST", `/sites/environments/${env()}/manual-backups`, { body: { tag: `b${i}` } }))
          .status,
      ).toBe(202);
    }
    const res = await sb.call("kinsta", "POST", `/sites/environments/${env()}/manual-backups`, {
      body: { tag: "one too many" },
    });
    expect(res.status).toBe(400);
    expectShape(errorSchema, res.body);
    expect(res.body.message).toMatch(/maximum number of manual backups \(5\)/);
  });

  test("tag is optional but must be a string", async () => {
    expect((await sb.call("kinsta", "POST", `/sites/environments/${env()}/manual-backups`)).status).toBe(202);
    const bad = await sb.call("kinsta", "POST", `/sites/environments/${env()}/manual-backups`, { body: { tag: 5 } });
    expect(bad.status).toBe(400);
  });

  test("a failed backup: the operation answers 500 and the backup never appears", async () => {
    await sb.adminCall("POST", "/timing", { backupMs: 10_000 });
    const res = await sb.call("kinsta", "POST", `/sites/environments/${env()}/manual-backups`, {
      body: { tag: "doomed" },
    });
    const state = await sb.state();
    const pending = state.kinsta.backups.find((b: { note: string }) => b.note === "doomed");
    expect((await sb.adminCall("PATCH", `/backups/kinsta/${pending.id}`, { status: "failed" })).status).toBe(200);
    const op = await sb.call("kinsta", "GET", `/operations/${res.body.operation_id}`);
    expect(op.status).toBe(500);
    expect(op.body.status).toBe(500);
    expect((await backups()).some((b) => b.note === "doomed")).toBe(false);
  });
});

describe("delete", () => {
  test("DELETE /sites/environments/backups/{id} → 202, the backup disappears when the operation completes", async () => {
    await sb.adminCall("POST", "/timing", { backupMs: 1000 });
    const res = await sb.call("kinsta", "DELETE", "/sites/environments/backups/123456789");
    expect(res.status).toBe(202);
    expectShape(operationAcceptedSchema, res.body);
    expect(res.body.operation_id).toMatch(/^backups:remove-/);
    expect((await backups()).some((b) => b.id === 123456789)).toBe(true);
    await sb.advance(1100);
    expect((await sb.call("kinsta", "GET", `/operations/${res.body.operation_id}`)).status).toBe(200);
    expect((await backups()).some((b) => b.id === 123456789)).toBe(false);
  });

  test("unknown or foreign backup → 400 Backup not found (removeBackup documents 202/400/401/500, no 404)", async () => {
    const unknown = await sb.call("kinsta", "DELETE", "/sites/environments/backups/42");
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({ status: 400, message: "Backup not found", data: null });
    expect(
      (
        await sb.call("kinsta", "DELETE", "/sites/environments/backups/123456789", {
          auth: sb.authOf("kinsta", "secondary"),
        })
      ).status,
    ).toBe(400);
  });
});

describe("restore", () => {
  test("current body (notified_user_id) → 202; the target environment records lastRestoredFrom when done", async () => {
    await sb.adminCall("POST", "/timing", { restoreMs: 1000 });
    const users = await sb.call("kinsta", "GET", `/company/${sb.seed.kinsta.companyId}/users`);
    expectShape(companyUsersSchema, users.body);
    const userId = users.body.company.users[0].user.id;
    // Restore the live backup into staging (same site).
    const staging = sb.seed.kinsta.environmentIds[1];
    const res = await sb.call("kinsta", "POST", `/sites/environments/${staging}/backups/restore`, {
      body: { backup_id: 123456789, notified_user_id: userId },
    });
    expect(res.status).toBe(202);
    const op = () => sb.call("kinsta", "GET", `/operations/${res.body.operation_id}`);
    expect((await op()).status).toBe(202);
    let state = await sb.state();
    expect(state.kinsta.environments.find((e: { id: string }) => e.id === staging).lastRestoredFrom).toBeUndefined();
    await sb.advance(1100);
    expect((await op()).status).toBe(200);
    state = await sb.state();
    expect(state.kinsta.environments.find((e: { id: string }) => e.id === staging).lastRestoredFrom).toMatchObject({
      backupId: "123456789",
    });
  });

  test("validation: missing backup_id, non-number backup_id, missing notification target, bad UUID → 400", async () => {
    const path = `/sites/environments/${env()}/backups/restore`;
    for (const body of [
      {},
      { backup_id: "123456789", notified_user_id: "a5e40000-0000-4000-8000-00000000000a" },
      { backup_id: 123456789 },
      { backup_id: 123456789, notified_user_id: "not-a-uuid" },
      { backup_id: 123456789, notified_user_id: "a5e40000-0000-4000-8000-00000000000b" }, // another company's user
    ]) {
      const res = await sb.call("kinsta", "POST", path, { body });
      expect(res.status).toBe(400);
      expectShape(errorSchema, res.body);
    }
    // A backup of another site cannot be restored here: 400, as restoreBackup documents no 404.
    const shop = sb.seed.kinsta.environmentIds[2];
    const res = await sb.call("kinsta", "POST", `/sites/environments/${shop}/backups/restore`, {
      body: { backup_id: 123456789, notified_user_id: "a5e40000-0000-4000-8000-00000000000a" },
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe("Backup not found");
  });
});

describe("what Kinsta does not offer", () => {
  test("no get-one-backup endpoint and no schedules: 404 like Kinsta's router", async () => {
    expect((await sb.call("kinsta", "GET", "/sites/environments/backups/123456789")).status).toBe(404);
    expect((await sb.call("kinsta", "GET", `/sites/environments/${env()}/backups/123456789`)).status).toBe(404);
    expect((await sb.call("kinsta", "GET", `/sites/environments/${env()}/backup-schedules`)).status).toBe(404);
  });

  test("unknown operation → 404 with the operation body shape", async () => {
    const res = await sb.call("kinsta", "GET", "/operations/backups:restore-nope");
    expect(res.status).toBe(404);
    expectShape(operationStatusSchema, res.body);
  });
});

describe("downloadable backups", () => {
  test("no POST: creating one is in no Kinsta document, so the router answers 404", async () => {
    expect((await sb.call("kinsta", "POST", `/sites/environments/${env()}/downloadable-backups`)).status).toBe(404);
  });

  test("one still generating lists download_link: null (required and nullable in 1.87.0)", async () => {
    const seeded = (await sb.state()).kinsta.downloadableBackups[0].id;
    await sb.adminCall("PATCH", `/backups/kinsta/${seeded}`, { status: "running" });
    const list = await sb.call("kinsta", "GET", `/sites/environments/${env()}/downloadable-backups`);
    expect(list.body.environment.downloadable_backups[0]).toMatchObject({
      download_link: null,
      is_generation_in_progress: true,
    });
  });
});

describe("automatic backups", () => {
  test("a new daily backup appears each day and old ones expire after 14 days", async () => {
    const daily = async () => (await backups()).filter((b) => b.type === "daily").length;
    const start = await daily();
    await sb.advance(24 * 60 * 60 * 1000);
    expect(await daily()).toBe(start + 1);
    await sb.advance(20 * 24 * 60 * 60 * 1000);
    expect(await daily()).toBe(14);
    // The seeded manual backup has expired too.
    expect((await backups()).some((b) => b.id === 123456789)).toBe(false);
  });
});

// Last on purpose: holds every answer the tests above received against the vendor's spec.
test("every answer to a documented operation above matches the Kinsta API 1.87.0 (status and body)", () => {
  expect(sb.spec.checked.kinsta).toBeGreaterThan(10);
  expect(sb.spec.violations).toEqual([]);
});
