/**
 * The layering rules in eslint.config.mjs fire where they should: a flat-config block that
 * sets the same rule again silently replaces the earlier one, so each layer is checked here.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const repoRoot = path.resolve(__dirname, "../..");

/** ESLint's CLI on one snippet (a child process: jest's CommonJS runtime cannot load the ESM config). */
async function messagesFor(file: string, code: string): Promise<string[]> {
  const run = spawnSync(
    process.execPath,
    [path.join(repoRoot, "node_modules/eslint/bin/eslint.js"), "--stdin", "--stdin-filename", file, "--format", "json"],
    { cwd: repoRoot, input: code, encoding: "utf8" },
  );
  const [result] = JSON.parse(run.stdout) as { messages: { message: string }[] }[];
  return result.messages.map((m) => m.message);
}

jest.setTimeout(60_000);

it.each([
  ["provider/core/x.ts", 'import { startSandbox } from "../../sandbox";\nexport const s = startSandbox;\n', "sandbox"],
  [
    "provider/resources/backup/x.ts",
    'import { x } from "../../../sandbox/core/state";\nexport const y = x;\n',
    "sandbox",
  ],
  [
    "provider/resources/backup/x.ts",
    'import { routes } from "../../vendors/kinsta/routes";\nexport const r = routes;\n',
    "registry",
  ],
  [
    "provider/functions/x.ts",
    'import { routes } from "../vendors/vpsorg/routes";\nexport const r = routes;\n',
    "registry",
  ],
  [
    "provider/functions/x.ts",
    'import { startSandbox } from "../../sandbox";\nexport const s = startSandbox;\n',
    "sandbox",
  ],
  ["sdk/x.ts", 'import { vendors } from "../provider/vendors/registry";\nexport const v = vendors;\n', "only types"],
  ["sdk/x.ts", 'import { startSandbox } from "../sandbox";\nexport const s = startSandbox;\n', "sandbox"],
  [
    "provider/vendors/kinsta/x.ts",
    'import { SLUG } from "../northflank/schemas";\nexport const s = SLUG;\n',
    "another vendor's folder",
  ],
  [
    "provider/vendors/kinsta/x.ts",
    'import { x } from "../../../sandbox/core/state";\nexport const y = x;\n',
    "sandbox",
  ],
])("%s: a forbidden import is reported (%#)", async (file, code, words) => {
  expect((await messagesFor(file, code)).join("\n")).toContain(words);
});

it.each([
  ["provider/resources/backup/x.ts", 'import { vendors } from "../../vendors/registry";\nexport const v = vendors;\n'],
  ["provider/functions/x.ts", 'import { vendorNamed } from "../vendors/registry";\nexport const v = vendorNamed;\n'],
  [
    "sdk/x.ts",
    'import type { BackupSelector } from "../provider/resources/restore/schema";\nexport type B = BackupSelector;\n',
  ],
  [
    "provider/vendors/kinsta/x.ts",
    'import { UUID_PATTERN } from "../shared/ids";\nimport type { VendorModule } from "../vendor";\nimport { ValidationError } from "../../core/errors";\nexport const v: [RegExp, VendorModule?, unknown?] = [UUID_PATTERN, undefined, ValidationError];\n',
  ],
])("%s: an allowed import passes (%#)", async (file, code) => {
  expect(await messagesFor(file, code)).toEqual([]);
});
