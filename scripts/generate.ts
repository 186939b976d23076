/**
 * `npm run docs` and `npm run schema` (from the repository root; bundled by esbuild, so the
 * provider's TypeScript is read as it is): one read of the public surface (surface.ts), two
 * writers: the tables in docs/ (docs.ts) and provider/plugin/schema.json (plugin/schema.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { vendors } from "../provider/vendors/registry";
import { writeDocs, type VendorFacts } from "./docs";
import { schemaText } from "./plugin/schema";

const repoRoot = process.cwd();
const what = process.argv[2];
if (what === "docs") {
  writeDocs(repoRoot, Object.values(vendors) as VendorFacts[]);
} else if (what === "schema") {
  const target = path.join(repoRoot, "provider/plugin/schema.json");
  fs.writeFileSync(target, schemaText(repoRoot));
  process.stderr.write(`[schema] wrote ${path.relative(repoRoot, target)}\n`);
} else {
  process.stderr.write("usage: generate docs|schema\n");
  process.exitCode = 2;
}
