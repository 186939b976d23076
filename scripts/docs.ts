/**
 * `npm run docs`: writes the generated parts of docs/, between `<!-- generated:… -->` markers:
 * the inputs and outputs tables of docs/backup.md, docs/backup-policy.md and
 * docs/restore-operation.md from the SDK's TSDoc, and docs/vendors.md's table from the vendor
 * modules' capabilities and limits. The TSDoc is read by the one reader of the public surface
 * (surface.ts, shared with the plugin's schema). test/unit/docs.test.ts fails when a checked-in
 * page is stale. Run: `npm run docs` (scripts/generate.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { readSdkSurface, RESOURCES, type DocumentedProperty, type SdkSurface } from "./surface";

export { readSdkSurface, RESOURCES, type DocumentedProperty, type SdkSurface } from "./surface";

/** The names `readSdkSurface` gives the members of `BackupTarget`. */
const TARGET_TYPE = /Target$/;

/** Each resource's page. */
const pageOf = (resource: string) => `docs/${resource.replace(/(?<=[a-z])(?=[A-Z])/g, "-").toLowerCase()}.md`;

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
function inputsSection(surface: SdkSurface, resource: string): string {
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
        .filter((type, i, all) => !type.endsWith("Target") && all.indexOf(type) === i)
        // Object types get a table; enums are named by their type.
        .filter((type) => schema.types[`${schema.name}:index:${type}`]?.properties);
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
    const file = pageOf(name);
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

/** `npm run docs` (scripts/generate.ts): rewrites the stale pages. */
export function writeDocs(repo: string, vendors: VendorFacts[]): void {
  for (const [file, text] of renderDocs(repo, vendors)) {
    const target = path.join(repo, file);
    if (fs.readFileSync(target, "utf8") !== text) {
      fs.writeFileSync(target, text);
      console.log(`wrote ${file}`);
    }
  }
}
