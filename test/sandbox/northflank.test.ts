/**
 * Northflank contract: the seed page's example (backup addon) and the backup endpoints of
 * Northflank's API docs and @northflank/js-client (backups, restores, schedules, destinations, volumes),
 * against the sandbox, with shapes checked by the zod schemas.
 */
import { z } from "zod";
import { errorBodySchema, routes, volumeBackupSchema } from "../../provider/vendors/northflank/contract";
import { expectShape, startTestSandbox, type TestSandbox } from "../support/sandbox";

let sb: TestSandbox;
// Answers as the contract reads them (the official client's types are checked for every
// exchange too, by the sandbox's spec checker).
const getBackupResponseSchema = routes.getBackup.ok[200];
const listBackupsResponseSchema = routes.listBackups.ok[200];
const emptyResponseSchema = routes.deleteBackup.ok[200];
const downloadLinkResponseSchema = routes.downloadLink.ok[200];
const restoreResponseSchema = routes.restoreBackup.ok[200];
const listRestoresResponseSchema = routes.listBackupRestores.ok[200];
const listSchedulesResponseSchema = routes.listSchedules.ok[200];
const createScheduleResponseSchema = routes.createSchedule.ok[200];
const listDestinationsResponseSchema = routes.listDestinations.ok[200];
const listDestinationBackupsResponseSchema = routes.listDestinationBackups.ok[200];
const listVolumeBackupsResponseSchema = routes.listVolumeBackups.ok[200];
const errorSchema = errorBodySchema.extend({ error: errorBodySchema.shape.error.extend({ message: z.string() }) });

beforeAll(async () => {
  sb = await startTestSandbox({ specCheck: "answers" });
});
afterAll(() => sb.close());
beforeEach(async () => {
  await sb.reset();
  await sb.adminCall("POST", "/timing", { backupMs: 0, restoreMs: 0 });
});

const addonPath = (i = 0) =>
  `/projects/${sb.seed.northflank.addons[i].projectId}/addons/${sb.seed.northflank.addons[i].addonId}`;
const otherAddonPath = () => {
  const a = sb.seed.secondary.northflank[0].addons[0];
  return `/projects/${a.projectId}/addons/${a.addonId}`;
};

async function getBackup(id: string) {
  const res = await sb.call("northflank", "GET", `${addonPath()}/backups/${id}`);
  expect(res.status).toBe(200);
  return expectShape(getBackupResponseSchema, res.body).data;
}

describe("seed example: POST /v1/projects/{projectId}/addons/{addonId}/backups", () => {
  test("the seed's literal body lacks destinationId/type in additionalDestinations → 400 with details", async () => {
    const res = await sb.call("northflank", "POST", `${addonPath()}/backups`, {
      body: {
        name: "Example Backup",
        backupType: "snapshot",
        compressionType: "gz",
        additionalDestinations: [{ retentionTime: 7 }],
      },
    });
    expect(res.status).toBe(400);
    expectShape(errorSchema, res.body);
    expect(Object.keys(res.body.error.details)).toEqual(
      expect.arrayContaining(["additionalDestinations.0.destinationId", "additionalDestinations.0.type"]),
    );
  });

  test("the corrected example → 200 {data} with the backup (id is the name's slug)", async () => {
    const res = await sb.call("northflank", "POST", `${addonPath()}/backups`, {
      body: {
        name: "Example Backup",
        backupType: "snapshot",
        additionalDestinations: [{ destinationId: "offsite-s3", retentionTime: 7, type: "custom" }],
      },
    });
    expect(res.status).toBe(200);
    const data = expectShape(getBackupResponseSchema, res.body).data;
    expect(data).toMatchObject({
      id: "example-backup",
      name: "Example Backup",
      status: "completed",
      config: { source: { type: "snapshot" }, addonVersion: "16.2.0" },
    });
    expect(data.completedAt).toBeDefined();
  });
});

describe("backups", () => {
  test("lifecycle: scheduled → in-progress → completed (completedAt only when completed)", async () => {
    await sb.adminCall("POST", "/timing", { backupMs: 1000 });
    const res = await sb.call("northflank", "POST", `${addonPath()}/backups`, { body: { name: "release 1" } });
    expect(res.body.data).toMatchObject({ id: "release-1", status: "scheduled", config: { size: "0" } });
    expect(res.body.data.completedAt).toBeUndefined();
    await sb.advance(400);
    expect((await getBackup("release-1")).status).toBe("in-progress");
    await sb.advance(700);
    const done = await getBackup("release-1");
    expect(done.status).toBe("completed");
    expect(Number(done.config.size)).toBeGreaterThan(0);
  });

  test("default name contains the date; dump backups default to gz", async () => {
    const res = await sb.call("northflank", "POST", `${addonPath()}/backups`, { body: { backupType: "dump" } });
    expect(res.status).toBe(200);
    expect(res.body.data.name).toMatch(/^Backup \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    // The create answer has no compression field (the client's BackupAddonResult); the list shows it.
    expect(res.body.data.config).toEqual(expect.objectContaining({ source: { type: "liveInstance" } }));
    expect(res.body.data.config.compressionType).toBeUndefined();
    const listed = await sb.call("northflank", "GET", `${addonPath()}/backups`);
    const inList = listed.body.data.backups.find((b: { id: string }) => b.id === res.body.data.id);
    expect(inList.config).toMatchObject({ compressionType: "gz", source: { type: "liveInstance" } });
    const empty = await sb.call("northflank", "POST", `${addonPath()}/backups`);
    expect(empty.status).toBe(200);
  });

  test.each([
    ["name too short", { name: "ab" }],
    ["name too long", { name: "a".repeat(40) }],
    ["name with a double space", { name: "pre  release" }],
    ["name ending with a separator", { name: "release-" }],
    ["name with an underscore", { name: "pre_release" }],
    ["unknown backupType", { backupType: "full" }],
    [
      "retention above 120",
      { additionalDestinations: [{ destinationId: "offsite-s3", retentionTime: 121, type: "custom" }] },
    ],
    [
      "retention below 1",
      { additionalDestinations: [{ destinationId: "offsite-s3", retentionTime: 0, type: "custom" }] },
    ],
    ["compression on a snapshot", { backupType: "snapshot", compressionType: "zstd" }],
    [
      "additional destinations on a dump",
      { backupType: "dump", additionalDestinations: [{ destinationId: "offsite-s3", type: "custom" }] },
    ],
  ])("%s → 400", async (_name, body) => {
    const res = await sb.call("northflank", "POST", `${addonPath()}/backups`, { body });
    expect(res.status).toBe(400);
    expectShape(errorSchema, res.body);
  });

  test("names with the provider's marker (`pre release hb:1a2b3c4d`) are valid", async () => {
    const res = await sb.call("northflank", "POST", `${addonPath()}/backups`, {
      body: { name: "pre release hb:1a2b3c4d" },
    });
    expect(res.status).toBe(200);
    expect(res.body.data.id).toBe("pre-release-hb-1a2b3c4d");
  });

  test("list is paginated: cursor present while there are more pages, absent (not null) on the last", async () => {
    const first = await sb.call("northflank", "GET", `${addonPath()}/backups?per_page=2`);
    expect(first.status).toBe(200);
    expectShape(listBackupsResponseSchema, first.body);
    expect(first.body.pagination).toMatchObject({ hasNextPage: true, count: 2 });
    let cursor = first.body.pagination.cursor;
    let pages = 1;
    while (cursor !== undefined) {
      const next = await sb.call("northflank", "GET", `${addonPath()}/backups?per_page=2&cursor=${cursor}`);
      expectShape(listBackupsResponseSchema, next.body);
      cursor = next.body.pagination.cursor;
      pages++;
      if (cursor === undefined) expect("cursor" in next.body.pagination).toBe(false);
    }
    expect(pages).toBeGreaterThan(1);
    expect((await sb.call("northflank", "GET", `${addonPath()}/backups?per_page=101`)).status).toBe(400);
  });

  test("delete → 200 {data:{}}, then 404", async () => {
    const res = await sb.call("northflank", "DELETE", `${addonPath()}/backups/pre-migration`);
    expect(res.status).toBe(200);
    expectShape(emptyResponseSchema, res.body);
    const gone = await sb.call("northflank", "GET", `${addonPath()}/backups/pre-migration`);
    expect(gone.status).toBe(404);
    expectShape(errorSchema, gone.body);
  });

  test("abort: in-progress → aborting → aborted; completed backups cannot be aborted (409)", async () => {
    await sb.adminCall("POST", "/timing", { backupMs: 4000 });
    await sb.call("northflank", "POST", `${addonPath()}/backups`, { body: { name: "to abort" } });
    const abort = await sb.call("northflank", "POST", `${addonPath()}/backups/to-abort/abort`);
    expect(abort.status).toBe(200);
    expectShape(emptyResponseSchema, abort.body);
    expect((await getBackup("to-abort")).status).toBe("aborting");
    await sb.advance(1100);
    expect((await getBackup("to-abort")).status).toBe("aborted");
    expect((await sb.call("northflank", "POST", `${addonPath()}/backups/pre-migration/abort`)).status).toBe(409);
  });

  test("download link for a completed backup", async () => {
    const res = await sb.call("northflank", "GET", `${addonPath()}/backups/pre-migration/download-link`);
    expect(res.status).toBe(200);
    expectShape(downloadLinkResponseSchema, res.body);
  });
});

describe("restores", () => {
  test("restore → {restoreId}; progress via the backup's and the addon's restores; lastRestore and lastRestoredFrom", async () => {
    await sb.adminCall("POST", "/timing", { restoreMs: 1000 });
    const res = await sb.call("northflank", "POST", `${addonPath()}/backups/pre-migration/restore`);
    expect(res.status).toBe(200);
    expectShape(restoreResponseSchema, res.body);
    const restoreId = res.body.data.restoreId;
    expect(restoreId).toMatch(/^\d+$/);
    const perBackup = await sb.call("northflank", "GET", `${addonPath()}/backups/pre-migration/restores`);
    expectShape(listRestoresResponseSchema, perBackup.body);
    expect(perBackup.body.data.restores[0]).toMatchObject({ id: restoreId, status: "scheduled" });
    // A second restore while one runs is refused.
    expect((await sb.call("northflank", "POST", `${addonPath()}/backups/pre-migration/restore`)).status).toBe(409);
    await sb.advance(1100);
    const perAddon = await sb.call("northflank", "GET", `${addonPath()}/restores`);
    expectShape(listRestoresResponseSchema, perAddon.body);
    expect(perAddon.body.data.restores[0]).toMatchObject({
      id: restoreId,
      status: "completed",
      backupId: "pre-migration",
    });
    expect((await getBackup("pre-migration")).lastRestore).toMatchObject({ status: "completed" });
    const state = await sb.state();
    const addon = state.northflank.addons.find(
      (a: { id: string; projectId: string }) => a.id === "postgres" && a.projectId === "shop",
    );
    expect(addon.lastRestoredFrom).toMatchObject({ backupId: "pre-migration", restoreId });
  });

  test("abort-restore needs {restoreId}; aborting → aborted; no lastRestoredFrom", async () => {
    await sb.adminCall("POST", "/timing", { restoreMs: 8000 });
    const { restoreId } = (await sb.call("northflank", "POST", `${addonPath()}/backups/pre-migration/restore`)).body
      .data;
    expect(
      (await sb.call("northflank", "POST", `${addonPath()}/backups/pre-migration/abort-restore`, { body: {} })).status,
    ).toBe(400);
    const res = await sb.call("northflank", "POST", `${addonPath()}/backups/pre-migration/abort-restore`, {
      body: { restoreId },
    });
    expect(res.status).toBe(200);
    await sb.advance(1100);
    const list = await sb.call("northflank", "GET", `${addonPath()}/restores`);
    expect(list.body.data.restores[0].status).toBe("aborted");
    await sb.advance(10_000);
    const state = await sb.state();
    expect(state.northflank.addons[0].lastRestoredFrom).toBeUndefined();
  });

  test("a backup that is not completed cannot be restored", async () => {
    await sb.adminCall("POST", "/timing", { backupMs: 5000 });
    await sb.call("northflank", "POST", `${addonPath()}/backups`, { body: { name: "fresh" } });
    expect((await sb.call("northflank", "POST", `${addonPath()}/backups/fresh/restore`)).status).toBe(409);
  });
});

describe("schedules", () => {
  test("the seeded daily schedule produces temporary backups that expire after retentionTime; retain keeps one", async () => {
    const schedules = await sb.call("northflank", "GET", `${addonPath()}/backup-schedules`);
    expectShape(listSchedulesResponseSchema, schedules.body);
    expect(schedules.body.data.schedules[0]).toMatchObject({
      id: "62cc20b90956ab62a58e8474",
      retentionTime: 7,
      scheduling: { interval: "daily" },
    });
    const scheduled = async () =>
      (await sb.call("northflank", "GET", `${addonPath()}/backups?per_page=100`)).body.data.backups.filter(
        (b: { name: string }) => b.name.startsWith("Scheduled"),
      );
    const before = await scheduled();
    expect(before.length).toBeGreaterThanOrEqual(3);
    const keep = before[before.length - 1].id;
    expect((await sb.call("northflank", "POST", `${addonPath()}/backups/${keep}/retain`)).status).toBe(200);
    await sb.advance(10 * 24 * 60 * 60 * 1000);
    const after = await scheduled();
    expect(after.length).toBe(8); // 7 within retention + the retained one
    expect(after.some((b: { id: string }) => b.id === keep)).toBe(true);
  });

  test("create → {id}; per-interval rules, retention caps and one schedule per interval and type", async () => {
    const path = `${addonPath()}/backup-schedules`;
    const ok = await sb.call("northflank", "POST", path, {
      body: {
        scheduling: { interval: "weekly", minute: [0], hour: [3], day: [6] },
        backupType: "dump",
        compressionType: "zstd",
        retentionTime: 120,
      },
    });
    expect(ok.status).toBe(200);
    expectShape(createScheduleResponseSchema, ok.body);
    expect(ok.body.data.id).toMatch(/^[0-9a-f]{24}$/);
    const listed = (await sb.call("northflank", "GET", path)).body.data.schedules.find(
      (s: { id: string }) => s.id === ok.body.data.id,
    );
    expect(listed).toMatchObject({ backupCompressionType: "zstd", backupType: "dump" });
    const bad = [
      { scheduling: { interval: "hourly", minute: [0], hour: [1] }, backupType: "snapshot", retentionTime: 1 },
      { scheduling: { interval: "daily", minute: [0] }, backupType: "dump", retentionTime: 1 },
      { scheduling: { interval: "weekly", minute: [0], hour: [1] }, backupType: "snapshot", retentionTime: 1 },
      { scheduling: { interval: "hourly", minute: [0] }, backupType: "dump", retentionTime: 8 },
      { scheduling: { interval: "daily", minute: [0], hour: [1] }, backupType: "dump", retentionTime: 61 },
      { scheduling: { interval: "daily", minute: [60], hour: [1] }, backupType: "dump", retentionTime: 1 },
      { scheduling: { interval: "daily", minute: [0], hour: [1] }, retentionTime: 1 },
    ];
    for (const body of bad) {
      const res = await sb.call("northflank", "POST", path, { body });
      expect([res.status, body]).toEqual([400, body]);
      expectShape(errorSchema, res.body);
    }
    const duplicate = await sb.call("northflank", "POST", path, {
      body: { scheduling: { interval: "daily", minute: [0], hour: [4] }, backupType: "snapshot", retentionTime: 7 },
    });
    expect(duplicate.status).toBe(409);
    const del = await sb.call("northflank", "DELETE", `${path}/62cc20b90956ab62a58e8474`);
    expect(del.status).toBe(200);
    expect((await sb.call("northflank", "DELETE", `${path}/62cc20b90956ab62a58e8474`)).status).toBe(404);
  });
});

describe("backup destinations", () => {
  test("list masks secrets, get reveals them; create, patch, delete; backups stored there", async () => {
    const list = await sb.call("northflank", "GET", "/backup-destinations");
    expectShape(listDestinationsResponseSchema, list.body);
    expect(list.body.data.backupDestinations[0].credentials.secretKey).toBe("********");
    const one = await sb.call("northflank", "GET", "/backup-destinations/offsite-s3");
    expect(one.body.data.credentials.secretKey).toBe("demo-secret-key-do-not-use");
    const credentials = {
      accessKey: "AK",
      secretKey: "SK",
      bucketName: "b",
      region: "eu-west-1",
      endpoint: "s3.eu-west-1.amazonaws.com",
    };
    const created = await sb.call("northflank", "POST", "/backup-destinations", {
      body: { name: "Second Bucket", type: "s3", prefix: "db/", credentials },
    });
    expect(created.status).toBe(200);
    expect(created.body.data.id).toBe("second-bucket");
    expect(
      (
        await sb.call("northflank", "POST", "/backup-destinations", {
          body: { name: "bad", type: "s3", prefix: "db", credentials },
        })
      ).status,
    ).toBe(400);
    expect(
      (await sb.call("northflank", "PATCH", "/backup-destinations/second-bucket", { body: { prefix: "x/" } })).status,
    ).toBe(400);
    const patched = await sb.call("northflank", "PATCH", "/backup-destinations/second-bucket", {
      body: { description: "Database dumps" },
    });
    expect(patched.body.data.description).toBe("Database dumps");
    expect((await sb.call("northflank", "DELETE", "/backup-destinations/second-bucket")).status).toBe(200);

    await sb.call("northflank", "POST", `${addonPath()}/backups`, {
      body: { name: "offsite copy", backupType: "dump", customDestinationId: "offsite-s3" },
    });
    const stored = await sb.call("northflank", "GET", "/backup-destinations/offsite-s3/backups");
    expectShape(listDestinationBackupsResponseSchema, stored.body);
    expect(stored.body.data[0]).toMatchObject({
      id: "offsite-copy",
      addon: { id: "postgres" },
      config: { source: { type: "global" } },
    });
    expect(typeof stored.body.data[0].expiredBy).toBe("number");
    // Unknown destinations are refused.
    expect(
      (
        await sb.call("northflank", "POST", `${addonPath()}/backups`, {
          body: { backupType: "dump", customDestinationId: "nowhere" },
        })
      ).status,
    ).toBe(404);
  });
});

describe("volume backups", () => {
  test("create (name must start with a letter), get, list (data is an array), delete", async () => {
    const path = "/projects/shop/volumes/uploads/backups";
    expect((await sb.call("northflank", "POST", path, { body: { name: "1st" } })).status).toBe(400);
    const created = await sb.call("northflank", "POST", path, {
      body: { name: "Uploads before migration", description: "before the move" },
    });
    expect(created.status).toBe(200);
    expectShape(volumeBackupSchema, created.body.data);
    const list = await sb.call("northflank", "GET", path);
    expectShape(listVolumeBackupsResponseSchema, list.body);
    expect(list.body.data[0].id).toBe("uploads-before-migration");
    expect((await sb.call("northflank", "GET", `${path}/uploads-before-migration`)).status).toBe(200);
    expect((await sb.call("northflank", "DELETE", `${path}/uploads-before-migration`)).status).toBe(200);
  });
});

describe("import", () => {
  test("connection-string import creates a dump backup from an external source", async () => {
    const res = await sb.call("northflank", "POST", `${addonPath()}/import`, {
      body: { name: "legacy import", connectionString: "postgresql://u:p@db/x" },
    });
    expect(res.status).toBe(200);
    expect(res.body.data.config.source.type).toBe("externalDump");
    expect((await sb.call("northflank", "POST", `${addonPath()}/import`, { body: {} })).status).toBe(400);
  });
});

describe("auth and team-scoped paths", () => {
  test("401 without or with a wrong token; every response is JSON", async () => {
    for (const auth of [null, "Bearer nope"]) {
      const res = await sb.call("northflank", "GET", `${addonPath()}/backups`, { auth });
      expect(res.status).toBe(401);
      expectShape(errorSchema, res.body);
    }
  });

  test("403 on another team's project and addon; 404 for unknown ones", async () => {
    const res = await sb.call("northflank", "GET", `${otherAddonPath()}/backups`);
    expect(res.status).toBe(403);
    expectShape(errorSchema, res.body);
    expect(
      (await sb.call("northflank", "POST", `${otherAddonPath()}/backups`, { body: { name: "sneaky" } })).status,
    ).toBe(403);
    expect((await sb.call("northflank", "GET", "/projects/nope/addons/postgres/backups")).status).toBe(404);
    expect((await sb.call("northflank", "GET", "/projects/shop/addons/nope/backups")).status).toBe(404);
    expect(
      (
        await sb.call("northflank", "GET", `${otherAddonPath()}/backups`, {
          auth: sb.authOf("northflank", "secondary"),
        })
      ).status,
    ).toBe(200);
  });

  test("/teams/{teamId}/… twins work for the token's team only", async () => {
    const team = sb.seed.northflank.teamId;
    const res = await sb.call("northflank", "GET", `/teams/${team}${addonPath()}/backups`);
    expect(res.status).toBe(200);
    expectShape(listBackupsResponseSchema, res.body);
    expect((await sb.call("northflank", "GET", `/teams/${team}/backup-destinations`)).status).toBe(200);
    expect(
      (await sb.call("northflank", "GET", `/teams/${sb.seed.secondary.northflank[0].teamId}${addonPath()}/backups`))
        .status,
    ).toBe(403);
  });

  test("an organisation-scoped token reaches its teams through /teams/{teamId}/… only", async () => {
    const auth = `Bearer ${sb.seed.northflank.organisationToken}`;
    const team = sb.seed.northflank.teamId;
    const viaTeam = await sb.call("northflank", "GET", `/teams/${team}${addonPath()}/backups`, { auth });
    expect(viaTeam.status).toBe(200);
    expectShape(listBackupsResponseSchema, viaTeam.body);
    const plain = await sb.call("northflank", "GET", `${addonPath()}/backups`, { auth });
    expect(plain.status).toBe(403);
    expectShape(errorSchema, plain.body);
    expect(plain.body.error.message).toContain("/v1/teams/{teamId}/");
    expect((await sb.call("northflank", "GET", `/teams/unknown-team${addonPath()}/backups`, { auth })).status).toBe(
      403,
    );
  });

  test("rate-limit headers on every response, errors included", async () => {
    for (const res of [
      await sb.call("northflank", "GET", "/projects"),
      await sb.call("northflank", "GET", `${addonPath()}/backups/no-such-backup`),
    ]) {
      expect(res.headers.get("x-ratelimit-limit")).toBe("1000");
      expect(Number(res.headers.get("x-ratelimit-remaining"))).toBeLessThan(1000);
      // Seconds until the hourly window resets, not an epoch time.
      expect(Number(res.headers.get("x-ratelimit-reset"))).toBeGreaterThan(0);
      expect(Number(res.headers.get("x-ratelimit-reset"))).toBeLessThanOrEqual(3600);
      expect(res.headers.get("retry-after")).toBeNull();
    }
  });

  test("unknown paths → 404 with a JSON error body", async () => {
    const res = await sb.call("northflank", "GET", `${addonPath()}/backups/pre-migration/nothing`);
    expect(res.status).toBe(404);
    expectShape(errorSchema, res.body);
  });
});

// Last on purpose: holds every answer the tests above received against the official client's
// types (test/support/spec-check.ts).
test("every answer above matches @northflank/js-client's declared types", () => {
  console.log(
    `spec-checked exchanges: ${JSON.stringify(sb.spec.checked)}; not checkable: ${[...sb.spec.undocumented].join(", ")}`,
  );
  expect(sb.spec.checked.northflank).toBeGreaterThan(10);
  expect(sb.spec.violations).toEqual([]);
});
