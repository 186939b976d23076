/**
 * Northflank's own JavaScript client (@northflank/js-client 0.9.5) drives the sandbox's
 * backup, restore and schedule endpoints, plain and team-scoped. It throws on any status but
 * 200 and on any body that is not JSON; every answer must also match the client's declared
 * result type (test/fixtures/vendor-specs/northflank-js-client-0.9.5.backups.schema.json,
 * generated from its .d.ts), and every request body we hand it must match its data type.
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { ApiClient, ApiClientInMemoryContextProvider } from "@northflank/js-client";
import { northflank } from "../../provider/vendors/northflank";
import { FAST_COMPLETION } from "../support/clients";
import { startTestSandbox, type TestSandbox } from "../support/sandbox";
import { loadNorthflankTypes } from "../support/vendor-spec";

const officialTypes = loadNorthflankTypes();

/** Asserts `value` is a valid `typeName` of the official client, naming every violation. */
function expectOfficial(typeName: string, value: unknown) {
  expect(officialTypes.has(typeName)).toBe(true);
  expect(officialTypes.problems(typeName, value)).toEqual([]);
}

let sandbox: TestSandbox;
let api: ApiClient;
let orgApi: ApiClient;
let addon: { projectId: string; addonId: string };

async function officialClient(token: string): Promise<ApiClient> {
  const contexts = new ApiClientInMemoryContextProvider();
  // The client appends /v1/… to the context's host.
  await contexts.addContext({ name: "sandbox", token, host: `${sandbox.url}/northflank` });
  return new ApiClient(contexts, { throwErrorOnHttpErrorCode: true });
}

beforeAll(async () => {
  sandbox = await startTestSandbox(FAST_COMPLETION);
  addon = sandbox.seed.northflank.addons[0];
  api = await officialClient(sandbox.seed.northflank.token);
  orgApi = await officialClient(sandbox.seed.northflank.organisationToken);
});
afterAll(() => sandbox?.close());

it("the fixture was generated from the installed client", () => {
  const manifest = path.resolve(__dirname, "../../node_modules/@northflank/js-client/package.json");
  const installed = JSON.parse(readFileSync(manifest, "utf8"));
  expect(officialTypes.source).toBe(`@northflank/js-client@${installed.version}`);
});

it("backups: create, follow, list (all pages), download link, delete", async () => {
  const data = { name: "official client", backupType: "dump" as const, compressionType: "zstd" as const };
  expectOfficial("BackupAddonData", data);
  const created = await api.backup.addon({ parameters: addon, data });
  expectOfficial("BackupAddonResult", created.data);
  const backupId = created.data.id;

  let backup = (await api.get.addon.backup({ parameters: { ...addon, backupId } })).data;
  for (let i = 0; backup.status !== "completed" && i < 50; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    backup = (await api.get.addon.backup({ parameters: { ...addon, backupId } })).data;
  }
  expectOfficial("GetAddonBackupResult", backup);
  expect(backup.status).toBe("completed");

  const options = { per_page: 2 };
  expectOfficial("GetAddonBackupsOptions", options);
  const all = await api.get.addon.backups.all({ parameters: addon, options });
  expectOfficial("GetAddonBackupsResult", all.data);
  expect(all.data.backups.some((b) => b.id === backupId)).toBe(true);

  const link = await api.get.addon.backup.download({ parameters: { ...addon, backupId } });
  expectOfficial("GetAddonBackupDownloadResult", link.data);

  await api.delete.backup({ parameters: { ...addon, backupId } });
  await expect(api.get.addon.backup({ parameters: { ...addon, backupId } })).rejects.toMatchObject({ status: 404 });
});

it("restores: start, list per backup and per addon, abort", async () => {
  await sandbox.timing({ restoreMs: 5_000 });
  const restore = await api.restore.addon.backup({ parameters: { ...addon, backupId: "pre-migration" } });
  expectOfficial("RestoreAddonBackupResult", restore.data);
  const { restoreId } = restore.data;

  const perBackup = await api.get.addon.backup.restores.all({ parameters: { ...addon, backupId: "pre-migration" } });
  expectOfficial("GetAddonBackupRestoresResult", perBackup.data);
  expect(perBackup.data.restores?.map((r) => r.id)).toContain(restoreId);
  const perAddon = await api.get.addon.restores.all({ parameters: addon });
  expectOfficial("GetAddonRestoresResult", perAddon.data);

  const abort = { restoreId };
  expectOfficial("AbortAddonRestoreData", abort);
  await api.abort.addon.restore({ parameters: { ...addon, backupId: "pre-migration" }, data: abort });
  const statusOf = async () =>
    (await api.get.addon.backup.restores({ parameters: { ...addon, backupId: "pre-migration" } })).data.restores?.find(
      (r) => r.id === restoreId,
    )?.status;
  let status = await statusOf();
  for (let i = 0; status === "aborting" && i < 30; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    status = await statusOf();
  }
  expect(status).toBe("aborted");
  await sandbox.timing({ restoreMs: 300 });
});

it("empty lists: a backup's restores and an addon's schedules may be absent, an addon's restores may not", async () => {
  const mongo = sandbox.seed.northflank.addons[1];
  const backup = await api.backup.addon({ parameters: mongo, data: { name: "never restored" } });
  const restores = await api.get.addon.backup.restores({ parameters: { ...mongo, backupId: backup.data.id } });
  expectOfficial("GetAddonBackupRestoresResult", restores.data);
  expect(restores.data.restores).toBeUndefined();
  const schedules = await api.get.addon.backupSchedules({ parameters: mongo });
  expectOfficial("GetAddonBackupschedulesResult", schedules.data);
  expect(schedules.data.schedules).toBeUndefined();
  // An addon's restore list, unlike a backup's, requires the array.
  const addonRestores = await api.get.addon.restores({ parameters: mongo });
  expectOfficial("GetAddonRestoresResult", addonRestores.data);
  expect(addonRestores.data.restores).toEqual([]);
});

it("schedules: create, list, delete", async () => {
  const data = {
    scheduling: { interval: "weekly" as const, minute: [15], hour: [2], day: [6] },
    backupType: "dump" as const,
    compressionType: "gz" as const,
    retentionTime: 30,
  };
  expectOfficial("CreateAddonBackupscheduleData", data);
  const created = await api.create.addon.backupSchedule({ parameters: addon, data });
  expectOfficial("CreateAddonBackupscheduleResult", created.data);
  const listed = await api.get.addon.backupSchedules.all({ parameters: addon });
  expectOfficial("GetAddonBackupschedulesResult", listed.data);
  expect(listed.data.schedules?.map((s) => s.id)).toContain(created.data.id);
  await api.delete.addon.backupSchedule({ parameters: { ...addon, scheduleId: created.data.id } });
});

it("team-scoped: an organisation token drives the same endpoints through /v1/teams/{teamId}/…", async () => {
  const scoped = { teamId: sandbox.seed.northflank.teamId, ...addon };
  const created = await orgApi.backup.addon({ parameters: scoped, data: { name: "org scoped" } });
  expectOfficial("BackupAddonResult", created.data);
  expect(created.request.url).toContain(`/v1/teams/${scoped.teamId}/projects/`);
  const listed = await orgApi.get.addon.backups({ parameters: scoped });
  expectOfficial("GetAddonBackupsResult", listed.data);
  const schedules = await orgApi.get.addon.backupSchedules({ parameters: scoped });
  expectOfficial("GetAddonBackupschedulesResult", schedules.data);
  await orgApi.delete.backup({ parameters: { ...scoped, backupId: created.data.id } });
  // Without the team, the organisation token is refused; the client surfaces Northflank's error.
  await expect(orgApi.get.addon.backups({ parameters: addon })).rejects.toMatchObject({ status: 403 });
});

describe("the provider's own requests", () => {
  interface Seen {
    method: string;
    path: string;
    query: Record<string, string>;
    body?: unknown;
  }
  let proxy: http.Server;
  const seen: Seen[] = [];

  beforeAll(async () => {
    // Records what the provider sends, then passes it on to the sandbox unchanged.
    proxy = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const url = new URL(req.url ?? "/", "http://proxy");
        seen.push({
          method: req.method ?? "",
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          body: text ? JSON.parse(text) : undefined,
        });
        const upstream = http.request(
          `${sandbox.url}${req.url}`,
          { method: req.method, headers: req.headers },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        upstream.end(text);
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  });
  afterAll(() => new Promise<void>((resolve) => proxy.close(() => resolve())));

  /** The official type of each request the provider sends: its body, and its query options. */
  const BODY_TYPES: [RegExp, string, string][] = [
    [/\/addons\/[^/]+\/backups$/, "POST", "BackupAddonData"],
    [/\/backup-schedules$/, "POST", "CreateAddonBackupscheduleData"],
  ];
  const QUERY_TYPES: [RegExp, string, string][] = [
    [/\/addons\/[^/]+\/backups$/, "GET", "GetAddonBackupsOptions"],
    [/\/backups\/[^/]+\/restores$/, "GET", "GetAddonBackupRestoresOptions"],
    [/\/backups\/[^/]+\/restore$/, "POST", "RestoreAddonBackupOptions"],
    [/\/backup-schedules$/, "GET", "GetAddonBackupschedulesOptions"],
  ];

  it("match the official client's data and option types", async () => {
    const port = (proxy.address() as AddressInfo).port;
    const client = northflank.createClient({
      baseUrl: `http://127.0.0.1:${port}/northflank/v1`,
      credentials: { token: sandbox.seed.northflank.token },
    });
    const pending = await client.startBackup(addon, {
      description: "typed request hb:0123abcd",
      options: { backupType: "snapshot", additionalDestinations: [{ destinationId: "offsite-s3", retentionTime: 7 }] },
    });
    await client.listBackups(addon);
    await client.getBackup(addon, pending.backupId!);
    const schedule = await client.schedules!.create(addon, {
      interval: "hourly",
      backupType: "snapshot",
      retentionDays: 3,
      minute: [5],
    });
    await client.schedules!.delete(addon, schedule.id);
    await client.listRestoreIds!(addon, "pre-migration");
    const restore = await client.startRestore(addon, { backupId: "pre-migration", options: {} });
    expect(restore.operationId).toBeTruthy();

    let checked = 0;
    for (const request of seen) {
      const body = BODY_TYPES.find(([pattern, method]) => method === request.method && pattern.test(request.path));
      if (body) {
        expectOfficial(body[2], request.body);
        checked++;
      }
      const query = QUERY_TYPES.find(([pattern, method]) => method === request.method && pattern.test(request.path));
      if (query) {
        expect(officialTypes.queryProblems(query[2], request.query)).toEqual([]);
        checked++;
      }
      // Restore takes no body.
      if (/\/restore$/.test(request.path)) expect(request.body).toBeUndefined();
    }
    expect(checked).toBeGreaterThanOrEqual(6);
  });
});
