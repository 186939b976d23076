/**
 * Generates the plugin's Pulumi package schema (provider/plugin/schema.json) from the one
 * description of each resource, provider/resources/<r>/schema.ts: its zod input and output
 * schemas, whose property JSDoc becomes each property's description. The types are read
 * with the TypeScript compiler API (`checker.getPropertiesOfType` → `getDocumentationComment`);
 * the names of nested types are the SDK's exported names (sdk/*.ts) where it names them; the
 * resource descriptions are the SDK classes' TSDoc; secrets come from the plugin's own lists
 * (secret outputs, credential config keys). `npm run schema` writes it;
 * test/unit/plugin.test.ts fails when the checked-in file differs from a fresh generation.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { CONFIG_VARIABLES, PLUGIN_NAMESPACE } from "../../provider/plugin/config";
import { PLUGIN_FUNCTIONS, type PluginFunction } from "../../provider/plugin/functions";
import { INTERNAL_INPUT_KEYS, PLUGIN_RESOURCES } from "../../provider/plugin/resources";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/** Where `pulumi plugin install` fetches the per-platform tarballs a release publishes. */
export const PLUGIN_DOWNLOAD_URL = "github://api.github.com/hosting-backups/pulumi-hosting-backups";

/** Per resource: its schema module and type names, and the SDK class whose TSDoc describes it. */
const SOURCES: Record<string, { schema: string; inputs: string; outputs: string; sdk: string }> = {
  Backup: {
    schema: "provider/resources/backup/schema.ts",
    inputs: "BackupDeclaredInputs",
    outputs: "BackupOutputs",
    sdk: "sdk/backup.ts",
  },
  BackupPolicy: {
    schema: "provider/resources/policy/schema.ts",
    inputs: "PolicyDeclaredInputs",
    outputs: "PolicyOutputs",
    sdk: "sdk/backup-policy.ts",
  },
  RestoreOperation: {
    schema: "provider/resources/restore/schema.ts",
    inputs: "RestoreDeclaredInputs",
    outputs: "RestoreOutputs",
    sdk: "sdk/restore-operation.ts",
  },
};

/** Per function: its argument and result types (provider/functions/schema.ts); the SDK function's TSDoc describes it. */
const FUNCTION_SCHEMA = "provider/functions/schema.ts";
const FUNCTION_SOURCES: Record<PluginFunction["name"], { args: string; result: string; sdk: string }> = {
  getBackups: { args: "GetBackupsArgsInput", result: "GetBackupsResult", sdk: "sdk/functions.ts" },
  getLatestBackup: { args: "GetLatestBackupArgsInput", result: "GetLatestBackupResult", sdk: "sdk/functions.ts" },
};

const typeToken = (name: string) => `${PLUGIN_NAMESPACE}:index:${name}`;
const ref = (name: string) => ({ $ref: `#/types/${typeToken(name)}` });

export function generateSchema(repoRoot: string, version: string): Json {
  const files = [
    path.join(repoRoot, "sdk/index.ts"),
    ...Object.values(SOURCES).map((c) => path.join(repoRoot, c.schema)),
    path.join(repoRoot, FUNCTION_SCHEMA),
  ];
  const program = ts.createProgram(files, {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const types: Json = {};
  const exportsOf = (file: string) =>
    checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(path.join(repoRoot, file))!)!);

  /** The SDK's names for nested object types (`BackupPolicyRetention`, `KinstaTarget`…), by type. */
  const sdkNames = new Map<ts.Type, string>();
  for (const symbol of exportsOf("sdk/index.ts")) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    if (!(target.flags & ts.SymbolFlags.TypeAlias)) continue;
    const type = checker.getDeclaredTypeOfSymbol(target);
    if (type.flags & ts.TypeFlags.Object) sdkNames.set(type, symbol.getName());
  }
  const named = new Map<ts.Type, string>();

  const docOf = (symbol: ts.Symbol): string => {
    const text = ts.displayPartsToString(symbol.getDocumentationComment(checker));
    const tags = symbol
      .getJsDocTags(checker)
      .filter((tag) => tag.name === "default" || tag.name === "example")
      .map((tag) => `${tag.name === "default" ? "Default" : "Example"}: ${ts.displayPartsToString(tag.text)}`);
    return [text, ...tags].filter(Boolean).join("\n\n").trim();
  };

  /**
   * A class's own TSDoc, like `docOf`; not its symbol's, which also carries the doc of the
   * interface merged with it (the SDK's output properties).
   */
  const classDocOf = (declaration: ts.ClassDeclaration): string =>
    ts
      .getJSDocCommentsAndTags(declaration)
      .filter(ts.isJSDoc)
      .map((doc) => {
        const tags = (doc.tags ?? [])
          .filter((tag) => tag.tagName.text === "default" || tag.tagName.text === "example")
          .map(
            (tag) =>
              `${tag.tagName.text === "default" ? "Default" : "Example"}: ${ts.getTextOfJSDocComment(tag.comment) ?? ""}`,
          );
        return [ts.getTextOfJSDocComment(doc.comment) ?? "", ...tags].filter(Boolean).join("\n\n");
      })
      .join("\n\n")
      .trim();

  /** `T | undefined` → the `T` parts. */
  const plainParts = (type: ts.Type): ts.Type[] =>
    (type.isUnion() ? type.types : [type]).filter(
      (part) => !(part.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)),
    );

  const isOptional = (symbol: ts.Symbol, type: ts.Type) =>
    (symbol.flags & ts.SymbolFlags.Optional) !== 0 ||
    (type.isUnion() && type.types.some((t) => t.flags & ts.TypeFlags.Undefined));

  const capitalize = (key: string) => `${key.charAt(0).toUpperCase()}${key.slice(1)}`;

  const schemaOf = (type: ts.Type, nameHint: string): Json => {
    let parts = plainParts(type);
    if (parts.length === 0) return { $ref: "pulumi.json#/Any" };
    if (parts.every((p) => p.flags & ts.TypeFlags.BooleanLiteral)) return { type: "boolean" };
    if (parts.every((p) => p.isStringLiteral())) return { type: "string" };
    if (parts.some((p) => p.flags & ts.TypeFlags.BooleanLiteral)) {
      parts = [checker.getBooleanType(), ...parts.filter((p) => !(p.flags & ts.TypeFlags.BooleanLiteral))];
    }
    if (parts.length > 1) {
      const vendors = parts.map((p) => p.getProperty("vendor"));
      if (vendors.every(Boolean)) {
        // A discriminated union (the targets): one named type per vendor, told apart by `vendor`.
        const mapping: Record<string, string> = {};
        const oneOf = parts.map((p, i) => {
          const literal = checker.getTypeOfSymbol(vendors[i]!) as ts.StringLiteralType;
          const name = objectType(p, `${capitalize(literal.value)}Target`, { vendor: literal.value });
          mapping[literal.value] = ref(name).$ref;
          return ref(name);
        });
        return { oneOf, discriminator: { propertyName: "vendor", mapping } };
      }
      return { oneOf: parts.map((p) => schemaOf(p, nameHint)) };
    }
    const only = parts[0];
    if (only.flags & ts.TypeFlags.String) return { type: "string" };
    if (only.flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) return { type: "number" };
    if (only.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return { type: "boolean" };
    if (only.isStringLiteral()) return { type: "string" };
    if (only.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any)) return { $ref: "pulumi.json#/Any" };
    if (checker.isArrayType(only) || checker.isTupleType(only)) {
      return { type: "array", items: schemaOf(checker.getTypeArguments(only as ts.TypeReference)[0], nameHint) };
    }
    if (only.flags & ts.TypeFlags.Object) {
      if (checker.getPropertiesOfType(only).length === 0) return { $ref: "pulumi.json#/Any" };
      return ref(objectType(only, nameHint));
    }
    throw new Error(`schema generation: no schema type for ${checker.typeToString(only)} (${nameHint})`);
  };

  /** Registers an object type under the SDK's name for it (else `hint`) and returns the name. */
  function objectType(type: ts.Type, hint: string, consts: Record<string, string> = {}): string {
    const known = named.get(type);
    if (known) return known;
    let name = sdkNames.get(type) ?? hint;
    for (let n = 2; types[typeToken(name)]; n++) name = `${sdkNames.get(type) ?? hint}${n}`;
    named.set(type, name);
    types[typeToken(name)] = {}; // reserved first: recursion-safe
    const properties: Json = {};
    const required: string[] = [];
    for (const member of checker.getPropertiesOfType(type)) {
      const memberType = checker.getTypeOfSymbol(member);
      const key = member.getName();
      properties[key] = {
        ...schemaOf(memberType, `${name}${capitalize(key)}`),
        ...(consts[key] !== undefined ? { const: consts[key] } : {}),
        description: docOf(member),
      };
      if (!isOptional(member, memberType)) required.push(key);
    }
    types[typeToken(name)] = { type: "object", properties, required };
    return name;
  }

  /** The properties of an exported type of a schema module, as schema properties. */
  function propertiesOf(file: string, typeName: string, resource: string, skip: readonly string[] = []) {
    const symbol = exportsOf(file).find((s) => s.getName() === typeName);
    if (!symbol) throw new Error(`schema generation: ${file} exports no ${typeName}`);
    const properties: Json = {};
    const required: string[] = [];
    for (const member of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol))) {
      const key = member.getName();
      if (skip.includes(key)) continue;
      const memberType = checker.getTypeOfSymbol(member);
      properties[key] = { ...schemaOf(memberType, `${resource}${capitalize(key)}`), description: docOf(member) };
      if (!isOptional(member, memberType)) required.push(key);
    }
    return { properties, required };
  }

  const resources: Json = {};
  for (const resource of PLUGIN_RESOURCES) {
    const source = SOURCES[resource.name];
    const inputs = propertiesOf(source.schema, source.inputs, resource.name, INTERNAL_INPUT_KEYS);
    const declaredInputs = Object.keys(inputs.properties).sort();
    const zodInputs = [...resource.inputKeys].sort();
    if (declaredInputs.join() !== zodInputs.join()) {
      throw new Error(
        `${resource.name}: ${source.inputs} (${declaredInputs.join(", ")}) and the keys the plugin diffs (${zodInputs.join(", ")}) differ`,
      );
    }
    // Outputs: the inputs as stored, and the resource's own outputs.
    const outputs = propertiesOf(source.schema, source.outputs, resource.name);
    for (const key of resource.secretOutputs) outputs.properties[key].secret = true;
    const classSymbol = exportsOf(source.sdk).find((s) => s.getName() === resource.name)!;
    const classDeclaration = classSymbol.declarations!.find(ts.isClassDeclaration)!;
    const importNote = resource.importId
      ? `\n\nImport with \`pulumi import ${resource.token} <name> <id>\`, the id being ${resource.importId}.`
      : "";
    resources[resource.token] = {
      description: `${classDocOf(classDeclaration)}${importNote}`,
      inputProperties: inputs.properties,
      requiredInputs: inputs.required,
      properties: { ...inputs.properties, ...outputs.properties },
      required: [...new Set([...inputs.required, ...outputs.required])],
    };
  }

  const functions: Json = {};
  for (const fn of PLUGIN_FUNCTIONS) {
    const source = FUNCTION_SOURCES[fn.name];
    const hint = capitalize(fn.name);
    const inputs = propertiesOf(FUNCTION_SCHEMA, source.args, hint);
    const outputs = propertiesOf(FUNCTION_SCHEMA, source.result, `${hint}Result`);
    const sdkFunction = exportsOf(source.sdk).find((s) => s.getName() === fn.name)!;
    functions[fn.token] = {
      description: docOf(sdkFunction),
      inputs: { type: "object", properties: inputs.properties, required: inputs.required },
      outputs: { type: "object", properties: outputs.properties, required: outputs.required },
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
    types: Object.fromEntries(Object.entries(types).sort(([a], [b]) => a.localeCompare(b))),
  };
}

/** The file as checked in (the version is package.json's): two-space JSON, final newline. */
export function schemaText(repoRoot: string): string {
  const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
  return `${JSON.stringify(generateSchema(repoRoot, version), null, 2)}\n`;
}
