/**
 * Interrupted runs: `pulumi up` is killed (SIGKILL of the CLI and everything it started, as a
 * crashed CI runner would be) after the vendor accepted the create and before the run
 * finished. The next `pulumi up` must not take a duplicate: the provider finds the backup by
 * its marker (` hb:<8 hex>`) and adopts it.
 *
 * What the engine requires after such a kill is handled and recorded in the results (and in
 * docs/reliability.md): a stale lock, and a pending "creating" operation in the checkpoint.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { createTestStack, TestStack } from "../support/pulumi";
import { requiredBackupArgs, startTestSandbox, TestSandbox, VendorName } from "../support/sandbox";
import { backupsTagged, errorText, processTree, pulumiPid, Results, sleep, uniqueTag } from "./helpers";
import { CALLS, matching } from "../support/routes";

jest.setTimeout(300_000);

const program = path.join(__dirname, "../e2e/programs/backups");

let sandbox: TestSandbox;
const results = new Results("interrupted");

beforeAll(async () => {
  sandbox = await startTestSandbox();
  await sandbox.admin("POST", "/timing", { rateLimit: { "kinsta-create": null } });
});
afterAll(async () => {
  results.write();
  await sandbox?.close();
});

/**
 * Polls the sandbox log until the vendor has accepted the create (a 2xx on the create POST).
 * Bound by the `up` itself, not a wall-clock limit: on a loaded machine the engine may take
 * minutes to get there, and an `up` that ends before any accepted create is the failure.
 */
async function untilCreateAccepted(vendor: VendorName, upEnded: () => boolean) {
  for (;;) {
    const accepted = matching(await sandbox.requests(), CALLS.createBackup[vendor]).filter(
      (r) => r.status >= 200 && r.status < 300,
    );
    if (accepted.length > 0) return;
    if (upEnded()) throw new Error(`${vendor}: the up ended and the create POST never appeared`);
    await sleep(100);
  }
}

/** SIGKILLs `pulumi up` of this stack and every process it started (language host, program, provider). */
function killUp(stackName: string): number {
  const pid = pulumiPid(stackName, "up");
  if (!pid) throw new Error(`no pulumi up process for stack ${stackName}`);
  const tree = [pid, ...processTree(pid)];
  for (const p of tree) {
    try {
      process.kill(p, "SIGKILL");
    } catch {
      // already gone
    }
  }
  return tree.length;
}

/** Lock files the file backend leaves behind for a stack. */
function locks(t: TestStack): string[] {
  const dir = path.join(t.stateDir, ".pulumi", "locks");
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(dir);
  return out;
}

interface Row {
  vendor: VendorName;
  backupMs: number;
  /** Wait for the vendor to finish the backup before the next `up` (needed on Kinsta). */
  waitBeforeRerun: boolean;
}

const ROWS: Row[] = [
  { vendor: "wpengine", backupMs: 8000, waitBeforeRerun: false },
  { vendor: "vpsorg", backupMs: 8000, waitBeforeRerun: false },
  { vendor: "northflank", backupMs: 8000, waitBeforeRerun: false },
  { vendor: "kinsta", backupMs: 8000, waitBeforeRerun: true },
];

describe("pulumi up killed after the vendor accepted the create", () => {
  it.each(
    ROWS.map(
      (r) =>
        [`${r.vendor}${r.waitBeforeRerun ? " (rerun once the backup completed)" : " (rerun at once)"}`, r] as const,
    ),
  )("%s: the next up adopts the marked backup, no duplicate", async (_title, row) => {
    const { vendor } = row;
    const t = await createTestStack(program, { envVars: sandbox.urlEnv(), config: sandbox.credentialConfig() });
    const steps: string[] = [];
    try {
      const tag = uniqueTag("int");
      const name = `int-${tag}`;
      await sandbox.timing({ backupMs: row.backupMs });
      await t.stack.setConfig("e2e-backups:backups", {
        value: JSON.stringify({
          [name]: { target: sandbox.target(vendor, 1), description: tag, ...requiredBackupArgs(vendor) },
        }),
      });
      await sandbox.clearRequests();
      const started = Date.now();
      let upEnded = false;
      const up = t.stack
        .up()
        .then(
          () => "finished",
          (error) => errorText(error),
        )
        .finally(() => (upEnded = true));
      await untilCreateAccepted(vendor, () => upEnded);
      const killed = killUp(t.stack.name);
      const killedAfterMs = Date.now() - started;
      const outcome = await up;
      steps.push(`killed ${killed} processes ${killedAfterMs} ms after start`);
      expect(outcome).not.toBe("finished");
      expect((await backupsTagged(sandbox, vendor, tag)).length).toBe(1);

      // What the engine left behind.
      const lockFiles = locks(t);
      steps.push(`lock files left: ${lockFiles.length}`);
      const deployment = (await t.stack.exportStack()).deployment as { pending_operations?: { type: string }[] };
      const pending = deployment.pending_operations ?? [];
      steps.push(`pending operations: ${pending.map((p) => p.type).join(", ") || "none"}`);

      if (row.waitBeforeRerun) await sleep(row.backupMs + 500);

      // The next `up`, handling what the engine requires.
      let rerun: string | undefined;
      try {
        const result = await t.stack.up();
        rerun = `up: ${JSON.stringify(result.summary.resourceChanges)}`;
      } catch (error) {
        const text = errorText(error);
        steps.push(
          `first rerun failed: ${text
            .split("\n")
            .find((l) => /error/i.test(l))
            ?.trim()}`,
        );
        if (/locked/i.test(text)) {
          // File backend: `pulumi cancel` is for Pulumi Cloud only; the stale lock is removed by hand.
          const cancel = await t.stack.cancel().then(
            () => "ok",
            (e) =>
              errorText(e)
                .split("\n")
                .find((l) => /error/i.test(l)) ?? "failed",
          );
          steps.push(`stack.cancel(): ${cancel.trim()}`);
          for (const f of locks(t)) fs.rmSync(f);
          steps.push("removed the stale lock file");
        }
        const result = await t.stack.up();
        rerun = `up: ${JSON.stringify(result.summary.resourceChanges)}`;
      }
      steps.push(rerun);

      const tagged = await backupsTagged(sandbox, vendor, tag);
      const outs = (await t.stack.outputs())[name].value;
      results.add({
        vendor,
        backupMs: row.backupMs,
        waitBeforeRerun: row.waitBeforeRerun,
        steps,
        backupsAtVendor: tagged.length,
      });
      expect(tagged.length).toBe(1); // adopted, not duplicated
      expect(String(outs.backupId)).toBe(String(tagged[0].id));
      expect(outs.status).toBe("completed");
      expect((await t.stack.preview()).changeSummary).toEqual({ same: 2 });
      await t.stack.destroy();
    } finally {
      await sandbox.timing({ backupMs: 0 });
      await t.cleanup();
    }
  });
});
