/** `npm run schema` (from the repository root): writes provider/plugin/schema.json (see schema.ts). */
import * as fs from "node:fs";
import * as path from "node:path";
import { schemaText } from "./schema";

const repoRoot = process.cwd();
const target = path.join(repoRoot, "provider/plugin/schema.json");
fs.writeFileSync(target, schemaText(repoRoot));
process.stderr.write(`[schema] wrote ${path.relative(repoRoot, target)}\n`);
