/**
 * The provider plugin (provider/plugin/): secrets kept secret by property path, the config
 * namespace mapping, the generated schema, and the gRPC calls the engine makes that need no
 * vendor API (config, check, diff, refused imports).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { pluginConfigSource } from "../../provider/plugin/config";
import { SECRET_SIG, SIG_KEY, unwrapSecrets, wrapSecret, wrapSecretsAt } from "../../provider/plugin/secrets";
import { schemaText } from "../../scripts/plugin/schema";
import { provproto, startPluginService, struct } from "../support/plugin";

const secret = (value: unknown) => ({ [SIG_KEY]: SECRET_SIG, value });
const urn = (type: string, name: string) => `urn:pulumi:dev::shop::${type}::${name}`;
const BACKUP = "hostingbackups:index:Backup";

describe("secrets by property path", () => {
  it("unwraps nested secrets and wraps the same paths again", () => {
    const wire = { target: { vendor: "vpsorg", serverId: secret("12345") }, triggers: ["a", secret("b")] };
    const { plain, secrets } = unwrapSecrets(wire);
    expect(plain).toEqual({ target: { vendor: "vpsorg", serverId: "12345" }, triggers: ["a", "b"] });
    expect(secrets).toEqual([
      ["target", "serverId"],
      ["triggers", 1],
    ]);
    expect(wrapSecretsAt(plain as Record<string, unknown>, secrets)).toEqual(wire);
  });

  it("keeps a whole value secret when the resource code changed its shape under the secret", () => {
    // e.g. one schedule object normalised into a one-element list
    const out = wrapSecretsAt({ schedule: [{ interval: "daily" }] }, [["schedule", "interval"]]);
    expect(out).toEqual({ schedule: secret([{ interval: "daily" }]) });
  });

  it("skips paths that are gone and never wraps twice", () => {
    expect(wrapSecretsAt({ a: 1 }, [["b"], ["a"], ["a"]])).toEqual({ a: secret(1) });
    expect(wrapSecret(secret("x"))).toEqual(secret("x"));
  });
});

describe("plugin config", () => {
  it("serves hostingbackups:* keys under the hosting-backups:* names the resolver reads", () => {
    const source = pluginConfigSource({
      "hostingbackups:kinstaApiKey": "k",
      vpsorgApiToken: "t",
      accounts: { agency: { vendor: "vpsorg", token: "x" } },
    });
    expect(source.get("hosting-backups:kinstaApiKey")).toBe("k");
    expect(source.get("hosting-backups:vpsorgApiToken")).toBe("t");
    expect(JSON.parse(source.get("hosting-backups:accounts")!)).toEqual({ agency: { vendor: "vpsorg", token: "x" } });
    expect(source.get("hostingbackups:kinstaApiKey")).toBeUndefined();
  });
});

describe("generated schema", () => {
  const repoRoot = path.resolve(__dirname, "../..");
  const checkedIn = fs.readFileSync(path.join(repoRoot, "provider/plugin/schema.json"), "utf8");
  const schema = JSON.parse(checkedIn);

  it("is what `npm run schema` generates from the SDK types and zod schemas now (no drift)", () => {
    expect(checkedIn).toBe(schemaText(repoRoot));
  });

  it("has the three resources, a vendor-discriminated target and every property described", () => {
    expect(Object.keys(schema.resources).sort()).toEqual([
      "hostingbackups:index:Backup",
      "hostingbackups:index:BackupPolicy",
      "hostingbackups:index:RestoreOperation",
    ]);
    const target = schema.resources[BACKUP].inputProperties.target;
    expect(target.discriminator.propertyName).toBe("vendor");
    expect(Object.keys(target.discriminator.mapping).sort()).toEqual(["kinsta", "northflank", "vpsorg", "wpengine"]);
    const undocumented: string[] = [];
    for (const [token, r] of Object.entries<Record<string, Record<string, { description?: string }>>>(schema.resources))
      for (const [key, p] of Object.entries({ ...r.inputProperties, ...r.properties }))
        if (!p.description) undocumented.push(`${token}.${key}`);
    for (const [token, t] of Object.entries<{
      properties?: Record<string, { description?: string }>;
      enum?: unknown[];
      description?: string;
    }>(schema.types)) {
      // An enum type (a closed set of values) is described as a whole; an object type by property.
      if (t.enum && !t.description) undocumented.push(token);
      for (const [key, p] of Object.entries(t.properties ?? {}))
        if (!p.description) undocumented.push(`${token}.${key}`);
    }
    expect(undocumented).toEqual([]);
  });

  it("marks the download link and the credentials secret, and names where the plugin downloads from", () => {
    expect(schema.resources[BACKUP].properties.downloadUrl.secret).toBe(true);
    for (const key of ["kinstaApiKey", "wpengineApiPassword", "vpsorgApiToken", "northflankApiToken", "accounts"])
      expect(schema.config.variables[key].secret).toBe(true);
    expect(schema.pluginDownloadURL).toMatch(/^github:\/\//);
  });
});

describe("plugin gRPC service", () => {
  let plugin: Awaited<ReturnType<typeof startPluginService>>;
  beforeAll(async () => {
    plugin = await startPluginService();
  });
  afterAll(() => plugin.close());

  const check = (type: string, name: string, news: Record<string, unknown>) => {
    const request = new provproto.CheckRequest();
    request.setUrn(urn(type, name));
    request.setOlds(struct({}));
    request.setNews(struct(news));
    return plugin.call<provproto.CheckResponse>("check", request);
  };

  it("serves the generated schema", async () => {
    const request = new provproto.GetSchemaRequest();
    const response = await plugin.call<provproto.GetSchemaResponse>("getSchema", request);
    expect(JSON.parse(response.getSchema()).resources[BACKUP]).toBeDefined();
  });

  it("checkConfig marks credentials secret even when set in plaintext", async () => {
    const request = new provproto.CheckRequest();
    request.setUrn("urn:pulumi:dev::shop::pulumi:providers:hostingbackups::default");
    request.setOlds(struct({}));
    request.setNews(struct({ vpsorgApiToken: "plain-token", vpsorgApiUrl: "http://127.0.0.1:1" }));
    const response = await plugin.call<provproto.CheckResponse>("checkConfig", request);
    expect(response.getInputs()!.toJavaScript()).toEqual({
      vpsorgApiToken: secret("plain-token"),
      vpsorgApiUrl: "http://127.0.0.1:1",
    });
  });

  it("check: a secret input leaves secret at its path, and identity comes from the URN", async () => {
    const response = await check(BACKUP, "nightly", {
      target: { vendor: "vpsorg", serverId: "12345" },
      description: secret("release v1"),
    });
    expect(response.getFailuresList()).toEqual([]);
    const inputs = response.getInputs()!.toJavaScript();
    expect(inputs.description).toEqual(secret("release v1"));
    expect(inputs.identity).toBe("shop/dev/nightly");
    expect(inputs).not.toHaveProperty("__provider");
  });

  it("check: a number where the schema types a string (Pulumi YAML `serverId: 12345`) arrives as a string", async () => {
    const response = await check(BACKUP, "yaml", { target: { vendor: "vpsorg", serverId: 12345 } });
    expect(response.getFailuresList()).toEqual([]);
    expect(response.getInputs()!.toJavaScript().target).toEqual({ vendor: "vpsorg", serverId: "12345" });
  });

  it("check: bad input fails naming the field and the rule", async () => {
    const response = await check(BACKUP, "bad", { target: { vendor: "vpsorg", serverId: "12345" }, timeout: "soon" });
    expect(response.getFailuresList().map((f) => [f.getProperty(), f.getReason()])).toEqual([
      ["timeout", 'must be a duration such as "90s", "30m" or "2h"'],
    ]);
  });

  it("diff: a detailed diff naming what replaces and what updates in place", async () => {
    const request = new provproto.DiffRequest();
    request.setId("vpsorg/12345/501");
    request.setUrn(urn(BACKUP, "nightly"));
    const inputs = { target: { vendor: "vpsorg", serverId: "12345" }, description: "a", timeout: "60m" };
    request.setOlds(struct({ ...inputs, backupId: "501", status: "completed" }));
    request.setNews(struct({ ...inputs, description: "b", timeout: "2h" }));
    const response = await plugin.call<provproto.DiffResponse>("diff", request);
    expect(response.getChanges()).toBe(provproto.DiffResponse.DiffChanges.DIFF_SOME);
    expect(response.getReplacesList()).toEqual(["description"]);
    const detail: Record<string, number> = {};
    response
      .getDetaileddiffMap()
      .forEach((diff: provproto.PropertyDiff, key: string) => (detail[key] = diff.getKind()));
    expect(detail).toEqual({
      description: provproto.PropertyDiff.Kind.UPDATE_REPLACE,
      timeout: provproto.PropertyDiff.Kind.UPDATE,
    });
  });

  it("read without properties (import) of a BackupPolicy is refused with a reason", async () => {
    const request = new provproto.ReadRequest();
    request.setId("vpsorg/12345/policy");
    request.setUrn(urn("hostingbackups:index:BackupPolicy", "p"));
    request.setProperties(struct({}));
    await expect(plugin.call("read", request)).rejects.toThrow(/BackupPolicy cannot be imported/);
  });

  it("read without properties (import) of a Backup with a malformed id names the id format", async () => {
    const request = new provproto.ReadRequest();
    request.setId("vpsorg/12345");
    request.setUrn(urn(BACKUP, "b"));
    request.setProperties(struct({}));
    await expect(plugin.call("read", request)).rejects.toThrow(
      /not a Backup import id; the format is .*vpsorg\/<serverId>\/<backupId>/,
    );
  });
});
