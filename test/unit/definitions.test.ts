/**
 * The resource definitions (provider/resources/<r>/definition.ts, listed once in
 * provider/resources/registry.ts): every input carries its class, the diff follows the classes
 * (plus each resource's own hooks), and the dynamic modules and the plugin's table are the
 * registry's resources.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { PLUGIN_RESOURCES } from "../../provider/plugin/resources";
import { RESOURCE_DEFINITIONS } from "../../provider/resources/registry";
import type { DynamicModule } from "../../provider/dynamic/define";

/** provider/dynamic/<module>.ts, each made from one definition, by the type name it registers. */
const dynamicDir = path.resolve(__dirname, "../../provider/dynamic");
const DYNAMIC_MODULES = new Map(
  fs
    .readdirSync(dynamicDir)
    .filter((file) => file !== "define.ts")
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    .map((file) => require(path.join(dynamicDir, file)) as DynamicModule)
    .map((module) => [module.typeName, module]),
);

describe.each(RESOURCE_DEFINITIONS.map((d) => [d.name, d] as const))("%s definition", (_name, definition) => {
  it("classifies every input of its schema, and nothing else", () => {
    expect(Object.keys(definition.fields).sort()).toEqual(Object.keys(definition.inputs.shape).sort());
    expect(
      [...definition.replacingKeys, ...definition.inPlaceKeys, ...definition.inputKeys.filter(isInternal)].sort(),
    ).toEqual([...definition.inputKeys].sort());
    function isInternal(key: string) {
      return definition.fields[key] === "internal";
    }
  });

  const base = Object.fromEntries(definition.inputKeys.map((key) => [key, `old ${key}`]));

  it.each(definition.replacingKeys.map((key) => [key]))("a changed %s replaces", (key) => {
    expect(definition.diff(base, { ...base, [key]: `new ${key}` })).toEqual({
      changes: true,
      replaces: [key],
      deleteBeforeReplace: false,
    });
  });

  it.each(definition.inPlaceKeys.map((key) => [key]))("a changed %s updates in place", (key) => {
    expect(definition.diff(base, { ...base, [key]: `new ${key}` })).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it("an internal input that changed is no change; equal inputs are none either", () => {
    for (const key of definition.inputKeys.filter((k) => definition.fields[k] === "internal"))
      expect(definition.diff(base, { ...base, [key]: `new ${key}` }).changes).toBe(false);
    expect(definition.diff(base, { ...base }).changes).toBe(false);
  });

  it("an input that appears or goes away is a change of its class", () => {
    const [replacing] = definition.replacingKeys;
    const { [replacing]: _gone, ...without } = base;
    expect(definition.diff(base, without).replaces).toEqual([replacing]);
    expect(definition.diff(without, base).replaces).toEqual([replacing]);
  });

  it("names its secret and planned outputs among its outputs, and its dynamic module is made from it", () => {
    for (const key of [...definition.secretOutputs, ...definition.plannedOutputs])
      expect(definition.outputKeys).toContain(key);
    const dynamic = DYNAMIC_MODULES.get(definition.name)!;
    expect(dynamic.typeName).toBe(definition.name);
    expect(dynamic.outputKeys).toEqual(definition.outputKeys);
    expect(dynamic.secretOutputs).toEqual(definition.secretOutputs);
    expect(dynamic.identityOf?.("shop", "dev", "nightly")).toBe(
      definition.takesIdentity ? "shop/dev/nightly" : undefined,
    );
  });
});

describe("resource hooks on top of the field classes", () => {
  const [backup, policy] = RESOURCE_DEFINITIONS;

  it("Backup: a backup that failed at the vendor is replaced, inputs unchanged", () => {
    const olds = { target: { vendor: "vpsorg", serverId: "1" }, status: "failed" };
    expect(backup.diff(olds, { target: olds.target }).replaces).toEqual(["status"]);
    expect(backup.diff({ ...olds, status: "completed" }, { target: olds.target }).changes).toBe(false);
  });

  it("BackupPolicy: work check planned for the new inputs is an in-place change", () => {
    const olds = { target: { vendor: "vpsorg", serverId: "1" } };
    expect(policy.diff(olds, { ...olds, plannedPrunes: ["501: beyond keepLast 1"] })).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    expect(policy.diff(olds, { ...olds, plannedPrunes: [] }).changes).toBe(false);
  });
});

test("one dynamic module per resource of the registry", () => {
  expect([...DYNAMIC_MODULES.keys()].sort()).toEqual(RESOURCE_DEFINITIONS.map((d) => d.name).sort());
});

test("the plugin serves exactly the registry's resources, and Backup's import ids cover every vendor", () => {
  expect(PLUGIN_RESOURCES.map((r) => r.definition)).toEqual(RESOURCE_DEFINITIONS);
  expect(PLUGIN_RESOURCES.map((r) => r.token)).toEqual(
    RESOURCE_DEFINITIONS.map((d) => `hostingbackups:index:${d.name}`),
  );
  const backup = RESOURCE_DEFINITIONS.find((d) => d.name === "Backup")!;
  expect(backup.import).toEqual({
    idFormat:
      "`kinsta/<environmentId>/<backupId>`, `wpengine/<installId>/<backupId>`, `vpsorg/<serverId>/<backupId>`, `northflank/<projectId>/<addonId>/<backupId>`",
  });
});
