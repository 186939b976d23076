/**
 * `npm run docs`: writes the generated parts of docs/, between `<!-- generated:… -->` markers:
 * the inputs and outputs tables of docs/backup.md, docs/backup-policy.md and
 * docs/restore-operation.md from the SDK's TSDoc, and docs/vendors.md's table from the vendor
 * modules' capabilities and limits. The TSDoc is read through the TypeScript type checker
 * (properties of the exported types, not the syntax of sdk/*.ts), so it does not matter how a
 * type is written. test/unit/docs.test.ts fails when a checked-in page is stale.
 * Run: `npm run docs` (builds first: the vendor modules are read from dist/).
 */
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import ts from "typescript";

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
}

/** The public SDK surface the docs and the TSDoc check read. */
export interface SdkSurface {
  resources: Record<ResourceName, { inputs: DocumentedProperty[]; outputs: DocumentedProperty[] }>;
  /** Each target type (`KinstaTarget`…) and the object types the inputs use (`BackupPolicyRetention`…). */
  types: Record<string, DocumentedProperty[]>;
}

export const RESOURCES = ["Backup", "BackupPolicy", "RestoreOperation"] as const;
export type ResourceName = (typeof RESOURCES)[number];

/** The names `readSdkSurface` gives the members of `BackupTarget`. */
const TARGET_TYPE = /Target$/;

const PAGES: Record<ResourceName, string> = {
  Backup: "docs/backup.md",
  BackupPolicy: "docs/backup-policy.md",
  RestoreOperation: "docs/restore-operation.md",
};

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
  const declaredType = (name: string): ts.Type => {
    const symbol = exported.get(name);
    if (!symbol) throw new Error(`sdk/index.ts exports no ${name}`);
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    return checker.getDeclaredTypeOfSymbol(target);
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
  const plainMembers = (type: ts.Type): ts.Type[] => {
    if (type.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any)) return [type];
    type = checker.getNonNullableType(type);
    if (type.isIntersection()) {
      const wrapper = type.types.find(isWrapper);
      if (wrapper) return plainMembers(typeArgument(wrapper));
    }
    if (type.isUnion()) {
      const arms = type.types.filter((t) => !isWrapper(t));
      const members = (arms.length > 0 ? arms : type.types.map(typeArgument)).flatMap(plainMembers);
      return members.filter((t, i) => members.indexOf(t) === i);
    }
    return isWrapper(type) ? plainMembers(typeArgument(type)) : [type];
  };
  const isRecord = (type: ts.Type) =>
    (type.flags & ts.TypeFlags.Object) !== 0 &&
    !checker.isArrayType(type) &&
    !checker.isTupleType(type) &&
    checker.getPropertiesOfType(type).length > 0 &&
    !fromLibrary((type.aliasSymbol ?? type.getSymbol())!);

  // Every object type an input reaches gets a name: the SDK's exported name for it, else the
  // path of the input it was reached through (anonymous union members by their vendor).
  const names = new Map<ts.Type, string>();
  for (const name of exported.keys()) {
    const symbol = exported.get(name)!;
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    if (!(target.flags & (ts.SymbolFlags.TypeAlias | ts.SymbolFlags.Interface))) continue;
    const type = declaredType(name);
    if (isRecord(type) && !names.has(type) && !RESOURCES.includes(name as ResourceName) && !name.endsWith("Args"))
      names.set(type, name);
  }
  const visit = (type: ts.Type, pathName: string): void => {
    const members = plainMembers(type);
    for (const member of members) {
      if (checker.isArrayType(member) || checker.isTupleType(member)) {
        checker.getTypeArguments(member as ts.TypeReference).forEach((item) => visit(item, pathName));
        continue;
      }
      if (!isRecord(member)) continue;
      const known = names.has(member);
      if (!known) {
        const vendor = member.getProperty("vendor");
        const suffix =
          members.filter(isRecord).length > 1 && vendor
            ? ` (${checker.typeToString(propertyType(vendor)).replace(/"/g, "")})`
            : "";
        names.set(member, `${pathName}${suffix}`);
      }
      if (known && visited.has(member)) continue;
      visited.add(member);
      for (const property of checker.getPropertiesOfType(member))
        visit(propertyType(property), `${names.get(member)}.${property.name}`);
    }
  };
  const visited = new Set<ts.Type>();
  for (const name of RESOURCES)
    for (const property of checker.getPropertiesOfType(declaredType(`${name}Args`)))
      visit(propertyType(property), `${name}Args.${property.name}`);

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
      } else parts.push(names.get(member) ?? text);
    }
    return parts.join(" | ");
  };
  const describe = (symbol: ts.Symbol): DocumentedProperty => {
    const tags: Record<string, string> = {};
    for (const tag of symbol.getJsDocTags(checker)) tags[tag.name] = ts.displayPartsToString(tag.text).trim();
    return {
      name: symbol.name,
      optional: (symbol.flags & ts.SymbolFlags.Optional) !== 0,
      type: print(propertyType(symbol)),
      doc: ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim(),
      tags,
    };
  };
  // A resource's outputs: its own properties, not those Pulumi's `CustomResource` declares (`urn`, `id`…).
  const ownProperties = (type: ts.Type) =>
    checker
      .getPropertiesOfType(type)
      .filter((s) => (s.declarations ?? []).some((d) => !d.getSourceFile().fileName.includes("node_modules")))
      .map(describe);

  const resources = {} as SdkSurface["resources"];
  for (const name of RESOURCES)
    resources[name] = {
      inputs: ownProperties(declaredType(`${name}Args`)),
      outputs: ownProperties(declaredType(name)),
    };
  const types: SdkSurface["types"] = {};
  for (const [type, name] of names) if (visited.has(type)) types[name] = ownProperties(type);
  return { resources, types };
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
const code = (text: string) => "`" + text.replace(/`/g, "'") + "`";

function propertyTable(heading: "input" | "field" | "output", properties: DocumentedProperty[]): string {
  if (heading === "output") {
    const rows = properties.map((p) => `| ${code(p.name)} | ${cell(code(p.type))} | ${cell(p.doc)} |`);
    return ["| output | type | meaning |", "| --- | --- | --- |", ...rows].join("\n");
  }
  const rows = properties.map((p) => {
    const name = !p.optional ? `${code(p.name)} (required)` : code(p.name);
    const other = Object.entries(p.tags)
      .filter(([tag]) => tag !== "default")
      .map(([tag, text]) => ` *@${tag}* ${text}`)
      .join("");
    return `| ${name} | ${cell(code(p.type))} | ${cell(p.doc + other)} | ${p.tags.default ? cell(p.tags.default) : "—"} |`;
  });
  return [`| ${heading} | type | meaning | default |`, "| --- | --- | --- | --- |", ...rows].join("\n");
}

/** The inputs table, then a table per object type the inputs use (targets for `BackupTarget`). */
function inputsSection(surface: SdkSurface, resource: ResourceName): string {
  const inputs = surface.resources[resource].inputs;
  // Named types the inputs mention, then the anonymous ones, named after the input.
  const used: string[] = [];
  for (const input of inputs) {
    for (const word of input.type.match(/\w+/g) ?? []) {
      const names = word === "BackupTarget" ? Object.keys(surface.types).filter((t) => TARGET_TYPE.test(t)) : [word];
      for (const typeName of names) if (surface.types[typeName] && !used.includes(typeName)) used.push(typeName);
    }
  }
  used.push(...Object.keys(surface.types).filter((t) => t.startsWith(`${resource}Args.`)));
  return [
    propertyTable("input", inputs),
    ...used.map((typeName) => `#### \`${typeName}\`\n\n${propertyTable("field", surface.types[typeName])}`),
  ].join("\n\n");
}

/** The vendor module fields the vendors table reads (provider/vendors/<v>/index.ts). */
export interface VendorFacts {
  name: string;
  displayName: string;
  capabilities: {
    deleteBackup: boolean;
    restore: boolean;
    restoreTracking: string;
    schedules: boolean;
    downloadUrl: boolean;
    manualBackupLimit?: number;
    defaultDeletionPolicy: string;
    maxDescriptionLength: number;
    listsPendingBackups?: boolean;
    crossTargetRestore: string;
    pointInTimeRestore: boolean;
  };
  defaultBaseUrl: string;
  baseUrlEnv: string;
  credentialEnv: Record<string, string>;
  backupOptionsSchema: unknown;
  restoreOptionsSchema: unknown;
}

const yesNo = (value: boolean | undefined) => (value ? "yes" : "**no**");
const optionNames = (schema: unknown) => {
  const shape = (schema as { shape?: Record<string, unknown> }).shape;
  const names = shape ? Object.keys(shape) : [];
  return names.length ? names.map(code).join(", ") : "—";
};
const CROSS_TARGET: Record<string, string> = {
  "same-target": "**no** (refused at preview)",
  "same-site": "another environment of the same site",
  "any-addon": 'another addon\'s ("global" backups)',
};

export function vendorTable(vendors: VendorFacts[], surface: SdkSurface): string {
  const targetFields = (vendor: string) => {
    const type = Object.values(surface.types).find((props) =>
      props.some((p) => p.name === "vendor" && p.type === JSON.stringify(vendor)),
    );
    return (type ?? [])
      .filter((p) => p.name !== "vendor")
      .map((p) => code(p.name))
      .join(", ");
  };
  const rows: [string, (v: VendorFacts) => string][] = [
    ["`target` fields besides `vendor`", (v) => targetFields(v.name)],
    ["credentials (environment variables)", (v) => Object.values(v.credentialEnv).map(code).join(", ")],
    ["API base URL (override)", (v) => `${v.defaultBaseUrl} (${code(v.baseUrlEnv)})`],
    [
      "delete a backup",
      (v) =>
        v.capabilities.deleteBackup
          ? "yes"
          : '**no** (`deletionPolicy: "delete"` and retention are refused at preview)',
    ],
    ["`deletionPolicy` default", (v) => code(v.capabilities.defaultDeletionPolicy)],
    ["lists backups still being taken", (v) => yesNo(v.capabilities.listsPendingBackups ?? true)],
    ["restore", (v) => yesNo(v.capabilities.restore)],
    [
      "restore progress",
      (v) =>
        v.capabilities.restoreTracking === "tracked"
          ? "followed to completion"
          : "**accepted only** (completion is emailed)",
    ],
    [
      "restore another target's backup (`source`)",
      (v) => CROSS_TARGET[v.capabilities.crossTargetRestore] ?? v.capabilities.crossTargetRestore,
    ],
    ["point-in-time restore (`pointInTime`)", (v) => yesNo(v.capabilities.pointInTimeRestore)],
    ["native schedules (`BackupPolicy.schedule`)", (v) => yesNo(v.capabilities.schedules)],
    ["download link (`downloadUrl`)", (v) => yesNo(v.capabilities.downloadUrl)],
    [
      "manual backup cap per target",
      (v) =>
        v.capabilities.manualBackupLimit === undefined ? "none documented" : String(v.capabilities.manualBackupLimit),
    ],
    ["`description` length (marker excluded)", (v) => `at most ${v.capabilities.maxDescriptionLength} characters`],
    ["vendor options of a backup", (v) => optionNames(v.backupOptionsSchema)],
    ["vendor options of a restore", (v) => optionNames(v.restoreOptionsSchema)],
  ];
  return [
    `| | ${vendors.map((v) => v.displayName).join(" | ")} |`,
    `| --- |${vendors.map(() => " --- |").join("")}`,
    ...rows.map(([label, value]) => `| ${label} | ${vendors.map((v) => cell(value(v))).join(" | ")} |`),
  ].join("\n");
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SchemaJson = Record<string, any>;

/** A plugin-schema property's type, as the docs name it. */
function schemaTypeName(spec: SchemaJson): string {
  if (spec.$ref) return spec.$ref.split(":").pop();
  if (spec.oneOf) return "BackupTarget";
  if (spec.type === "array") return `${schemaTypeName(spec.items)}[]`;
  return spec.type;
}

/** One table of a plugin-schema object's properties (the functions' arguments and results). */
function schemaTable(heading: string, object: SchemaJson): string {
  const rows = Object.entries<SchemaJson>(object.properties).map(([name, spec]) => {
    const required = (object.required ?? []).includes(name) ? " (required)" : "";
    return `| ${code(name)}${required} | ${code(schemaTypeName(spec))} | ${cell(spec.description ?? "")} |`;
  });
  return [`| ${heading} | type | meaning |`, "| --- | --- | --- |", ...rows].join("\n");
}

/**
 * Each function's arguments, result and the object types they use, from the plugin schema
 * (provider/plugin/schema.json, itself generated from provider/functions/schema.ts).
 */
export function functionsSection(schema: SchemaJson): string {
  return Object.entries<SchemaJson>(schema.functions)
    .map(([token, fn]) => {
      const name = token.split(":").pop()!;
      const used = [...JSON.stringify(fn).matchAll(/#\/types\/[^"]*:(\w+)"/g)]
        .map((m) => m[1])
        .filter((type, i, all) => !type.endsWith("Target") && all.indexOf(type) === i);
      const types = used.map(
        (type) => `\`${type}\`:\n\n${schemaTable("field", schema.types[`${schema.name}:index:${type}`])}`,
      );
      return [`### ${name}`, schemaTable("argument", fn.inputs), ...types, schemaTable("result", fn.outputs)].join(
        "\n\n",
      );
    })
    .join("\n\n");
}

/** Replaces the text between `<!-- generated:<name> -->` and `<!-- end generated:<name> -->`. */
export function replaceBlock(page: string, file: string, name: string, body: string): string {
  const start = `<!-- generated:${name} (npm run docs; do not edit) -->`;
  const end = `<!-- end generated:${name} -->`;
  const from = page.indexOf(start);
  const to = page.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${file} has no ${start} … ${end} block`);
  return `${page.slice(0, from + start.length)}\n\n${body}\n\n${page.slice(to)}`;
}

/** Every generated page: path relative to the repository → its full expected text. */
export function renderDocs(repo: string, vendors: VendorFacts[]): Map<string, string> {
  const surface = readSdkSurface(repo);
  const pages = new Map<string, string>();
  const read = (file: string) => pages.get(file) ?? fs.readFileSync(path.join(repo, file), "utf8");
  for (const name of RESOURCES) {
    const file = PAGES[name];
    let page = read(file);
    page = replaceBlock(page, file, "inputs", inputsSection(surface, name));
    page = replaceBlock(page, file, "outputs", propertyTable("output", surface.resources[name].outputs));
    pages.set(file, page);
  }
  const schema = JSON.parse(fs.readFileSync(path.join(repo, "provider/plugin/schema.json"), "utf8"));
  pages.set(
    "docs/functions.md",
    replaceBlock(read("docs/functions.md"), "docs/functions.md", "functions", functionsSection(schema)),
  );
  pages.set(
    "docs/vendors.md",
    replaceBlock(read("docs/vendors.md"), "docs/vendors.md", "vendors", vendorTable(vendors, surface)),
  );
  return pages;
}

// As a script (`node scripts/docs.ts`): the repository is above scripts/.
if (process.argv[1] && path.basename(process.argv[1]) === "docs.ts") {
  const repo = path.resolve(path.dirname(process.argv[1]), "..");
  const load = createRequire(path.join(repo, "package.json"));
  const { vendors } = load("./dist/provider/vendors/registry.js") as { vendors: Record<string, VendorFacts> };
  for (const [file, text] of renderDocs(repo, Object.values(vendors))) {
    const target = path.join(repo, file);
    if (fs.readFileSync(target, "utf8") !== text) {
      fs.writeFileSync(target, text);
      console.log(`wrote ${file}`);
    }
  }
}
