/**
 * Generates the plugin's Pulumi package schema (provider/plugin/schema.json) from the code
 * that already describes the resources, so nothing is written twice:
 * - shapes and descriptions from the TypeScript SDK's argument interfaces and declared outputs
 *   (sdk/*.ts), read with the TypeScript compiler API, TSDoc included;
 * - the property set checked against the zod input schemas (provider/resources/*\/inputs.ts,
 *   through PLUGIN_RESOURCES): a property one side has and the other lacks fails the generation;
 * - secrets from the plugin's own lists (secret outputs, credential config keys).
 * `npm run schema` writes it; test/unit/plugin-schema.test.ts fails when the checked-in file
 * differs from a fresh generation.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { CONFIG_VARIABLES, PLUGIN_NAMESPACE } from "../../provider/plugin/config";
import { INTERNAL_INPUT_KEYS, PLUGIN_RESOURCES } from "../../provider/plugin/resources";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/** Where `pulumi plugin install` fetches the per-platform tarballs a release publishes. */
export const PLUGIN_DOWNLOAD_URL = "github://api.github.com/hosting-backups/pulumi-hosting-backups";

const SDK_CLASSES: Record<string, { file: string; args: string }> = {
  Backup: { file: "sdk/backup.ts", args: "BackupArgs" },
  BackupPolicy: { file: "sdk/backup-policy.ts", args: "BackupPolicyArgs" },
  RestoreOperation: { file: "sdk/restore-operation.ts", args: "RestoreOperationArgs" },
};

const typeToken = (name: string) => `${PLUGIN_NAMESPACE}:index:${name}`;
const ref = (name: string) => ({ $ref: `#/types/${typeToken(name)}` });

export function generateSchema(repoRoot: string, version: string): Json {
  const program = ts.createProgram(
    Object.values(SDK_CLASSES).map((c) => path.join(repoRoot, c.file)),
    { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, skipLibCheck: true },
  );
  const checker = program.getTypeChecker();
  const types: Json = {};

  const docOf = (symbol: ts.Symbol): string => {
    const text = ts.displayPartsToString(symbol.getDocumentationComment(checker));
    const tags = symbol
      .getJsDocTags(checker)
      .filter((tag) => tag.name === "default" || tag.name === "example")
      .map((tag) => `${tag.name === "default" ? "Default" : "Example"}: ${ts.displayPartsToString(tag.text)}`);
    return [text, ...tags].filter(Boolean).join("\n\n").trim();
  };

  /** `pulumi.Input<T>` / `pulumi.Output<T>` / `T | undefined` → the `T` parts. */
  const plainParts = (type: ts.Type): ts.Type[] => {
    const parts = type.isUnion() ? type.types : [type];
    return parts.filter((part) => {
      if (part.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)) return false;
      const name = part.getSymbol()?.getName() ?? "";
      return !["Promise", "OutputInstance", "Output", "OutputConstructor"].includes(name);
    });
  };

  const isOptional = (symbol: ts.Symbol, type: ts.Type) =>
    (symbol.flags & ts.SymbolFlags.Optional) !== 0 ||
    (type.isUnion() && type.types.some((t) => t.flags & ts.TypeFlags.Undefined));

  /** The type of a declared output: the `T` of `pulumi.Output<T>`. */
  const outputTypeOf = (symbol: ts.Symbol, at: ts.Node): ts.Type => {
    const declared = checker.getTypeOfSymbolAtLocation(symbol, at);
    const args = checker.getTypeArguments(declared as ts.TypeReference);
    if (args?.length) return args[0];
    const alias = declared.aliasTypeArguments;
    return alias?.length ? alias[0] : declared;
  };

  const schemaOf = (type: ts.Type, nameHint: string): Json => {
    let parts = plainParts(type);
    // Each Input<T> inside an array or object unwraps the same way.
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
          const name = p.getSymbol()!.getName();
          objectType(p, name, { vendor: literal.value });
          mapping[literal.value] = ref(name).$ref;
          return ref(name);
        });
        return { oneOf, discriminator: { propertyName: "vendor", mapping } };
      }
      return { oneOf: parts.map((p, i) => schemaOf(p, `${nameHint}${i}`)) };
    }
    const only = parts[0];
    if (only.flags & ts.TypeFlags.String) return { type: "string" };
    if (only.flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) return { type: "number" };
    if (only.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return { type: "boolean" };
    if (only.isStringLiteral()) return { type: "string" };
    if (only.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any)) return { $ref: "pulumi.json#/Any" };
    if (checker.isArrayType(only)) {
      return { type: "array", items: schemaOf(checker.getTypeArguments(only as ts.TypeReference)[0], nameHint) };
    }
    if (only.flags & ts.TypeFlags.Object) {
      const symbolName = only.aliasSymbol?.getName() ?? only.getSymbol()?.getName();
      const name = symbolName && !symbolName.startsWith("__") ? symbolName : nameHint;
      objectType(only, name);
      return ref(name);
    }
    throw new Error(`schema generation: no schema type for ${checker.typeToString(only)} (${nameHint})`);
  };

  function objectType(type: ts.Type, name: string, consts: Record<string, string> = {}) {
    if (types[typeToken(name)]) return;
    types[typeToken(name)] = {}; // reserved first: recursion-safe
    const properties: Json = {};
    const required: string[] = [];
    for (const member of checker.getPropertiesOfType(type)) {
      const memberType = checker.getTypeOfSymbol(member);
      const key = member.getName();
      properties[key] = {
        ...schemaOf(memberType, `${name}${key.charAt(0).toUpperCase()}${key.slice(1)}`),
        ...(consts[key] !== undefined ? { const: consts[key] } : {}),
        description: docOf(member) || (consts[key] !== undefined ? `Always \`${consts[key]}\` for this type.` : ""),
      };
      if (!isOptional(member, memberType)) required.push(key);
    }
    const doc = type.getSymbol() ? docOf(type.aliasSymbol ?? type.getSymbol()!) : "";
    types[typeToken(name)] = { type: "object", description: doc, properties, required };
  }

  const resources: Json = {};
  for (const resource of PLUGIN_RESOURCES) {
    const { file, args } = SDK_CLASSES[resource.name];
    const source = program.getSourceFile(path.join(repoRoot, file))!;
    const moduleSymbol = checker.getSymbolAtLocation(source)!;
    const exports = checker.getExportsOfModule(moduleSymbol);
    const argsSymbol = exports.find((s) => s.getName() === args)!;
    const classSymbol = exports.find((s) => s.getName() === resource.name)!;
    const argsType = checker.getDeclaredTypeOfSymbol(argsSymbol);

    const inputProperties: Json = {};
    const requiredInputs: string[] = [];
    for (const member of checker.getPropertiesOfType(argsType)) {
      const key = member.getName();
      const memberType = checker.getTypeOfSymbol(member);
      inputProperties[key] = {
        ...schemaOf(memberType, `${resource.name}${key.charAt(0).toUpperCase()}${key.slice(1)}`),
        description: docOf(member),
      };
      if (!isOptional(member, memberType)) requiredInputs.push(key);
    }
    const declaredInputs = Object.keys(inputProperties).sort();
    const zodInputs = resource.inputKeys.filter((k) => !(INTERNAL_INPUT_KEYS as readonly string[]).includes(k)).sort();
    if (declaredInputs.join() !== zodInputs.join()) {
      throw new Error(
        `${resource.name}: the SDK's ${args} (${declaredInputs.join(", ")}) and the zod input schema (${zodInputs.join(", ")}) list different properties`,
      );
    }

    // Outputs: the inputs (as stored) and every `declare readonly x: pulumi.Output<T>` of the class.
    const properties: Json = { ...inputProperties };
    const required = [...requiredInputs];
    const declaration = classSymbol.valueDeclaration as ts.ClassDeclaration;
    for (const member of declaration.members) {
      if (!ts.isPropertyDeclaration(member) || !member.name || !ts.isIdentifier(member.name)) continue;
      const symbol = checker.getSymbolAtLocation(member.name)!;
      const key = symbol.getName();
      const outputType = outputTypeOf(symbol, member);
      properties[key] = {
        ...schemaOf(outputType, `${resource.name}${key.charAt(0).toUpperCase()}${key.slice(1)}`),
        description: docOf(symbol),
        ...(resource.secretOutputs.includes(key) ? { secret: true } : {}),
      };
      if (!(outputType.isUnion() && outputType.types.some((t) => t.flags & ts.TypeFlags.Undefined))) required.push(key);
    }
    const importNote = resource.importId
      ? `\n\nImport with \`pulumi import ${resource.token} <name> <id>\`, the id being ${resource.importId}.`
      : "";
    resources[resource.token] = {
      description: `${docOf(classSymbol)}${importNote}`,
      inputProperties,
      requiredInputs,
      properties,
      required: [...new Set(required)],
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
    types: Object.fromEntries(Object.entries(types).sort(([a], [b]) => a.localeCompare(b))),
  };
}

/** The file as checked in (the version is package.json's): two-space JSON, final newline. */
export function schemaText(repoRoot: string): string {
  const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
  return `${JSON.stringify(generateSchema(repoRoot, version), null, 2)}\n`;
}
