/**
 * The functions getBackups and getLatestBackup end to end, with the real engine against the
 * sandbox: from a TypeScript program (the package's getX Promise and getXOutput forms, run in
 * the program's process with its `hosting-backups:*` config) and from a Pulumi YAML program
 * (`fn::invoke` of the plugin's invokes, with its `hostingbackups:*` config). Bad arguments
 * fail at preview naming the field, with no API call; getLatestBackup without a match fails
 * naming the target and the filter. (Go: test/e2e/plugin-go.test.ts.)
 */
import * as path from "node:path";
import { buildPlugin, pluginConfig } from "../support/plugin";
import { createTestStack, TestStack } from "../support/pulumi";
import { startTestSandbox, TestSandbox } from "../support/sandbox";

jest.setTimeout(900_000);

const programs = path.join(__dirname, "programs");
let sandbox: TestSandbox;
let byHandId: string;

beforeAll(async () => {
  buildPlugin();
  sandbox = await startTestSandbox();
  // A backup someone took by hand, before any program ran.
  const vpsorg = sandbox.vendorApi("vpsorg");
  const pending = await vpsorg.client.startBackup(vpsorg.fields, { description: "taken by hand", options: {} });
  byHandId = pending.backupId!;
});
afterAll(() => sandbox?.close());

interface Listed {
  backupId: string;
  resourceId: string;
  status: string;
  kind: string;
  description?: string;
  madeByProvider: boolean;
  marker?: string;
  createdAt?: string;
}

/** The sandbox's vendor API calls (admin calls excluded) since the log was cleared. */
async function vendorCalls(): Promise<number> {
  return (await sandbox.requests()).filter((r) => !r.path.startsWith("/_admin")).length;
}

describe("from a TypeScript program", () => {
  let t: TestStack;
  const serverId = () => sandbox.target("vpsorg").serverId;
  beforeAll(async () => {
    t = await createTestStack(path.join(programs, "functions"), {
      envVars: sandbox.urlEnv(),
      config: {
        ...sandbox.credentialConfig(),
        "e2e-functions:target": { value: JSON.stringify(sandbox.target("vpsorg")) },
      },
    });
  });
  afterAll(() => t?.cleanup());

  it("lists the target's backups and finds the newest matching one, Promise and Output forms", async () => {
    const up = await t.stack.up();
    const fresh = up.outputs.fresh.value;
    const before: { targetKey: string; backups: Listed[] } = up.outputs.before.value;
    expect(before.targetKey).toBe(`vpsorg/${serverId()}`);
    const byHand = before.backups.find((b) => b.backupId === byHandId);
    expect(byHand).toMatchObject({
      resourceId: `vpsorg/${serverId()}/${byHandId}`,
      kind: "manual",
      description: "taken by hand",
      madeByProvider: false,
    });
    expect(byHand?.marker).toBeUndefined();
    expect(before.backups.some((b) => b.backupId === fresh.backupId)).toBe(false); // asked before it existed
    const times = before.backups.map((b) => Date.parse(b.createdAt ?? ""));
    expect(times).toEqual([...times].sort((a, b) => b - a)); // newest first

    // getBackupsOutput(…, { dependsOn: [fresh] }): after the Backup was taken, only ours.
    const ours: Listed[] = up.outputs.ours.value.backups;
    expect(ours.map((b) => b.backupId)).toContain(fresh.backupId);
    expect(ours.every((b) => b.madeByProvider)).toBe(true);
    expect(ours.find((b) => b.backupId === fresh.backupId)).toMatchObject({
      marker: fresh.marker,
      status: "completed",
      description: `fn release hb:${fresh.marker}`,
    });

    expect(up.outputs.latestOurs.value).toMatchObject({ backupId: fresh.backupId, status: "completed" });
    expect(up.outputs.latestByHand.value).toMatchObject({ backupId: byHandId, madeByProvider: false });
    // Credentials came from the secret stack config, and none is in the state.
    const exported = await t.exportText();
    for (const secret of sandbox.secrets()) expect(exported).not.toContain(secret);
  });

  it("bad arguments fail at preview naming the field, with no API call", async () => {
    await t.stack.setConfig("e2e-functions:callOnly", {
      value: JSON.stringify({ fn: "getBackups", args: { target: sandbox.target("vpsorg"), match: { kind: "auto" } } }),
    });
    await sandbox.clearRequests();
    await expect(t.stack.preview()).rejects.toThrow(
      /match\.kind: must be one of "manual", "automatic", got "auto" \(getBackups arguments\)/,
    );
    expect(await vendorCalls()).toBe(0);
  });

  it("getLatestBackup with no match fails naming the target and the filter", async () => {
    await t.stack.setConfig("e2e-functions:callOnly", {
      value: JSON.stringify({
        fn: "getLatestBackup",
        args: { target: sandbox.target("vpsorg"), match: { descriptionPrefix: "no such backup" } },
      }),
    });
    await expect(t.stack.preview()).rejects.toThrow(
      new RegExp(
        `match: no completed backup of vpsorg/${serverId()} matching \\{"descriptionPrefix":"no such backup"\\}`,
      ),
    );
  });
});

describe("from a Pulumi YAML program (fn::invoke of the plugin)", () => {
  let t: TestStack;
  beforeAll(async () => {
    t = await createTestStack(path.join(programs, "plugin-yaml-functions"), {
      config: { ...pluginConfig(sandbox), vpsorgServerId: { value: sandbox.target("vpsorg").serverId } },
    });
  });
  afterAll(() => t?.cleanup());

  it("getBackups and getLatestBackup answer from the plugin, with its config", async () => {
    const up = await t.stack.up();
    const fresh = up.outputs.fresh.value;
    const before: Listed[] = up.outputs.before.value.backups;
    expect(before.find((b) => b.backupId === byHandId)).toMatchObject({ kind: "manual", madeByProvider: false });
    expect(before.every((b) => b.kind === "manual")).toBe(true);
    expect(up.outputs.latestOurs.value).toMatchObject({
      backupId: fresh.backupId,
      marker: fresh.marker,
      madeByProvider: true,
      status: "completed",
      targetKey: `vpsorg/${sandbox.target("vpsorg").serverId}`,
    });
  });

  it("a bad argument fails at preview naming the field", async () => {
    await t.stack.setConfig("kind", { value: "auto" });
    await expect(t.stack.preview()).rejects.toThrow(/match\.kind: must be one of "manual", "automatic", got "auto"/);
  });
});
