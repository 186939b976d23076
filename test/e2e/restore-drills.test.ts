/**
 * Restores that fit a bad day, end to end (real engine, sandbox): a Northflank point-in-time
 * rollback inside and outside the window, a "latest good backup" drill from Kinsta live onto
 * staging that never churns, and combinations a vendor cannot do, refused at preview.
 */
import * as path from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { createTestStack, TestStack } from "../support/pulumi";
import { startTestSandbox, TestSandbox, VendorName } from "../support/sandbox";

jest.setTimeout(600_000);

const program = path.join(__dirname, "programs/restores");
let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox?.close());

type Restored = { backupId: string | number; pointInTime?: string };
async function lastRestoredFrom(vendor: VendorName, collection: string, id: string): Promise<Restored | undefined> {
  const state = (await sandbox.state()) as Record<
    string,
    Record<string, { id: string; lastRestoredFrom?: Restored }[]>
  >;
  return state[vendor][collection].find((item) => String(item.id) === id)?.lastRestoredFrom;
}

async function stackFor(): Promise<TestStack> {
  return createTestStack(program, { envVars: { ...sandbox.urlEnv(), ...sandbox.credentialEnv() } });
}

const declare = (t: TestStack, restores: Record<string, unknown>) =>
  t.stack.setConfig("e2e-restores:restores", { value: JSON.stringify(restores) });

describe("Northflank point-in-time restore", () => {
  let t: TestStack;
  const target = () => sandbox.target("northflank");
  const confirm = () => `${target().projectId}/${target().addonId}`;
  beforeAll(async () => {
    t = await stackFor();
  });
  afterAll(() => t?.cleanup());

  it("outside the window fails at up with the window in the message, and starts no restore", async () => {
    await declare(t, { rollback: { target: target(), pointInTime: "2020-01-01T10:42:00Z", confirm: confirm() } });
    await sandbox.clearRequests();
    const error = await t.stack.up().then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(
      /pointInTime: 2020-01-01T10:42:00Z is outside northflank\/shop\/postgres's point-in-time restore window, \d{4}-\d\d-\d\dT[\d:.]+Z – \d{4}-\d\d-\d\dT[\d:.]+Z; nothing was restored/,
    );
    const requests = await sandbox.requests();
    expect(requests.filter((r) => r.path.includes("/pitr-window"))).toHaveLength(1);
    expect(requests.filter((r) => r.method === "POST")).toEqual([]);
    expect(await lastRestoredFrom("northflank", "addons", target().addonId)).toBeUndefined();
  });

  it("inside the window completes, and the sandbox shows the addon put back to that time", async () => {
    const at = new Date(Date.now() - 2 * 3600_000).toISOString();
    await declare(t, { rollback: { target: target(), pointInTime: at, confirm: confirm() } });
    const preview = await t.stack.preview();
    expect(preview.changeSummary.create).toBe(1);
    const up = await t.stack.up();
    const rollback = up.outputs.rollback.value;
    expect(rollback.status).toBe("completed");
    expect(await lastRestoredFrom("northflank", "addons", target().addonId)).toEqual(
      expect.objectContaining({ backupId: rollback.restoredBackupId, pointInTime: at }),
    );
    expect((await t.stack.preview()).changeSummary).toEqual({ same: 2 });
  });
});

describe("Northflank restores that must not run twice or lose their source", () => {
  let t: TestStack;
  const target = () => sandbox.target("northflank", 0);
  const confirm = () => `${target().projectId}/${target().addonId}`;
  beforeAll(async () => {
    t = await createTestStack(program, {
      envVars: { ...sandbox.urlEnv(), ...sandbox.credentialEnv(), HOSTING_BACKUPS_REQUEST_TIMEOUT_SECONDS: "2" },
    });
  });
  afterAll(() => t?.cleanup());

  it("an unanswered point-in-time request is never resent: the restore it started is found and followed", async () => {
    const at = new Date(Date.now() - 3600_000).toISOString();
    await declare(t, { rollback: { target: target(), pointInTime: at, confirm: confirm() } });
    await sandbox.clearRequests();
    await sandbox.fault({ method: "POST", path: "/pitr$", delayMs: 4_000 });
    const up = await t.stack.up();
    await sandbox.clearFaults();
    expect(up.outputs.rollback.value.status).toBe("completed");
    // (The request log misses a request whose client hung up; the sandbox's restores do not.)
    const state = (await sandbox.state()) as { northflank: { restores: { pointInTime?: string }[] } };
    // A resent request would have made a second restore to the same time.
    expect(state.northflank.restores.filter((r) => r.pointInTime === at)).toHaveLength(1);
    expect(await lastRestoredFrom("northflank", "addons", target().addonId)).toEqual(
      expect.objectContaining({ pointInTime: at }),
    );
  });

  it("a latest drill from another addon restores its newest backup through the global-backup parameters", async () => {
    const source = sandbox.target("northflank", 1);
    const api = sandbox.vendorApi("northflank", source);
    const made = await api.client.startBackup(api.fields, { description: "drill source", options: {} });
    await declare(t, {
      drill: { target: target(), source, backup: { latest: true }, confirm: confirm() },
    });
    await sandbox.clearRequests();
    const up = await t.stack.up();
    expect(up.outputs.drill.value).toMatchObject({ status: "completed", restoredBackupId: made.backupId });
    expect((await lastRestoredFrom("northflank", "addons", target().addonId))?.backupId).toBe(made.backupId);
    const restoreCalls = (await sandbox.requests()).filter((r) => r.path.includes(`/backups/${made.backupId}/`));
    expect(restoreCalls.length).toBeGreaterThanOrEqual(2);
    for (const call of restoreCalls) expect(call.path).toMatch(/sourceProjectId=shop&sourceAddonId=mongo/);
    await t.stack.destroy();
  });
});

describe("a latest-good-backup drill from Kinsta live onto staging", () => {
  let t: TestStack;
  const live = () => sandbox.target("kinsta", 0);
  const staging = () => sandbox.target("kinsta", 1);
  const drill = async (month: string) => {
    const state = (await sandbox.state()) as { kinsta: { companies: { users: { id: string }[] }[] } };
    return {
      drill: {
        target: staging(),
        source: live(),
        backup: { latest: true },
        triggers: [month],
        confirm: staging().environmentId,
        notifiedUserId: state.kinsta.companies[0].users[0].id,
      },
    };
  };
  /** The newest completed backup of live, as Kinsta lists it. */
  const newestLiveBackup = async () => {
    const backups = (await sandbox.vendorApi("kinsta", live()).list()).filter((b) => b.state === "completed");
    return backups.sort((a, b) => Date.parse(b.createdAt!) - Date.parse(a.createdAt!))[0].id;
  };
  beforeAll(async () => {
    t = await stackFor();
  });
  afterAll(() => t?.cleanup());

  it("preview shows the selector, not an id; up restores live's newest completed backup onto staging", async () => {
    await declare(t, await drill("2026-11"));
    const events: EngineEvent[] = [];
    const preview = await t.stack.preview({ onEvent: (e) => events.push(e) });
    expect(preview.changeSummary.create).toBe(2);
    const planned = events.find((e) => e.resourcePreEvent?.metadata.urn.endsWith("::drill"))?.resourcePreEvent;
    expect(planned?.metadata.new?.inputs.backup).toEqual({ latest: true });
    expect(planned?.metadata.new?.inputs.backupId).toBeUndefined();

    const expected = await newestLiveBackup();
    const up = await t.stack.up();
    expect(up.outputs.drill.value).toMatchObject({ status: "completed", restoredBackupId: String(expected) });
    expect(String((await lastRestoredFrom("kinsta", "environments", staging().environmentId))?.backupId)).toBe(
      String(expected),
    );
  });

  it("a newer backup appearing changes nothing; a triggers change drills the then-newest backup", async () => {
    const api = sandbox.vendorApi("kinsta", live());
    const before = await newestLiveBackup();
    await api.client.startBackup(api.fields, { description: "newer hb:0badc0de", options: {} });
    let newer = before;
    for (let i = 0; i < 50 && newer === before; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      newer = await newestLiveBackup();
    }
    expect(newer).not.toBe(before);

    const again = await t.stack.up();
    expect(again.summary.resourceChanges).toEqual({ same: 2 });
    expect(again.outputs.drill.value.restoredBackupId).toBe(String(before));

    await declare(t, await drill("2026-12"));
    const next = await t.stack.up();
    expect(next.summary.resourceChanges).toEqual({ same: 1, replace: 1 });
    expect(next.outputs.drill.value).toMatchObject({ status: "completed", restoredBackupId: String(newer) });
    expect(String((await lastRestoredFrom("kinsta", "environments", staging().environmentId))?.backupId)).toBe(
      String(newer),
    );
  });

  it("a selector nothing matches fails at up and restores nothing", async () => {
    const args = (await drill("2027-01")).drill;
    await declare(t, { drill: { ...args, backup: { latest: true, match: { descriptionPrefix: "no such" } } } });
    await sandbox.clearRequests();
    await expect(t.stack.up()).rejects.toThrow(
      /backup: no completed backup of kinsta\/\S+ matches \{"latest":true,"match":\{"descriptionPrefix":"no such"\}\}.*nothing was restored/,
    );
    expect((await sandbox.requests()).filter((r) => r.path.includes("restore"))).toEqual([]);
    await t.stack.destroy();
  });
});

describe("combinations a vendor cannot do fail at preview with zero API calls", () => {
  let t: TestStack;
  beforeAll(async () => {
    t = await stackFor();
  });
  afterAll(() => t?.cleanup());

  const cases: [string, () => Record<string, unknown>, RegExp][] = [
    [
      "a point-in-time restore on Kinsta",
      () => ({
        target: sandbox.target("kinsta"),
        pointInTime: "2026-01-01T10:42:00Z",
        confirm: sandbox.target("kinsta").environmentId,
        notifiedUserId: "0b5a8d4e-1111-4c2d-8e0f-000000000001",
      }),
      /pointInTime.*Kinsta offers no point-in-time restore; it restores a backup/,
    ],
    [
      "a VPS.org backup of another server",
      () => ({
        target: sandbox.target("vpsorg", 0),
        source: sandbox.target("vpsorg", 1),
        backup: { latest: true },
        confirm: sandbox.target("vpsorg", 0).serverId,
      }),
      /source.*VPS\.org restores a backup only onto the target it was taken from/,
    ],
    [
      "a WP Engine backup of another install",
      () => ({
        target: sandbox.target("wpengine", 0),
        source: sandbox.target("wpengine", 1),
        backupId: "x",
        confirm: sandbox.target("wpengine", 0).installId,
        notificationEmails: ["ops@example.com"],
      }),
      /source.*WP Engine restores a backup only onto the target it was taken from/,
    ],
  ];
  it.each(cases)("%s", async (_name, restore, message) => {
    await declare(t, { refused: restore() });
    await sandbox.clearRequests();
    await expect(t.stack.preview()).rejects.toThrow(message);
    expect(await sandbox.requests()).toEqual([]);
  });
});
