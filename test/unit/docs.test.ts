/**
 * The generated parts of docs/ are current (`npm run docs` rewrites them). Whether every
 * public SDK property has TSDoc: sdk-docs.test.ts, with the same reader (scripts/docs.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { readSdkSurface, renderDocs, RESOURCES, type SdkSurface, type VendorFacts } from "../../scripts/docs";
import { vendors } from "../../provider/vendors/registry";

jest.setTimeout(120_000);

const repo = path.resolve(__dirname, "../..");
let surface: SdkSurface;
beforeAll(() => {
  surface = readSdkSurface(repo);
});

test("docs/ pages match what npm run docs generates", () => {
  const stale = [...renderDocs(repo, Object.values(vendors) as VendorFacts[])]
    .filter(([file, text]) => fs.readFileSync(path.join(repo, file), "utf8") !== text)
    .map(([file]) => file);
  expect(stale).toEqual([]); // run `npm run docs` and commit the pages
});

test("the surface read is the SDK's (a reader that found nothing would generate empty tables)", () => {
  expect(surface.resources.Backup.inputs.map((p) => p.name)).toEqual(expect.arrayContaining(["target", "timeout"]));
  expect(surface.resources.Backup.outputs.map((p) => p.name)).toEqual(expect.arrayContaining(["backupId", "status"]));
  expect(surface.resources.Backup.outputs.map((p) => p.name)).not.toContain("urn");
  const targetVendors = Object.values(surface.types).flatMap((props) =>
    props.filter((p) => p.name === "vendor").map((p) => p.type),
  );
  expect(targetVendors.sort()).toEqual(['"kinsta"', '"northflank"', '"vpsorg"', '"wpengine"']);
  for (const name of RESOURCES.filter((r) => r !== "BackupGate")) {
    expect(surface.resources[name].inputs.length).toBeGreaterThan(3);
    expect(surface.resources[name].outputs.length).toBeGreaterThan(3);
  }
  // The gate has few properties: all of them, by name.
  expect(surface.resources.BackupGate.inputs.map((p) => p.name)).toEqual(["backups", "timeout"]);
  expect(surface.resources.BackupGate.outputs.map((p) => p.name)).toEqual([
    "status",
    "completedBackups",
    "completedAt",
  ]);
});
