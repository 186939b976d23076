/**
 * The plugin's Pulumi package schema (provider/plugin/schema.json), written from the one read
 * of the public surface (scripts/surface.ts: types, enums and descriptions from the SDK's types
 * and TSDoc) and the resource definitions (provider/resources/registry.ts: `default` for every
 * constant default of their zod schemas, `replaceOnChanges` for every replacing input, secret
 * outputs, import ids); the resource
 * descriptions are the SDK classes' TSDoc, the config the plugin's own table. `npm run schema`
 * writes it; test/unit/plugin.test.ts fails when the checked-in file differs from a fresh
 * generation, test/unit/schema-facts.test.ts when it disagrees with the definitions.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { CONFIG_VARIABLES, PLUGIN_NAMESPACE } from "../../provider/plugin/config";
import { PLUGIN_FUNCTIONS } from "../../provider/plugin/functions";
import { PLUGIN_RESOURCES } from "../../provider/plugin/resources";
import { constantDefault, objectSchemas } from "../../provider/resources/shared/definition";
import type { z } from "zod";
import { readSdkSurface, type DocumentedProperty, type Json } from "../surface";

/** Where `pulumi plugin install` fetches the per-platform tarballs a release publishes. */
export const PLUGIN_DOWNLOAD_URL = "github://api.github.com/hosting-backups/pulumi-hosting-backups";

const typeToken = (name: string) => `${PLUGIN_NAMESPACE}:index:${name}`;

/**
 * The constant defaults of the definitions' nested object schemas (a policy's `freshness`…),
 * by their sorted field names: how a named type of the schema finds its zod object. (Only
 * `.default(…)`s: an SDK that fills one sends what `check` would have filled anyway.)
 */
function nestedDefaults(): Map<string, Record<string, unknown>> {
  const byFields = new Map<string, Record<string, unknown>>();
  for (const { definition } of PLUGIN_RESOURCES) {
    for (const object of objectSchemas(definition.inputs)) {
      const fields = Object.keys(object.shape).sort().join();
      const defaults: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(object.shape)) {
        const constant = constantDefault(field as z.ZodType);
        if (constant) defaults[key] = constant.value;
      }
      const seen = byFields.get(fields);
      if (seen && JSON.stringify(seen) !== JSON.stringify(defaults))
        throw new Error(`two object schemas with the fields ${fields} have different defaults`);
      byFields.set(fields, defaults);
    }
  }
  return byFields;
}

export function generateSchema(repoRoot: string, version: string): Json {
  const surface = readSdkSurface(repoRoot);
  const resources: Json = {};
  for (const { token, definition } of PLUGIN_RESOURCES) {
    const read = surface.resources[definition.name];
    const declared = read.inputs.map((p) => p.name).sort();
    if (declared.join() !== [...definition.declaredKeys].sort().join()) {
      throw new Error(
        `${definition.name}: the SDK's arguments (${declared.join(", ")}) and the definition's declared inputs (${definition.declaredKeys.join(", ")}) differ`,
      );
    }
    const propertiesOf = (list: DocumentedProperty[], extra: (key: string) => Json) =>
      Object.fromEntries(list.map((p) => [p.name, { ...p.schema, ...extra(p.name) }]));
    const inputProperties = propertiesOf(read.inputs, (key) => {
      const constant = constantDefault(definition.inputs.shape[key] as z.ZodType);
      return {
        ...(constant ? { default: constant.value } : {}),
        ...(definition.replacingKeys.includes(key) ? { replaceOnChanges: true } : {}),
      };
    });
    const outputProperties = propertiesOf(read.outputs, (key) =>
      definition.secretOutputs.includes(key) ? { secret: true } : {},
    );
    const required = (list: DocumentedProperty[]) => list.filter((p) => !p.optional).map((p) => p.name);
    const rule = definition.import;
    const importNote =
      "idFormat" in rule
        ? `\n\nImport with \`pulumi import ${token} <name> <id>\`, the id being ${rule.idFormat}.`
        : "";
    resources[token] = {
      description: `${read.description}${importNote}`,
      inputProperties,
      requiredInputs: required(read.inputs),
      // Outputs: the inputs as stored (SDK generators read `replaceOnChanges` here), and the resource's own outputs.
      properties: { ...inputProperties, ...outputProperties },
      required: [...new Set([...required(read.inputs), ...required(read.outputs)])],
    };
  }

  // The functions, from the SDK's `<Name>Args`/`<Name>Result` types (provider/functions/schema.ts) and TSDoc.
  const functions: Json = {};
  for (const { token, name } of PLUGIN_FUNCTIONS) {
    const read = surface.functions[name];
    const objectOf = (list: DocumentedProperty[]) => ({
      type: "object",
      properties: Object.fromEntries(list.map((p) => [p.name, p.schema])),
      required: list.filter((p) => !p.optional).map((p) => p.name),
    });
    functions[token] = {
      description: read.description,
      inputs: objectOf(read.inputs),
      outputs: objectOf(read.outputs),
    };
  }

  const variables = Object.fromEntries(
    Object.entries(CONFIG_VARIABLES).map(([key, v]) => [
      key,
      {
        ...(v.type === "object" ? { $ref: "pulumi.json#/Any" } : { type: v.type }),
        description: v.description,
        ...(v.secret ? { secret: true } : {}),
      },
    ]),
  );
  const defaults = nestedDefaults();
  const types = Object.entries(surface.schemaTypes).map(([name, spec]) => {
    if (!spec.properties) return [typeToken(name), spec];
    const constants = defaults.get(Object.keys(spec.properties).sort().join()) ?? {};
    const properties = Object.fromEntries(
      Object.entries<Json>(spec.properties).map(([key, property]) => [
        key,
        key in constants ? { ...property, default: constants[key] } : property,
      ]),
    );
    return [typeToken(name), { ...spec, properties }];
  });
  return {
    name: PLUGIN_NAMESPACE,
    displayName: "Hosting Backups",
    version,
    description:
      "Hosting backups as code: backups, retention policies and restores for Kinsta, WP Engine, VPS.org and Northflank.",
    keywords: ["pulumi", "backups", "kinsta", "wpengine", "vpsorg", "northflank", "category/infrastructure"],
    license: "Apache-2.0",
    publisher: "pulumi-hosting-backups",
    pluginDownloadURL: PLUGIN_DOWNLOAD_URL,
    config: { variables },
    provider: { description: "The hosting-backups provider: credentials and API URLs.", inputProperties: variables },
    resources,
    functions,
    types: Object.fromEntries(types.sort(([a], [b]) => a.localeCompare(b))),
  };
}

/** The file as checked in (the version is package.json's): two-space JSON, final newline. */
export function schemaText(repoRoot: string): string {
  const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
  return `${JSON.stringify(generateSchema(repoRoot, version), null, 2)}\n`;
}
