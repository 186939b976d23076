/**
 * The plugin's schema (provider/plugin/schema.json, as checked in) says what the resource
 * definitions say: `replaceOnChanges` exactly on the replacing inputs, an enum for every
 * closed set (zod enum) and for nothing else, a `default` for every constant default (zod
 * `.default(…)`) and no other, the secret outputs secret; and every optional input, at any
 * depth, documents with `@default` what happens when it is unset.
 */
import {
  getBackupsArgsSchema,
  getBackupsResultSchema,
  getLatestBackupArgsSchema,
} from "../../provider/functions/schema";
import * as fs from "node:fs";
import * as path from "node:path";
import type { z } from "zod";
import { RESOURCE_DEFINITIONS } from "../../provider/resources/registry";
import { closedSet, constantDefault, objectSchemas } from "../../provider/resources/shared/definition";
import { readSdkSurface, type Json } from "../../scripts/surface";

jest.setTimeout(120_000);

const repo = path.resolve(__dirname, "../..");
const schema = JSON.parse(fs.readFileSync(path.join(repo, "provider/plugin/schema.json"), "utf8")) as Json;
const token = (name: string) => `hostingbackups:index:${name}`;

/** The values of the enum a property refers to, or undefined when it is no enum. */
function enumValues(property: Json): string[] | undefined {
  const spec = property.items ?? property;
  if (!spec.$ref?.startsWith("#/types/")) return undefined;
  const type = schema.types[spec.$ref.slice("#/types/".length)];
  return type?.enum?.map((member: { value: string }) => member.value);
}

/** What the schema says of one property, next to what its zod field says. */
function facts(property: Json, field: z.ZodType) {
  const sorted = (values?: readonly string[]) => (values ? [...values].sort() : undefined);
  return {
    schema: { enum: sorted(enumValues(property)), default: property.default },
    definition: { enum: sorted(closedSet(unwrapArray(field))), default: constantDefault(field)?.value },
  };
}
/** A list's items carry the closed set (`string[]` of an enum). */
function unwrapArray(field: z.ZodType): z.ZodType {
  const inner = (field as { unwrap?: () => z.ZodType }).unwrap?.() ?? field;
  return (inner as { element?: z.ZodType }).element ?? field;
}

describe.each(RESOURCE_DEFINITIONS.map((d) => [d.name, d] as const))("%s in the schema", (name, definition) => {
  const resource = schema.resources[token(name)];

  it("declares the definition's inputs, replaceOnChanges exactly on the replacing ones", () => {
    expect(Object.keys(resource.inputProperties).sort()).toEqual([...definition.declaredKeys].sort());
    // Inputs for the engine; properties for the SDK generators, which read it there.
    for (const properties of [resource.inputProperties, resource.properties]) {
      const replacing = Object.keys(properties).filter((key) => properties[key].replaceOnChanges);
      expect(replacing.sort()).toEqual([...definition.replacingKeys].sort());
    }
  });

  it("has an enum for each closed set and a default for each constant default of the inputs, and no others", () => {
    for (const key of definition.declaredKeys) {
      const { schema: said, definition: defined } = facts(
        resource.inputProperties[key],
        definition.inputs.shape[key] as z.ZodType,
      );
      expect({ key, ...said }).toEqual({ key, ...defined });
    }
  });

  it("has an enum for each closed set of the outputs, and marks the secret outputs secret", () => {
    for (const key of definition.outputKeys) {
      const property = resource.properties[key];
      expect({ key, enum: facts(property, definition.outputs.shape[key] as z.ZodType).schema.enum }).toEqual({
        key,
        enum: facts(property, definition.outputs.shape[key] as z.ZodType).definition.enum,
      });
      expect({ key, secret: property.secret === true }).toEqual({
        key,
        secret: definition.secretOutputs.includes(key),
      });
    }
  });
});

test("every named object type of the schema says what its zod object says (enums, defaults)", () => {
  const objects = [
    ...RESOURCE_DEFINITIONS.flatMap((d) => [...objectSchemas(d.inputs), ...objectSchemas(d.outputs)]),
    // The functions' argument and result types (provider/functions/schema.ts).
    ...[getBackupsArgsSchema, getLatestBackupArgsSchema, getBackupsResultSchema].flatMap((s) => objectSchemas(s)),
  ];
  const checked: string[] = [];
  for (const [name, type] of Object.entries<Json>(schema.types)) {
    if (!type.properties) continue;
    const fields = Object.keys(type.properties).sort().join();
    const object = objects.find((o) => Object.keys(o.shape).sort().join() === fields);
    expect({ name, found: object !== undefined }).toEqual({ name, found: true });
    for (const [key, property] of Object.entries<Json>(type.properties)) {
      const { schema: said, definition: defined } = facts(property, object!.shape[key] as z.ZodType);
      expect({ type: name, key, ...said }).toEqual({ type: name, key, ...defined });
    }
    checked.push(name);
  }
  // The targets, the policy's parts, the Northflank destination, the restore selector and its match.
  expect(checked.length).toBeGreaterThanOrEqual(10);
});

test("the schema has enums and defaults at all (a generator that lost them would pass the comparisons above vacuously)", () => {
  const enums = Object.values<Json>(schema.types).filter((t) => t.enum);
  expect(enums.length).toBeGreaterThanOrEqual(6);
  expect(schema.resources[token("Backup")].inputProperties.timeout.default).toBe("60m");
  expect(enumValues(schema.resources[token("Backup")].inputProperties.deletionPolicy)?.sort()).toEqual([
    "delete",
    "retain",
  ]);
});

test("every optional input, at any depth, documents with @default what happens when it is unset", () => {
  const surface = readSdkSurface(repo);
  const missing = [
    ...Object.entries(surface.resources).flatMap(([name, r]) =>
      r.inputs.filter((p) => p.optional && !p.tags.default).map((p) => `${name}Args.${p.name}`),
    ),
    ...Object.entries(surface.types).flatMap(([name, props]) =>
      props.filter((p) => p.optional && !p.tags.default).map((p) => `${name}.${p.name}`),
    ),
  ];
  expect(missing).toEqual([]);
  // A constant default is written once, in zod, and the docs say the same value.
  for (const definition of RESOURCE_DEFINITIONS) {
    for (const key of definition.declaredKeys) {
      const constant = constantDefault(definition.inputs.shape[key] as z.ZodType);
      const tag = surface.resources[definition.name].inputs.find((p) => p.name === key)?.tags.default;
      if (constant) expect({ key, tag }).toEqual({ key, tag: JSON.stringify(constant.value) });
    }
  }
});
