/**
 * Northflank backups keep their download link through a refresh: the real engine runs
 * `preview --refresh --diff` and `refresh` against the sandbox. Lists carry no link (one call
 * per backup would spend the hourly budget), so a refresh must not read its absence as removal.
 */
import * as path from "node:path";
import { createTestStack, TestStack } from "../support/pulumi";
import { startTestSandbox, TestSandbox } from "../support/sandbox";

jest.setTimeout(600_000);

const program = path.join(__dirname, "programs/backups");

let sandbox: TestSandbox;
let t: TestStack;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  t = await createTestStack(program, { envVars: sandbox.urlEnv(), config: sandbox.credentialConfig() });
  await t.stack.setConfig("e2e-backups:backups", {
    value: JSON.stringify({
      db: { target: sandbox.target("northflank"), description: "refresh check", includeDownloadLink: true },
    }),
  });
});
afterAll(async () => {
  await t?.cleanup();
  await sandbox?.close();
});

it("preview --refresh --diff shows no drift and refresh keeps downloadUrl", async () => {
  const up = await t.stack.up();
  const link = up.outputs.db.value.downloadUrl;
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/northflank\/downloads\//);

  const preview = await t.stack.preview({ refresh: true, diff: true });
  expect(preview.changeSummary).toEqual({ same: 2 });
  // What a reviewer reads: no refresh step for the backup, no removed or changed link.
  expect(preview.stdout).not.toContain("hostingbackups:Backup: (refresh)");
  expect(preview.stdout).not.toMatch(/[-~+]\s+downloadUrl/);

  const refresh = await t.stack.refresh();
  expect(refresh.summary.resourceChanges).toEqual({ same: 2 });
  expect((await t.stack.outputs()).db.value.downloadUrl).toBe(link);
});
