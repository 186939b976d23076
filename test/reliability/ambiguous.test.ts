/**
 * Ambiguous creates: the create POST reaches the vendor, which does the work, but the answer
 * comes later than the client's timeout (a `delayMs` fault longer than the request timeout).
 * The provider must not blindly send the create again: it looks for its marked backup first
 * and adopts it. Exactly one backup exists afterwards, on every vendor.
 */
import * as path from "node:path";
import { createTestStack, TestStack } from "../support/pulumi";
import { requiredBackupArgs, startTestSandbox, TestSandbox, VendorName } from "../support/sandbox";
import { CALLS, matching } from "../support/routes";
import { backupsTagged, Results, sleep, uniqueTag } from "./helpers";

jest.setTimeout(300_000);

const program = path.join(__dirname, "../e2e/programs/backups");
const TIMEOUT_S = 2;

let sandbox: TestSandbox;
const results = new Results("ambiguous");
let t: TestStack;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  await sandbox.admin("POST", "/timing", { rateLimit: { "kinsta-create": null } });
  t = await createTestStack(program, {
    envVars: { ...sandbox.urlEnv(), HOSTING_BACKUPS_REQUEST_TIMEOUT_SECONDS: String(TIMEOUT_S) },
    config: sandbox.credentialConfig(),
  });
});
afterAll(async () => {
  results.write();
  await t?.cleanup();
  await sandbox?.close();
});

interface Row {
  vendor: VendorName;
  /** How long the vendor takes to finish the backup (Kinsta lists a backup only then). */
  backupMs: number;
}

const ROWS: Row[] = [
  { vendor: "kinsta", backupMs: 0 },
  { vendor: "wpengine", backupMs: 3000 },
  { vendor: "vpsorg", backupMs: 3000 },
  { vendor: "northflank", backupMs: 3000 },
  // Kinsta shows a manual backup only once its operation completed: a backup that takes
  // longer than the provider's look-up window is the hard case.
  { vendor: "kinsta", backupMs: 45_000 },
];

describe("an ambiguous create (vendor did the work, answer later than the timeout)", () => {
  it.each(ROWS.map((r) => [`${r.vendor}, backup takes ${r.backupMs / 1000}s`, r] as const))(
    "%s: exactly one backup afterwards",
    async (_title, row) => {
      const { vendor } = row;
      const tag = uniqueTag("amb");
      const name = `amb-${tag}`;
      await sandbox.timing({ backupMs: row.backupMs });
      await t.stack.setConfig("e2e-backups:backups", {
        value: JSON.stringify({
          [name]: {
            target: sandbox.target(vendor, 2 % (vendor === "kinsta" ? 3 : 2)),
            description: tag,
            ...requiredBackupArgs(vendor),
          },
        }),
      });
      const where = CALLS.createBackup[vendor];
      await sandbox.clearRequests();
      await sandbox.fault({ ...where, count: 1, delayMs: TIMEOUT_S * 1000 + 2000 });
      const started = Date.now();
      let failure: string | undefined;
      const lines: string[] = [];
      try {
        await t.stack.up({ onOutput: (s) => lines.push(s) });
      } catch (error) {
        failure = String(error);
      }
      const ms = Date.now() - started;
      // Let anything the provider asked for settle, then count in the sandbox's own state
      // (which, unlike Kinsta's listing, includes backups still in progress).
      await sleep(500);
      const log = await sandbox.requests();
      const tagged = await backupsTagged(sandbox, vendor, tag);
      const record = {
        vendor,
        backupMs: row.backupMs,
        outcome: failure ? "error" : "success",
        // The delayed POST is handled after the client gave up; the sandbox logs it only if it answered.
        createPostsLogged: matching(log, where).length,
        backupsAtVendor: tagged.length,
        adoptedMessage: lines.join("").includes("looking for backup hb:"),
        ms,
        error: failure
          ?.split("\n")
          .find((l) => l.includes("error:"))
          ?.trim(),
      };
      results.add(record);
      expect(record.adoptedMessage).toBe(true);
      expect(tagged.length).toBe(1);
      expect(failure).toBeUndefined();
      const outs = (await t.stack.outputs())[name].value;
      expect(String(outs.backupId)).toBe(String(tagged[0].id));
      await sandbox.timing({ backupMs: 0 });
    },
  );
});
