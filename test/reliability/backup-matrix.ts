/**
 * Fault matrix for Backup: create, read (refresh) and delete (destroy), each against every
 * injected fault (429 + Retry-After, 500, 502, 503, 504, a response slower than the client
 * timeout, a connection reset, malformed JSON, and a 401 in the middle of the run), one
 * vendor per row, rotated. Each row ends in success after retries or in a clear error naming
 * vendor, operation, resource and the vendor's message; the state stays consistent; a
 * rerun converges with exactly one backup (or none after destroy) at the vendor.
 */
import * as path from "node:path";
import { createTestStack, TestStack } from "../support/pulumi";
import { requiredBackupArgs, startTestSandbox, TestSandbox, VendorName } from "../support/sandbox";
import { callOf, matching, type Operation } from "../support/routes";
import { backupsTagged, DISPLAY, errorText, Results, uniqueTag } from "./helpers";

const program = path.join(__dirname, "../e2e/programs/backups");
/** Client timeout (s) of the provider in this file; `slow` delays beyond it. */
const TIMEOUT_S = 2;

let sandbox: TestSandbox;
let results: Results;
const stacks = new Map<VendorName, TestStack>();

function lifecycle(suite: string) {
  results = new Results(suite);
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    // Kinsta's optional 5-creations-a-minute lane would turn this file into a rate-limit test.
    await sandbox.admin("POST", "/timing", { rateLimit: { "kinsta-create": null } });
  });
  afterAll(async () => {
    results.write();
    for (const t of stacks.values()) await t.cleanup();
    await sandbox?.close();
  });
}

/** One stack per vendor, reused by every row of that vendor (each row destroys what it made). */
async function stackFor(vendor: VendorName): Promise<TestStack> {
  let t = stacks.get(vendor);
  if (!t) {
    t = await createTestStack(program, {
      envVars: {
        ...sandbox.urlEnv(),
        HOSTING_BACKUPS_REQUEST_TIMEOUT_SECONDS: String(TIMEOUT_S),
        // Outages are ridden out for 2 minutes by default; 5 s keeps the "persistent 502" row short.
        HOSTING_BACKUPS_OUTAGE_RETRY_SECONDS: "5",
      },
      config: sandbox.credentialConfig(),
    });
    stacks.set(vendor, t);
  }
  return t;
}

/** An error body in the vendor's own shape, carrying `message`. */
export function vendorBody(vendor: VendorName, status: number, message: string): unknown {
  switch (vendor) {
    case "kinsta":
      return { status, message, data: null };
    case "wpengine":
      return { message };
    case "vpsorg":
      return { detail: message };
    case "northflank":
      return { error: { message, id: "req-injected" } };
  }
}

type FaultName = "429" | "500" | "502" | "503" | "504" | "slow" | "reset" | "malformed" | "401";

function faultSpec(fault: FaultName, vendor: VendorName): Record<string, unknown> {
  switch (fault) {
    case "429":
      return { status: 429, retryAfter: 1, body: vendorBody(vendor, 429, "injected 429 slow down") };
    case "slow":
      return { delayMs: TIMEOUT_S * 1000 + 2000 };
    case "reset":
      return { reset: true };
    case "malformed":
      return { malformed: true };
    default:
      return { status: Number(fault), body: vendorBody(vendor, Number(fault), `injected ${fault} message`) };
  }
}

interface Row {
  op: "create" | "read" | "delete";
  fault: FaultName;
  vendor: VendorName;
  /** Which call the fault hits (default: the operation's own call). */
  on?: Operation;
  /** How many matching requests it hits. @default 1 */
  count?: number;
  expect: "success" | "error";
  /** The failing call's operation name, as the error names it. */
  failing?: string;
  /** What the error must say besides vendor, operation and resource. */
  says?: RegExp;
}

const ROWS: Row[] = [
  // create: POST is not idempotent. 429/502/503 are retried; 500 fails at once; 504, a reset,
  // a timeout and a garbled answer are ambiguous: the marked backup is looked for first.
  { op: "create", fault: "429", vendor: "kinsta", expect: "success" },
  {
    op: "create",
    fault: "500",
    vendor: "wpengine",
    expect: "error",
    failing: "startBackup",
    says: /HTTP 500: injected 500 message/,
  },
  { op: "create", fault: "502", vendor: "vpsorg", expect: "success" },
  { op: "create", fault: "503", vendor: "northflank", expect: "success" },
  { op: "create", fault: "504", vendor: "wpengine", expect: "success" },
  { op: "create", fault: "slow", vendor: "northflank", expect: "success" },
  { op: "create", fault: "reset", vendor: "vpsorg", expect: "success" },
  // Kinsta took the backup but its answer was cut short; Kinsta lists it once it completed.
  { op: "create", fault: "malformed", vendor: "kinsta", expect: "success" },
  {
    op: "create",
    fault: "401",
    vendor: "kinsta",
    on: "pollBackup",
    expect: "error",
    failing: "listBackups",
    says: /HTTP 401: injected 401 message/,
  },
  {
    op: "create",
    fault: "401",
    vendor: "wpengine",
    on: "pollBackup",
    expect: "error",
    failing: "listBackups",
    says: /HTTP 401: injected 401 message/,
  },
  // read (refresh lists the target's backups): GET is idempotent, everything transient is retried.
  { op: "read", fault: "429", vendor: "wpengine", expect: "success" },
  { op: "read", fault: "500", vendor: "northflank", expect: "success" },
  { op: "read", fault: "502", vendor: "kinsta", expect: "success" },
  { op: "read", fault: "503", vendor: "vpsorg", expect: "success" },
  { op: "read", fault: "504", vendor: "northflank", expect: "success" },
  { op: "read", fault: "slow", vendor: "kinsta", expect: "success" },
  { op: "read", fault: "reset", vendor: "wpengine", expect: "success" },
  { op: "read", fault: "malformed", vendor: "northflank", expect: "success" },
  {
    op: "read",
    fault: "401",
    vendor: "vpsorg",
    expect: "error",
    failing: "listBackups",
    says: /HTTP 401: injected 401 message/,
  },
  // A 502 that outlasts the outage budget (HOSTING_BACKUPS_OUTAGE_RETRY_SECONDS=5 here).
  {
    op: "read",
    fault: "502",
    vendor: "kinsta",
    count: 100,
    expect: "error",
    failing: "listBackups",
    says: /HTTP 502: injected 502 message/,
  },
  // delete (destroy): DELETE is idempotent; a 404 on a repeated DELETE means it is gone.
  { op: "delete", fault: "429", vendor: "vpsorg", expect: "success" },
  { op: "delete", fault: "500", vendor: "kinsta", expect: "success" },
  { op: "delete", fault: "502", vendor: "northflank", expect: "success" },
  { op: "delete", fault: "503", vendor: "kinsta", expect: "success" },
  { op: "delete", fault: "504", vendor: "vpsorg", expect: "success" },
  { op: "delete", fault: "slow", vendor: "northflank", expect: "success" },
  { op: "delete", fault: "reset", vendor: "kinsta", expect: "success" },
  { op: "delete", fault: "malformed", vendor: "northflank", expect: "success" },
  {
    op: "delete",
    fault: "401",
    vendor: "vpsorg",
    expect: "error",
    failing: "deleteBackup",
    says: /HTTP 401: injected 401 message/,
  },
];

const OP_PATH: Record<Row["op"], Operation> = { create: "createBackup", read: "listBackups", delete: "deleteBackup" };

const title = (r: Row) =>
  `${r.op} × ${r.fault}${r.on ? ` (on ${r.on})` : ""}${r.count ? ` ×${r.count}` : ""} on ${r.vendor}`;

/** Registers the suite of one operation's rows (one test file per operation keeps each file to a few minutes). */
export function backupFaultMatrix(op: Row["op"]) {
  lifecycle(`faults-backup-${op}`);
  const rows = ROWS.filter((r) => r.op === op);
  it.each(rows.map((r) => [title(r), r] as const))("%s", async (_title, row) => {
    const { vendor } = row;
    const t = await stackFor(vendor);
    // read rows share one backup per vendor; create and delete rows take their own.
    const tag = op === "read" ? `read-${vendor.slice(0, 4)}` : uniqueTag("f");
    const name = `b-${tag}`;
    // Spread the rows of a vendor over its seeded targets (Kinsta keeps at most 5 manual backups).
    const target = sandbox.target(vendor, op === "read" ? 1 : ROWS.indexOf(row) % 2);
    const declare = () =>
      t.stack.setConfig("e2e-backups:backups", {
        value: JSON.stringify({
          [name]: { target, description: tag, timeout: "5m", ...requiredBackupArgs(vendor) },
        }),
      });
    const where = callOf(row.on ?? OP_PATH[op], vendor);
    const started = Date.now();

    await declare();
    if (op === "delete" || (op === "read" && !(await t.stack.outputs())[name])) {
      const setup = await t.stack.up();
      expect(setup.outputs[name].value.status).toBe("completed");
    }
    const before = op === "create" ? undefined : (await t.stack.outputs())[name].value;

    await sandbox.clearRequests();
    await sandbox.fault({ ...where, count: row.count ?? 1, ...faultSpec(row.fault, vendor) });
    const faultedAt = Date.now();
    let failure: string | undefined;
    try {
      await (op === "create" ? t.stack.up() : op === "read" ? t.stack.refresh() : t.stack.destroy());
    } catch (error) {
      failure = errorText(error);
    }
    const faultedRunMs = Date.now() - faultedAt;
    const log = await sandbox.requests();
    await sandbox.clearFaults();
    const hits = matching(log, where);
    const errorLine = failure?.split("\n").find((l) => /error: .*failed/.test(l));
    const record: Record<string, unknown> = {
      operation: op,
      on: row.on ?? OP_PATH[op],
      fault: row.fault + (row.count ? ` ×${row.count}` : ""),
      vendor,
      outcome: failure ? "error" : "success",
      attempts: hits.length,
      statuses: hits.map((h) => h.status),
      error: errorLine ? /error: (.*)/.exec(errorLine)?.[1]?.trim() : undefined,
      faultedRunMs,
    };
    results.add(record);

    if (row.expect === "success") {
      expect(failure).toBeUndefined();
    } else {
      expect(failure).toBeDefined();
      // The resource, then vendor + operation + the vendor's own message.
      expect(failure).toMatch(
        new RegExp(`\\(${name}\\)[\\s\\S]*error: ${DISPLAY[vendor].replace(".", "\\.")} ${row.failing} failed`),
      );
      expect(failure).toMatch(row.says!);
    }

    // The state is consistent: a rerun converges, then nothing is left to do.
    if (op === "create") {
      if (failure) await t.stack.up();
      const outs = (await t.stack.outputs())[name].value;
      expect(outs.status).toBe("completed");
      const atVendor = (await backupsTagged(sandbox, vendor, tag)).filter((b) => b.state !== "failed");
      record.backupsAtVendor = atVendor.length;
      expect(atVendor.length).toBe(1); // no duplicate, nothing lost
      expect(String(atVendor[0].id)).toBe(String(outs.backupId));
      expect((await t.stack.preview()).changeSummary).toEqual({ same: 2 });
    } else if (op === "read") {
      if (failure) await t.stack.refresh();
      const outs = (await t.stack.outputs())[name].value;
      expect(outs.backupId).toBe(before.backupId);
      const refreshed = await t.stack.refresh();
      expect(refreshed.summary.resourceChanges).toEqual({ same: 2 });
      record.backupsAtVendor = (await backupsTagged(sandbox, vendor, tag)).length;
      expect(record.backupsAtVendor).toBe(1);
    } else {
      if (failure) {
        // The failed destroy kept the backup in the state: nothing was forgotten.
        const kept = (await t.stack.exportStack()).deployment.resources.filter((r: { type: string }) =>
          r.type.endsWith(":Backup"),
        );
        expect(kept.length).toBe(1);
        await t.stack.destroy();
      }
      record.backupsAtVendor = (await backupsTagged(sandbox, vendor, tag)).length;
      expect(record.backupsAtVendor).toBe(0);
    }
    record.totalMs = Date.now() - started;
  });
}
