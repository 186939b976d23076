/**
 * The public docs are written once, on the resource schemas' properties
 * (provider/resources/<resource>/schema.ts, the vendors' target and option schemas), and must
 * still show on the SDK's types, which are mapped from the schemas: what a program's editor
 * shows on hover, read here through the TypeScript compiler.
 */
import * as path from "node:path";
import ts from "typescript";

const sdkIndex = path.resolve(__dirname, "../../sdk/index.ts");
/** Exported types whose every property a program sets or reads. */
const ARGS = ["BackupArgs", "BackupPolicyArgs", "RestoreOperationArgs", "NorthflankAdditionalDestination"];
const PARTS = ["BackupPolicyRetention", "BackupPolicyMatch", "BackupPolicySchedule", "BackupPolicyFreshness"];
const TARGETS = ["KinstaTarget", "WpEngineTarget", "VpsOrgTarget", "NorthflankTarget"];
/** The resource classes: their own output properties, not those Pulumi's `CustomResource` declares. */
const RESOURCES = ["Backup", "BackupPolicy", "RestoreOperation"];

function documentation(): Map<string, Map<string, string>> {
  const program = ts.createProgram([sdkIndex], {
    strict: true,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    esModuleInterop: true,
    types: ["node"],
  });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(sdkIndex)!)!;
  const docs = new Map<string, Map<string, string>>();
  for (const exported of checker.getExportsOfModule(module)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const properties = new Map<string, string>();
    for (const property of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol))) {
      const declaredInSdkOrProvider = (property.declarations ?? []).some((d) => !d.getSourceFile().isDeclarationFile);
      if (!declaredInSdkOrProvider) continue; // Pulumi's own members (urn, id…)
      properties.set(property.name, ts.displayPartsToString(property.getDocumentationComment(checker)));
    }
    docs.set(exported.name, properties);
  }
  return docs;
}

jest.setTimeout(60_000);
const docs = documentation();

it.each([...ARGS, ...PARTS, ...TARGETS, ...RESOURCES])("every property of %s carries its schema's docs", (name) => {
  const properties = docs.get(name);
  expect(properties?.size).toBeGreaterThan(0);
  const undocumented = [...properties!].filter(([, doc]) => doc.trim() === "").map(([property]) => property);
  expect(undocumented).toEqual([]);
});

it("the docs are the schema's text, e.g. BackupArgs.timeout and Backup.backupId", () => {
  expect(docs.get("BackupArgs")?.get("timeout")).toContain("How long `pulumi up` waits for the backup");
  expect(docs.get("Backup")?.get("backupId")).toBe("The vendor's backup id.");
  expect(docs.get("KinstaTarget")?.get("environmentId")).toContain("The environment's UUID");
});
