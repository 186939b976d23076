/**
 * Fault matrix for BackupPolicy reconciliation: faults on the list that `read` plans from, on
 * the deletes that prune, on the freshness backup's create (an error, and no answer at all),
 * and on Northflank's schedule create. Each row: `up --refresh` succeeds after retries or fails clearly; a rerun converges
 * to exactly the declared regime (2 managed backups, the two newest kept) and then reports
 * no changes.
 */
import * as path from "node:path";
import { createTestStack } from "../support/pulumi";
import { startTestSandbox, TestSandbox, VendorName } from "../support/sandbox";
import type { FaultSpec } from "../support/admin";
import { CALLS } from "../support/routes";
import { errorText, uniqueTag } from "./helpers";

jest.setTimeout(600_000);

const program = path.join(__dirname, "../e2e/programs/policies");
const HOUR = 3600_000;
let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  await sandbox.admin("POST", "/timing", { rateLimit: { "kinsta-create": null } });
});
afterAll(() => sandbox?.close());

/** Backups "made through this provider" (marked, tagged with `tag`), dated `ageHours` ago; ids oldest first. */
async function seedManaged(vendor: VendorName, tag: string, ageHours: number[]): Promise<string[]> {
  const { client, fields } = sandbox.vendorApi(vendor);
  const ids: string[] = [];
  for (const [i, age] of ageHours.entries()) {
    const description = `${tag} ${i} hb:${(0x10000000 + i).toString(16)}`;
    const pending = await client.startBackup(fields, { description, options: {} });
    let progress = await client.checkBackup(fields, pending, description);
    for (let tries = 0; progress.state !== "completed" && tries < 50; tries++) {
      await new Promise((r) => setTimeout(r, 100));
      progress = await client.checkBackup(fields, pending, description);
    }
    if (progress.state !== "completed") throw new Error(`seed backup ${i} did not complete`);
    await sandbox.patchBackup(vendor, progress.backup.id, {
      createdAt: new Date(Date.now() - age * HOUR).toISOString(),
    });
    ids.push(progress.backup.id);
  }
  return ids;
}

/** Dates every other backup of the target (automatic, scheduled, other tests') 48 h back, so freshness must act. */
async function ageTheRest(vendor: VendorName, tag: string): Promise<void> {
  const { client, fields } = sandbox.vendorApi(vendor);
  for (const backup of await client.listBackups(fields)) {
    if (backup.description?.startsWith(`${tag} `)) continue;
    await sandbox.patchBackup(vendor, backup.id, { createdAt: new Date(Date.now() - 48 * HOUR).toISOString() });
  }
}

async function managedIds(vendor: VendorName, tag: string): Promise<string[]> {
  const { client, fields } = sandbox.vendorApi(vendor);
  return (await client.listBackups(fields)).filter((b) => b.description?.startsWith(`${tag} `)).map((b) => b.id);
}

interface Row {
  name: string;
  vendor: VendorName;
  fault: FaultSpec;
  /** Whether the first `up` may fail (a permanent error) rather than succeed after retries. */
  mayFail?: boolean;
  freshness?: boolean;
  schedule?: boolean;
  /** A short client timeout, so a delayed answer counts as none. */
  requestTimeoutSeconds?: number;
}

const rows: Row[] = [
  {
    name: "503 ×2 on the list read plans from",
    vendor: "vpsorg",
    fault: { ...CALLS.listBackups.vpsorg, count: 2, status: 503 },
  },
  { name: "reset on the list", vendor: "kinsta", fault: { ...CALLS.listBackups.kinsta, count: 1, reset: true } },
  {
    name: "429 Retry-After on a prune",
    vendor: "northflank",
    fault: { ...CALLS.deleteBackup.northflank, count: 1, status: 429, retryAfter: 1 },
  },
  {
    name: "500 on a prune (delete is idempotent)",
    vendor: "vpsorg",
    fault: { ...CALLS.deleteBackup.vpsorg, count: 1, status: 500 },
  },
  {
    name: "401 in the middle of pruning",
    vendor: "vpsorg",
    fault: { ...CALLS.deleteBackup.vpsorg, count: 1, status: 401 },
    mayFail: true,
  },
  {
    name: "502 on the freshness create",
    vendor: "vpsorg",
    fault: { ...CALLS.createBackup.vpsorg, count: 1, status: 502 },
    freshness: true,
  },
  {
    // The vendor took the backup but the answer never came: the marked backup is adopted.
    name: "no answer to the freshness create",
    vendor: "northflank",
    fault: { ...CALLS.createBackup.northflank, count: 1, delayMs: 4000 },
    freshness: true,
    requestTimeoutSeconds: 2,
  },
  {
    name: "503 on Northflank's schedule create",
    vendor: "northflank",
    fault: { method: "POST", path: "/backup-schedules$", count: 1, status: 503 },
    schedule: true,
  },
];

describe.each(rows)("BackupPolicy with $name ($vendor)", (row) => {
  it("ends in success or a clear error, and a rerun converges with nothing lost or duplicated", async () => {
    const tag = uniqueTag("pol");
    // Four managed backups; the policy keeps the two newest. Freshness rows: all older than 24 h.
    const ages = row.freshness ? [100, 90, 80, 70] : [40, 30, 20, 10];
    const seeded = await seedManaged(row.vendor, tag, ages);
    if (row.freshness) await ageTheRest(row.vendor, tag);
    const timeout: Record<string, string> = row.requestTimeoutSeconds
      ? { HOSTING_BACKUPS_REQUEST_TIMEOUT_SECONDS: String(row.requestTimeoutSeconds) }
      : {};
    const t = await createTestStack(program, {
      envVars: { ...sandbox.urlEnv(), ...sandbox.credentialEnv(), ...timeout },
    });
    try {
      const policy: Record<string, unknown> = {
        target: sandbox.target(row.vendor),
        match: { descriptionPrefix: tag },
        retention: { keepLast: 2 },
        // Freshness rows prune 3 of 4 on first contact (the new backup counts): acknowledged.
        allowInitialPrune: true,
      };
      if (row.freshness) policy.freshness = { maxAgeHours: 24, description: `${tag} fresh` };
      if (row.schedule) policy.schedule = { interval: "weekly", day: [6], hour: [4], minute: [0], retentionDays: 30 };
      await t.stack.setConfig("e2e-policies:policies", { value: JSON.stringify({ regime: policy }) });

      await sandbox.fault(row.fault);
      try {
        await t.stack.up({ refresh: true });
      } catch (error) {
        if (!row.mayFail) throw error;
        // A clear error: resource, vendor, operation and the vendor's message.
        expect(errorText(error)).toMatch(/BackupPolicy regime.*VPS\.org deleteBackup failed with HTTP 401/s);
      }
      await sandbox.clearFaults();

      const rerun = await t.stack.up({ refresh: true });
      expect(rerun.outputs.regime.value.managedCount).toBe(2);
      const kept = await managedIds(row.vendor, tag);
      if (row.freshness) {
        // The fresh backup and the newest seeded one; exactly one fresh backup was taken.
        expect(kept).toContain(seeded[3]);
        expect(kept.length).toBe(2);
        const fresh = await managedIds(row.vendor, `${tag} fresh`);
        expect(fresh.length).toBe(1);
        expect(kept).toContain(fresh[0]);
      } else {
        expect(kept.sort()).toEqual([seeded[2], seeded[3]].sort());
      }
      if (row.schedule) expect(rerun.outputs.regime.value.scheduleIds.length).toBe(1);

      const again = await t.stack.preview({ refresh: true });
      expect(Object.keys(again.changeSummary)).toEqual(["same"]);
      await t.stack.destroy();
    } finally {
      await sandbox.clearFaults();
      await t.cleanup();
      // Leave room under VPS.org's 10-manual-backup cap for the next rows.
      for (const id of await managedIds(row.vendor, tag)) await sandbox.deleteBackup(row.vendor, id);
    }
  });
});
