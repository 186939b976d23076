/**
 * The public docs are written once, on the resource schemas' properties
 * (provider/resources/<resource>/schema.ts, the vendors' target and option schemas), and must
 * still show on the SDK's types, which are mapped from the schemas: what a program's editor
 * shows on hover, read through the TypeScript type checker by the same reader `npm run docs`
 * uses (scripts/docs.ts). Every public SDK property needs TSDoc: inputs and outputs of the
 * three resources, the target types, and every object type an input reaches, at any depth.
 */
import * as path from "node:path";
import { readSdkSurface, RESOURCES, type DocumentedProperty, type SdkSurface } from "../../scripts/docs";

/** Exported types whose every property a program sets or reads. */
const ARGS = ["BackupArgs", "BackupPolicyArgs", "RestoreOperationArgs", "NorthflankAdditionalDestination"];
const PARTS = ["BackupPolicyRetention", "BackupPolicyMatch", "BackupPolicySchedule", "BackupPolicyFreshness"];
const TARGETS = ["KinstaTarget", "WpEngineTarget", "VpsOrgTarget", "NorthflankTarget"];

jest.setTimeout(60_000);
const surface: SdkSurface = readSdkSurface(path.resolve(__dirname, "../.."));

/** The properties of an exported type: a resource's outputs, its `…Args` inputs, or a named part. */
function propertiesOf(name: string): DocumentedProperty[] | undefined {
  const resource = RESOURCES.find((r) => r === name || `${r}Args` === name);
  if (resource) return name === resource ? surface.resources[resource].outputs : surface.resources[resource].inputs;
  return surface.types[name];
}
const docOf = (type: string, property: string) => propertiesOf(type)?.find((p) => p.name === property)?.doc;

it.each([...ARGS, ...PARTS, ...TARGETS, ...RESOURCES])("every property of %s carries its schema's docs", (name) => {
  const properties = propertiesOf(name);
  expect(properties?.length).toBeGreaterThan(0);
  expect(properties!.filter((p) => p.doc === "").map((p) => p.name)).toEqual([]);
});

it("the docs are the schema's text, e.g. BackupArgs.timeout and Backup.backupId", () => {
  expect(docOf("BackupArgs", "timeout")).toContain("How long `pulumi up` waits for the backup");
  expect(docOf("Backup", "backupId")).toBe("The vendor's backup id.");
  expect(docOf("KinstaTarget", "environmentId")).toContain("The environment's UUID");
});

it("outputs are the resources' own properties, not Pulumi's", () => {
  for (const name of RESOURCES) expect(surface.resources[name].outputs.map((p) => p.name)).not.toContain("urn");
});

it("every public SDK property has TSDoc, nested object types included", () => {
  const undocumented = [
    ...RESOURCES.flatMap((name) => [
      ...surface.resources[name].inputs.filter((p) => !p.doc).map((p) => `${name}Args.${p.name}`),
      ...surface.resources[name].outputs.filter((p) => !p.doc).map((p) => `${name}.${p.name}`),
    ]),
    ...Object.entries(surface.types).flatMap(([type, props]) =>
      props.filter((p) => !p.doc).map((p) => `${type}.${p.name}`),
    ),
  ];
  expect(undocumented).toEqual([]);
});
