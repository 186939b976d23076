/**
 * The layering rules in eslint.config.mjs fire where they should: a flat-config block that
 * sets the same rule again silently replaces the earlier one, so each layer is checked here.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const repoRoot = path.resolve(__dirname, "../..");

/**
 * ESLint on snippets, all in one child process (jest's CommonJS runtime cannot load the ESM
 * config; one process instead of one per snippet saves an ESLint start-up per case).
 */
function lintAll(snippets: { file: string; code: string }[]): string[][] {
  const script = `
    import { ESLint } from "eslint";
    import * as path from "node:path";
    const snippets = JSON.parse(process.argv[1]);
    const eslint = new ESLint({ cwd: process.cwd() });
    const out = [];
    for (const { file, code } of snippets) {
      const [result] = await eslint.lintText(code, { filePath: path.join(process.cwd(), file) });
      out.push(result.messages.map((m) => m.message));
    }
    process.stdout.write(JSON.stringify(out));
  `;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script, JSON.stringify(snippets)], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`ESLint failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as string[][];
}

jest.setTimeout(60_000);

const FORBIDDEN: [file: string, code: string, words: string][] = [
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
  [
    "provider/report/x.ts",
    'import { createKinstaClient } from "../vendors/kinsta/client";\nexport const k = createKinstaClient;\n',
    "registry",
  ],
  [
    "provider/policy-pack/x.ts",
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
];

const ALLOWED: [file: string, code: string][] = [
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
];

const messages = new Map<string, string[]>();
const messagesFor = (file: string, code: string) => messages.get(`${file}\n${code}`);
beforeAll(() => {
  const snippets = [...FORBIDDEN, ...ALLOWED].map(([file, code]) => ({ file, code }));
  lintAll(snippets).forEach((found, i) => messages.set(`${snippets[i].file}\n${snippets[i].code}`, found));
});

it.each(FORBIDDEN)("%s: a forbidden import is reported (%#)", (file, code, words) => {
  expect(messagesFor(file, code)?.join("\n")).toContain(words);
});

it.each(ALLOWED)("%s: an allowed import passes (%#)", (file, code) => {
  expect(messagesFor(file, code)).toEqual([]);
});
