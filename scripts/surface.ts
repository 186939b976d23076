/**
 * The public surface, read once: one pass of the TypeScript compiler (the repository's
 * tsconfig.json) over the SDK's exported types (sdk/index.ts), which the resource
 * definitions (provider/resources/<r>/definition.ts) type. Each property comes out with its
 * TSDoc, its type as the docs print it and as the plugin's schema types it (an enum for each
 * closed set of strings), and every object type it reaches with a name for each of the two. Two writers use it: scripts/docs.ts (the tables in docs/)
 * and scripts/plugin/schema.ts (provider/plugin/schema.json).
 */
import * as path from "node:path";
import ts from "typescript";
import { PLUGIN_FUNCTIONS } from "../provider/plugin/functions";
import { RESOURCE_DEFINITIONS } from "../provider/resources/registry";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

/** One property of a public SDK type, as its TSDoc documents it. */
export interface DocumentedProperty {
  name: string;
  optional: boolean;
  /** The type as the checker prints it, `pulumi.Input<…>`/`Output<…>` unwrapped. */
  type: string;
  /** The TSDoc text, without tags; empty when there is none. */
  doc: string;
  /** `@default` and other tags, by name. */
  tags: Record<string, string>;
  /** The property in the plugin's schema: its type (`type`, `$ref`, `oneOf`…) and description. */
  schema: Json;
}

/** The public SDK surface the docs, the schema and the TSDoc checks read. */
export interface SdkSurface {
  resources: Record<string, { inputs: DocumentedProperty[]; outputs: DocumentedProperty[]; description: string }>;
  /** The functions (`getBackups`…): their `<Name>Args` and `<Name>Result` types and their TSDoc. */
  functions: Record<string, { inputs: DocumentedProperty[]; outputs: DocumentedProperty[]; description: string }>;
  /** Each target type (`KinstaTarget`…) and the object types the inputs use (`BackupPolicyRetention`…), by the docs' names. */
  types: Record<string, DocumentedProperty[]>;
  /** The schema's named types (objects and enums), by name (the token's last part). */
  schemaTypes: Record<string, Json>;
}

/** The resources, in the registry's order. */
export const RESOURCES: readonly string[] = RESOURCE_DEFINITIONS.map((d) => d.name);
/** The functions, as the plugin serves them; the SDK exports each with its `<Name>Args` and `<Name>Result`. */
export const FUNCTIONS: readonly string[] = PLUGIN_FUNCTIONS.map((f) => f.name);

export const PLUGIN_TYPE_PREFIX = "hostingbackups:index:";
const ref = (name: string) => ({ $ref: `#/types/${PLUGIN_TYPE_PREFIX}${name}` });
const capitalize = (key: string) => `${key.charAt(0).toUpperCase()}${key.slice(1)}`;

/** The schema's description of a property: its TSDoc text, then its `@default` and `@example`. */
function schemaDescription(doc: string, tags: Record<string, string>): string {
  const extra = Object.entries(tags)
    .filter(([tag]) => tag === "default" || tag === "example")
    .map(([tag, text]) => `${tag === "default" ? "Default" : "Example"}: ${text}`);
  return [doc, ...extra].filter(Boolean).join("\n\n").trim();
}

/** Reads the SDK's exported types (sdk/index.ts) with the repository's compiler options. */
export function readSdkSurface(repo: string): SdkSurface {
  const configFile = ts.readConfigFile(path.join(repo, "tsconfig.json"), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(configFile.config, ts.sys, repo);
  const entry = path.join(repo, "sdk/index.ts");
  const program = ts.createProgram([entry], { ...options, noEmit: true });
  const checker = program.getTypeChecker();
  const anchor = program.getSourceFile(entry)!;
  const moduleSymbol = checker.getSymbolAtLocation(anchor)!;
  const exported = new Map(checker.getExportsOfModule(moduleSymbol).map((s) => [s.name, s]));
  const resolved = (symbol: ts.Symbol) =>
    symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const declaredType = (name: string): ts.Type => {
    const symbol = exported.get(name);
    if (!symbol) throw new Error(`sdk/index.ts exports no ${name}`);
    return checker.getDeclaredTypeOfSymbol(resolved(symbol));
  };
  const propertyType = (property: ts.Symbol) => checker.getTypeOfSymbolAtLocation(property, anchor);
  // Library types (not anonymous ones, which types inferred from zod schemas are) are not the SDK's.
  const fromLibrary = (symbol: ts.Symbol) =>
    !symbol.name.startsWith("__") &&
    (symbol.declarations ?? []).every((d) => d.getSourceFile().fileName.includes("node_modules"));
  const isWrapper = (type: ts.Type) => {
    const symbol = type.aliasSymbol ?? type.getSymbol();
    return !!symbol && ["Promise", "OutputInstance", "Output"].includes(symbol.name) && fromLibrary(symbol);
  };
  const typeArgument = (type: ts.Type) =>
    (type.aliasTypeArguments ?? checker.getTypeArguments(type as ts.TypeReference))[0];
  /** What a property holds, Pulumi's wrappers removed: `Input<T>`'s and `Output<T>`'s `T`, as union members. */
  const plainMembers = (type: ts.Type, keepUndefined = false): ts.Type[] => {
    if (type.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any)) return [type];
    if (!keepUndefined) type = checker.getNonNullableType(type);
    if (type.isIntersection()) {
      const wrapper = type.types.find(isWrapper);
      if (wrapper) return plainMembers(typeArgument(wrapper), keepUndefined);
    }
    if (type.isUnion()) {
      const arms = type.types.filter((t) => !isWrapper(t));
      const members = (arms.length > 0 ? arms : type.types.map(typeArgument)).flatMap((t) =>
        plainMembers(t, keepUndefined),
      );
      return members.filter((t, i) => members.indexOf(t) === i);
    }
    return isWrapper(type) ? plainMembers(typeArgument(type), keepUndefined) : [type];
  };
  const isRecord = (type: ts.Type) =>
    (type.flags & ts.TypeFlags.Object) !== 0 &&
    !checker.isArrayType(type) &&
    !checker.isTupleType(type) &&
    checker.getPropertiesOfType(type).length > 0 &&
    !fromLibrary((type.aliasSymbol ?? type.getSymbol())!);

  // Every object type an input reaches gets a name: the SDK's exported name for it, else (docs)
  // the path of the input it was reached through, anonymous union members by their vendor, or
  // (schema) the owner's name and the property's.
  const names = new Map<ts.Type, string>();
  const schemaNames = new Map<ts.Type, string>();
  for (const [name, symbol] of exported) {
    const target = resolved(symbol);
    if (!(target.flags & (ts.SymbolFlags.TypeAlias | ts.SymbolFlags.Interface))) continue;
    const type = declaredType(name);
    if (isRecord(type) && !names.has(type) && !RESOURCES.includes(name) && !name.endsWith("Args")) {
      names.set(type, name);
      schemaNames.set(type, name);
    }
  }
  // A resource an input takes (a `BackupGate`'s `backups`) is shown by its name; its own page documents it.
  const resourceTypes = new Map<ts.Type, string>(RESOURCES.map((name) => [declaredType(name), name]));
  const visited = new Set<ts.Type>();
  const visit = (type: ts.Type, pathName: string, schemaHint: string): void => {
    const members = plainMembers(type);
    for (const member of members) {
      if (checker.isArrayType(member) || checker.isTupleType(member)) {
        checker.getTypeArguments(member as ts.TypeReference).forEach((item) => visit(item, pathName, schemaHint));
        continue;
      }
      if (!isRecord(member) || resourceTypes.has(member)) continue;
      const known = names.has(member);
      if (!known) {
        const vendor = member.getProperty("vendor");
        const tagged = members.filter(isRecord).length > 1 && vendor;
        const literal = tagged ? checker.typeToString(propertyType(vendor)).replace(/"/g, "") : "";
        names.set(member, tagged ? `${pathName} (${literal})` : pathName);
        schemaNames.set(member, tagged ? `${capitalize(literal)}Target` : schemaHint);
      }
      if (known && visited.has(member)) continue;
      visited.add(member);
      for (const property of checker.getPropertiesOfType(member))
        visit(
          propertyType(property),
          `${names.get(member)}.${property.name}`,
          `${schemaNames.get(member)}${capitalize(property.name)}`,
        );
    }
  };
  for (const name of RESOURCES)
    for (const property of checker.getPropertiesOfType(declaredType(`${name}Args`)))
      visit(propertyType(property), `${name}Args.${property.name}`, `${name}${capitalize(property.name)}`);
  // The functions' arguments are inputs too (their results' types are named by the SDK's exports).
  for (const name of FUNCTIONS.map(capitalize))
    for (const property of checker.getPropertiesOfType(declaredType(`${name}Args`)))
      visit(propertyType(property), `${name}Args.${property.name}`, `${name}Args${capitalize(property.name)}`);

  const print = (type: ts.Type): string => {
    const members = plainMembers(type);
    const literals = new Set(members.map((m) => checker.typeToString(m)));
    const parts: string[] = [];
    for (const member of members) {
      const text = checker.typeToString(member);
      if (literals.has("true") && literals.has("false") && (text === "true" || text === "false")) {
        if (!parts.includes("boolean")) parts.push("boolean");
      } else if (checker.isArrayType(member)) {
        const item = print(checker.getTypeArguments(member as ts.TypeReference)[0]);
        parts.push(item.includes(" | ") ? `(${item})[]` : `${item}[]`);
      } else parts.push(names.get(member) ?? resourceTypes.get(member) ?? text);
    }
    return parts.join(" | ");
  };

  // The schema's types: each object type reached, and an enum per closed set of strings
  // (one per set of values, named after the first property that has it).
  const schemaTypes: Record<string, Json> = {};
  const enums = new Map<string, string>();
  const enumOf = (values: string[], owner: string, key: string): Json => {
    const id = [...values].sort().join("\n");
    let name = enums.get(id);
    if (!name) {
      // `Backup` + `backupType` → `BackupType`, `Backup` + `status` → `BackupStatus`.
      const base = capitalize(key).startsWith(owner) ? capitalize(key) : `${owner}${capitalize(key)}`;
      name = base;
      for (let n = 2; schemaTypes[name]; n++) name = `${base}${n}`;
      enums.set(id, name);
      schemaTypes[name] = {
        type: "string",
        description: `The values of \`${owner}.${key}\`.`,
        enum: values.map((value) => ({ value })),
      };
    }
    return ref(name);
  };
  const schemaOf = (type: ts.Type, owner: string, key: string): Json => {
    // Other languages name a resource an input takes by its outputs (the entry type beside it).
    let parts = plainMembers(type).filter((p) => !resourceTypes.has(p));
    if (parts.length === 0) return { $ref: "pulumi.json#/Any" };
    if (parts.every((p) => p.flags & ts.TypeFlags.BooleanLiteral)) return { type: "boolean" };
    if (parts.every((p) => p.isStringLiteral())) {
      const values = parts.map((p) => (p as ts.StringLiteralType).value);
      return values.length > 1 ? enumOf(values, owner, key) : { type: "string" };
    }
    if (parts.some((p) => p.flags & ts.TypeFlags.BooleanLiteral)) {
      parts = [checker.getBooleanType(), ...parts.filter((p) => !(p.flags & ts.TypeFlags.BooleanLiteral))];
    }
    if (parts.length > 1) {
      const records = parts.filter(isRecord);
      if (records.length === parts.length && parts.every((p) => p.getProperty("vendor"))) {
        // A discriminated union (the targets): one named type per vendor, told apart by `vendor`.
        const mapping: Record<string, string> = {};
        const oneOf = parts.map((p) => {
          const literal = checker.getTypeOfSymbol(p.getProperty("vendor")!) as ts.StringLiteralType;
          mapping[literal.value] = ref(objectType(p)).$ref;
          return ref(objectType(p));
        });
        return { oneOf, discriminator: { propertyName: "vendor", mapping } };
      }
      return { oneOf: parts.map((p) => schemaOf(p, owner, key)) };
    }
    const only = parts[0];
    if (only.flags & ts.TypeFlags.String) return { type: "string" };
    if (only.flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) return { type: "number" };
    if (only.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return { type: "boolean" };
    if (only.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any)) return { $ref: "pulumi.json#/Any" };
    if (checker.isArrayType(only) || checker.isTupleType(only)) {
      return { type: "array", items: schemaOf(checker.getTypeArguments(only as ts.TypeReference)[0], owner, key) };
    }
    if (isRecord(only)) return ref(objectType(only));
    if (only.flags & ts.TypeFlags.Object) return { $ref: "pulumi.json#/Any" };
    throw new Error(`surface: no schema type for ${checker.typeToString(only)} (${owner}.${key})`);
  };

  /** Registers an object type in the schema under its name and returns the name. */
  function objectType(type: ts.Type): string {
    const name = schemaNames.get(type);
    if (!name) throw new Error(`surface: an object type no input reaches: ${checker.typeToString(type)}`);
    if (schemaTypes[name]) return name;
    schemaTypes[name] = {}; // reserved first: recursion-safe
    const vendor = type.getProperty("vendor");
    const tag = vendor ? (checker.getTypeOfSymbol(vendor) as ts.Type) : undefined;
    const properties: Json = {};
    const required: string[] = [];
    for (const member of ownProperties(type, name)) {
      const literal = member.name === "vendor" && tag?.isStringLiteral() ? { const: tag.value } : {};
      properties[member.name] = { ...member.schema, ...literal, description: member.schema.description };
      if (!member.optional) required.push(member.name);
    }
    schemaTypes[name] = { type: "object", properties, required };
    return name;
  }

  /** Whether a property may be absent: optional, or its (unwrapped) type admits `undefined`. */
  const mayBeAbsent = (symbol: ts.Symbol) =>
    (symbol.flags & ts.SymbolFlags.Optional) !== 0 ||
    plainMembers(propertyType(symbol), true).some((t) => t.flags & ts.TypeFlags.Undefined);

  const describe = (symbol: ts.Symbol, owner: string): DocumentedProperty => {
    const tags: Record<string, string> = {};
    for (const tag of symbol.getJsDocTags(checker)) tags[tag.name] = ts.displayPartsToString(tag.text).trim();
    const doc = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
    return {
      name: symbol.name,
      optional: mayBeAbsent(symbol),
      type: print(propertyType(symbol)),
      doc,
      tags,
      schema: {
        ...schemaOf(propertyType(symbol), owner, symbol.name),
        description: schemaDescription(doc, tags),
      },
    };
  };
  // A type's own properties, not those Pulumi's `CustomResource` declares (`urn`, `id`…).
  function ownProperties(type: ts.Type, owner: string): DocumentedProperty[] {
    return (
      checker
        .getPropertiesOfType(type)
        .filter((s) => (s.declarations ?? []).some((d) => !d.getSourceFile().fileName.includes("node_modules")))
        // Methods (`BackupGate.backupIdOf`) are documented in the page's text, not in the tables.
        .filter((s) => !(s.flags & ts.SymbolFlags.Method))
        .map((s) => describe(s, owner))
    );
  }

  /** A class's own TSDoc (not its symbol's, which also carries the doc of the interface merged with it). */
  const classDocOf = (name: string): string => {
    const declaration = resolved(exported.get(name)!).declarations!.find(ts.isClassDeclaration)!;
    return ts
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
  };

  const resources: SdkSurface["resources"] = {};
  for (const name of RESOURCES) {
    resources[name] = {
      inputs: ownProperties(declaredType(`${name}Args`), name),
      outputs: ownProperties(declaredType(name), name),
      description: classDocOf(name),
    };
  }
  const functions: SdkSurface["functions"] = {};
  for (const name of FUNCTIONS) {
    const symbol = resolved(exported.get(name)!);
    const tags: Record<string, string> = {};
    for (const tag of symbol.getJsDocTags(checker)) tags[tag.name] = ts.displayPartsToString(tag.text).trim();
    functions[name] = {
      inputs: ownProperties(declaredType(`${capitalize(name)}Args`), capitalize(name)),
      outputs: ownProperties(declaredType(`${capitalize(name)}Result`), `${capitalize(name)}Result`),
      description: schemaDescription(ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim(), tags),
    };
  }
  const types: SdkSurface["types"] = {};
  for (const [type, name] of names) if (visited.has(type)) types[name] = ownProperties(type, schemaNames.get(type)!);
  return { resources, functions, types, schemaTypes };
}
