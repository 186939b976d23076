/**
 * create / read / update / delete of a `BackupGate`: one resource that waits for many backups
 * at once. The backups it waits for were taken with `waitForCompletion: false`, so they held
 * none of the engine's slots; the gate waits for all of them concurrently in this one process,
 * where they share their targets' lists and their accounts' request budgets (the same polling
 * as a `Backup`). It is created only when it saw every backup completed; it never calls a
 * vendor to change anything.
 */
import { createHash } from "node:crypto";
import {
  BackupsIncompleteError,
  isErrorOf,
  OperationFailedError,
  ValidationError,
  WaitTimeoutError,
} from "../../core/errors";
import { logInfo } from "../../core/log";
import { withDeadline } from "../../core/poll";
import type { PendingBackup, VendorBackup } from "../../vendors/vendor";
import { awaitBackup } from "../backup/lifecycle";
import { listBackupsShared } from "../shared/clients";
import { resourceContext, type ResourceContext } from "../shared/context";
import { parseDuration } from "../shared/duration";
import { canonicalJson, dropUndefined } from "../shared/json";
import { hasMarker } from "../shared/marked-backup";
import { parseResourceId } from "../shared/target";
import type { GateBackup, GateEntry, GateInputs, GateOutputs } from "./schema";

type State = GateInputs & GateOutputs & { __provider?: string };

/** An entry's target, account and what to wait for. */
function entryContext(entry: GateEntry, index: number): { ctx: ResourceContext; pending: PendingBackup } {
  const parsed = parseResourceId(entry.id);
  if (!parsed) throw new ValidationError(`backups[${index}].id`, `is not a Backup resource id: "${entry.id}"`);
  const ctx = resourceContext({ target: parsed.target, account: entry.account });
  const requestedAt = entry.createdAt ?? "";
  const pending: PendingBackup = entry.operationId
    ? { operationId: entry.operationId, requestedAt }
    : { backupId: parsed.last, requestedAt };
  return { ctx, pending };
}

/** The text an entry's backup carries: the marker is what the vendors' lists are searched for. */
const markerText = (entry: GateEntry) => `hb:${entry.marker}`;

function seen(entry: GateEntry, backup: VendorBackup): GateBackup {
  return dropUndefined({
    name: entry.name,
    backupId: backup.id,
    status: backup.state,
    completedAt: backup.completedAt,
  });
}

/** Why one backup did not pass the gate, in a line naming it. */
function failureLine(entry: GateEntry, error: unknown): string {
  if (isErrorOf(error, WaitTimeoutError)) return `${entry.name} (${entry.id}): still running at the gate's timeout`;
  if (isErrorOf(error, OperationFailedError))
    return `${entry.name} (${entry.id}): failed at the vendor${error.vendorMessage ? `: ${error.vendorMessage}` : ""}`;
  return `${entry.name} (${entry.id}): ${error instanceof Error ? error.message : String(error)}`;
}

export async function createGate(inputs: GateInputs & { __provider?: string }) {
  const deadline = Date.now() + parseDuration(inputs.timeout);
  logInfo(`waiting for ${inputs.backups.length} backups to complete`);
  const results = await Promise.allSettled(
    inputs.backups.map((entry, index) => {
      const { ctx, pending } = entryContext(entry, index);
      return withDeadline(deadline, () => awaitBackup(ctx, pending, markerText(entry), deadline, entry.marker));
    }),
  );
  const failed = results.flatMap((result, i) =>
    result.status === "rejected" ? [failureLine(inputs.backups[i], result.reason)] : [],
  );
  if (failed.length > 0) throw new BackupsIncompleteError(failed, inputs.backups.length);
  const completedBackups = results.map((result, i) =>
    seen(inputs.backups[i], (result as PromiseFulfilledResult<VendorBackup>).value),
  );
  const outs: State = { ...inputs, status: "completed", completedBackups, completedAt: new Date().toISOString() };
  // The id names what was gated: the backups, in order.
  const digest = createHash("sha256")
    .update(canonicalJson(inputs.backups.map((b) => b.id)))
    .digest("hex");
  return { id: `gate/${inputs.backups.length}/${digest.slice(0, 16)}`, outs };
}

/**
 * Refresh: one look at each backup's target list (shared per target). A backup gone from the
 * list, or failed, makes the gate `incomplete`, and the next `up` replaces it (waits again).
 * A Kinsta backup still known only by its operation is looked for by its marker.
 */
export async function readGate(id: string, props: State) {
  if (!props.backups) return { id, props, inputs: props };
  const completedBackups = await Promise.all(
    props.backups.map(async (entry, index): Promise<GateBackup> => {
      const { ctx } = entryContext(entry, index);
      const known = props.completedBackups?.[index];
      const backupId = known?.backupId ?? parseResourceId(entry.id)?.last ?? "";
      const backups = await listBackupsShared(ctx.vendor, ctx.target, entry.account);
      const backup =
        backups.find((b) => b.id === backupId) ??
        backups.find((b) => b.manual && hasMarker(b.description, entry.marker));
      return backup ? seen(entry, backup) : { name: entry.name, backupId, status: "missing" };
    }),
  );
  const status = completedBackups.every((b) => b.status === "completed") ? "completed" : "incomplete";
  if (status === "incomplete") {
    const off = completedBackups.filter((b) => b.status !== "completed").map((b) => `${b.name} (${b.status})`);
    logInfo(`backup gate: ${off.join(", ")} no longer completed; the next \`pulumi up\` waits again`);
  }
  const { __provider: _provider, ...rest } = props;
  const inputs = { backups: rest.backups, timeout: rest.timeout };
  return { id, props: { ...rest, status, completedBackups }, inputs };
}

export async function updateGate(_id: string, olds: State, news: GateInputs) {
  // Only the timeout changes in place: what the gate saw stays.
  return { outs: { ...olds, timeout: news.timeout } };
}

export async function deleteGate(_id: string, props: State) {
  // The gate owns nothing at the vendors: forgetting it deletes no backup.
  logInfo(`forgetting the gate over ${props.backups?.length ?? 0} backups (the backups stay)`);
}
