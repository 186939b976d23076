/**
 * Fault matrix for RestoreOperation: every injected fault on the restore call (or, for the
 * 401, on the progress poll after the vendor accepted the restore), one vendor per row,
 * rotated. Success after retries, or a clear error naming vendor, operation, resource and
 * the vendor's message; a rerun converges; the source backup is never duplicated. Restores
 * carry no marker at any vendor, so the number of restores the vendor started is recorded;
 * a run that succeeded started exactly one (Northflank's unanswered request is found in its
 * list of the backup's restores).
 */
import * as path from "node:path";
import { vendorBody } from "./backup-matrix";
import { createTestStack, TestStack } from "../support/pulumi";
import { requiredBackupArgs, startTestSandbox, TestSandbox, VendorName } from "../support/sandbox";
import { backupsTagged, DISPLAY, errorText, Results, sleep, uniqueTag } from "./helpers";
import { callOf, matching, type Operation } from "../support/routes";

jest.setTimeout(180_000);

const program = path.join(__dirname, "../e2e/programs/restores");
const TIMEOUT_S = 2;

let sandbox: TestSandbox;
const results = new Results("faults-restore");
const stacks = new Map<VendorName, { t: TestStack; tag: string }>();

beforeAll(async () => {
  sandbox = await startTestSandbox();
  await sandbox.admin("POST", "/timing", { rateLimit: { "kinsta-create": null } });
});
afterAll(async () => {
  results.write();
  for (const { t } of stacks.values()) await t.cleanup();
  await sandbox?.close();
});

async function restoreArgs(vendor: VendorName): Promise<Record<string, unknown>> {
  if (vendor === "wpengine") return { notificationEmails: ["ops@example.com"] };
  if (vendor === "kinsta") {
    const state = (await sandbox.state()) as { kinsta: { companies: { users: { id: string }[] }[] } };
    return { notifiedUserId: state.kinsta.companies[0].users[0].id };
  }
  return {};
}

const confirmation = (target: Record<string, string>) =>
  Object.entries(target)
    .filter(([k]) => k !== "vendor")
    .map(([, v]) => v)
    .join("/");

/** Restores the vendor has started on a target, as the sandbox records them. */
async function restoresStarted(vendor: VendorName): Promise<number> {
  const state = (await sandbox.state()) as Record<string, Record<string, unknown[]>>;
  if (vendor === "kinsta")
    return (state.kinsta.operations as { kind: string }[]).filter((o) => /restore/.test(o.kind)).length;
  return (state[vendor].restores ?? []).length;
}

type FaultName = "429" | "500" | "502" | "503" | "504" | "slow" | "reset" | "malformed" | "401";
interface Row {
  fault: FaultName;
  vendor: VendorName;
  on?: Operation;
  expect: "success" | "error";
  failing?: string;
  says?: RegExp;
}

const ROWS: Row[] = [
  { fault: "429", vendor: "northflank", expect: "success" },
  { fault: "500", vendor: "vpsorg", expect: "error", failing: "startRestore", says: /HTTP 500: injected 500 message/ },
  { fault: "502", vendor: "wpengine", expect: "success" },
  { fault: "503", vendor: "kinsta", expect: "success" },
  {
    fault: "504",
    vendor: "wpengine",
    expect: "error",
    failing: "startRestore",
    says: /HTTP 504: gateway timeout; the request may have reached WP Engine.*injected 504 message/,
  },
  // No answer, but the vendor did restore: Northflank lists a backup's restores, so the new one is adopted.
  { fault: "slow", vendor: "northflank", expect: "success" },
  // No answer, and nothing appeared in Northflank's list: the error stands, nothing is resent.
  {
    fault: "504",
    vendor: "northflank",
    expect: "error",
    failing: "startRestore",
    says: /HTTP 504: gateway timeout; the request may have reached Northflank/,
  },
  {
    fault: "slow",
    vendor: "vpsorg",
    expect: "error",
    failing: "startRestore",
    says: /no response .* within 2000 ms; the request may have reached VPS\.org/,
  },
  {
    fault: "reset",
    vendor: "kinsta",
    expect: "error",
    failing: "startRestore",
    says: /connection .* was reset.*may have reached Kinsta/,
  },
  // Northflank restored but its answer was cut short: found in the backup's restore list.
  { fault: "malformed", vendor: "northflank", expect: "success" },
  {
    fault: "401",
    vendor: "vpsorg",
    on: "pollRestore",
    expect: "error",
    failing: "checkRestore",
    says: /HTTP 401: injected 401 message.*was accepted and stays in the state/,
  },
  {
    fault: "401",
    vendor: "northflank",
    on: "pollRestore",
    expect: "error",
    failing: "checkRestore",
    says: /HTTP 401: injected 401 message.*was accepted and stays in the state/,
  },
];

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

describe("RestoreOperation fault matrix", () => {
  it.each(ROWS.map((r) => [`restore × ${r.fault}${r.on ? ` (on ${r.on})` : ""} on ${r.vendor}`, r] as const))(
    "%s",
    async (_title, row) => {
      const { vendor } = row;
      const target = sandbox.target(vendor);
      let entry = stacks.get(vendor);
      const declare = async (restoreTag?: string) => {
        await entry!.t.stack.setConfig("e2e-restores:backups", {
          value: JSON.stringify({ source: { target, description: entry!.tag, ...requiredBackupArgs(vendor) } }),
        });
        await entry!.t.stack.setConfig("e2e-restores:restores", {
          value: JSON.stringify(
            restoreTag
              ? {
                  drill: {
                    target,
                    backupFrom: "source",
                    confirm: confirmation(target),
                    triggers: [restoreTag],
                    ...(await restoreArgs(vendor)),
                  },
                }
              : {},
          ),
        });
      };
      if (!entry) {
        const t = await createTestStack(program, {
          envVars: { ...sandbox.urlEnv(), HOSTING_BACKUPS_REQUEST_TIMEOUT_SECONDS: String(TIMEOUT_S) },
          config: sandbox.credentialConfig(),
        });
        entry = { t, tag: uniqueTag("src") };
        stacks.set(vendor, entry);
        await declare();
        await t.stack.up(); // the source backup, without faults
      }
      const { t } = entry;
      const where = callOf(row.on ?? "startRestore", vendor);
      await declare(uniqueTag("r"));
      const restoresBefore = await restoresStarted(vendor);
      await sandbox.clearRequests();
      // On Northflank the provider lists the backup's restores once before it asks for one
      // (to find an unanswered request's restore): the 401 goes to the poll after that.
      const skip = row.on === "pollRestore" && vendor === "northflank" ? 1 : 0;
      await sandbox.fault({ ...where, count: 1, skip, ...faultSpec(row.fault, vendor) });
      const started = Date.now();
      let failure: string | undefined;
      try {
        await t.stack.up();
      } catch (error) {
        failure = errorText(error);
      }
      const faultedRunMs = Date.now() - started;
      const log = await sandbox.requests();
      await sandbox.clearFaults();
      const hits = matching(log, where);
      // A failure that keeps the resource in the state prints as "1 error occurred: * <reason>".
      const errorLine = failure
        ?.split("\n")
        .find((l) => /(error: |\* )\S.* failed/.test(l) && !/update failed/.test(l));
      const record: Record<string, unknown> = {
        operation: "restore",
        on: row.on ?? "startRestore",
        fault: row.fault,
        vendor,
        outcome: failure ? "error" : "success",
        attempts: hits.length,
        statuses: hits.map((h) => h.status),
        error: errorLine ? /(?:error: |\* )(.*)/.exec(errorLine)?.[1]?.trim() : undefined,
        faultedRunMs,
      };
      results.add(record);
      if (row.expect === "success") expect(failure).toBeUndefined();
      else {
        expect(failure).toBeDefined();
        expect(failure).toMatch(
          new RegExp(`\\(drill\\)[\\s\\S]*(error: |\\* )${DISPLAY[vendor].replace(".", "\\.")} ${row.failing} failed`),
        );
        expect(failure).toMatch(row.says!);
        if (row.fault === "slow") await sleep(3000); // the delayed request is handled after the client gave up
        const rerun = await t.stack.up();
        record.rerun = rerun.summary.resourceChanges;
      }
      const outs = (await t.stack.outputs()).drill.value;
      // VPS.org reports a restore completed only once it saw the server restoring (issue 21); a
      // fault on that read can hide the short restore, and then the honest outcome is `accepted`.
      const honest =
        vendor === "wpengine"
          ? ["accepted"]
          : vendor === "vpsorg" && row.on === "pollRestore"
            ? ["completed", "accepted"]
            : ["completed"];
      expect(honest).toContain(outs.status);
      expect((await t.stack.preview()).changeSummary).toEqual({ same: 3 });
      record.restoresStarted = (await restoresStarted(vendor)) - restoresBefore;
      if (row.expect === "success") expect(record.restoresStarted).toBe(1);
      record.backupsAtVendor = (await backupsTagged(sandbox, vendor, entry.tag)).length;
      expect(record.backupsAtVendor).toBe(1); // the source backup: never duplicated
      record.totalMs = Date.now() - started;
    },
  );
});
