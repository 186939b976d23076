/**
 * create / read / update / delete of a `Backup`.
 */
import {
  isErrorOf,
  OperationFailedError,
  ResourceInitFailure,
  ValidationError,
  WaitTimeoutError,
} from "../../core/errors";
import { logInfo } from "../../core/log";
import { pollListMaxAgeMs, waitUntil, withDeadline } from "../../core/poll";
import { inBackground } from "../../core/request-budget";
import type { BackupProgress, PendingBackup, VendorBackup } from "../../vendors/vendor";
import {
  budgetOf,
  invalidateBackupList,
  listBackupsShared,
  listsAskedSoFar,
  sharedBackupList,
} from "../shared/clients";
import { resourceContext, type ResourceContext } from "../shared/context";
import { timeBoundOf, type TimeBound } from "../shared/duration";
import { dropUndefined } from "../shared/json";
import { parseResourceId } from "../shared/target";
import { findMarkedBackup, hasMarker, markedDescription, startMarkedBackup } from "../shared/marked-backup";
import { backupMarker, vendorOptions } from "./inputs";
import { BACKUP_INPUT_KEYS, DEFAULT_TIMEOUT, type BackupInputs, type BackupOutputs } from "./schema";

type State = BackupInputs & BackupOutputs & { __provider?: string };

type Context = ResourceContext;

/**
 * `<target key>/<backup id>`; a Kinsta backup accepted without waiting has no backup id yet,
 * and its operation id stands in for it.
 */
const resourceId = (ctx: Context, backupId: string) => `${ctx.targetKey}/${backupId}`;

function outputsOf(ctx: Context, backup: VendorBackup, marker: string): BackupOutputs {
  return {
    backupId: backup.id,
    status: backup.state,
    vendorStatus: backup.vendorStatus,
    createdAt: backup.createdAt,
    completedAt: backup.completedAt,
    sizeBytes: backup.sizeBytes,
    expiresAt: backup.expiresAt,
    backupKind: backup.backupType,
    wordpressVersion: backup.wordpressVersion,
    addonVersion: backup.addonVersion,
    downloadUrl: backup.downloadUrl,
    failureReason: backup.failureReason,
    marker,
    targetKey: ctx.targetKey,
  };
}

export async function createBackup(inputs: BackupInputs & { __provider?: string }) {
  const bound = timeBoundOf(inputs.timeout);
  const deadline = Date.now() + bound.ms;
  // Every request of the create, look-ups included, may wait for the account's budget until the timeout.
  return withDeadline(deadline, () => createWithin(inputs, deadline, bound));
}

async function createWithin(inputs: BackupInputs & { __provider?: string }, deadline: number, bound: TimeBound) {
  const ctx = resourceContext(inputs);
  const marker = backupMarker(inputs);
  const description = markedDescription(inputs.description, marker);

  let pending: PendingBackup;
  let known: VendorBackup | undefined;
  if (inputs.adoptBackupId) {
    known = await ctx.client.getBackup(ctx.fields, inputs.adoptBackupId);
    if (!known) {
      throw new ValidationError("adoptBackupId", `no backup "${inputs.adoptBackupId}" exists at ${ctx.targetKey}`);
    }
    logInfo(`adopting existing ${ctx.vendor.displayName} backup ${known.id}`);
    pending = { backupId: known.id, requestedAt: new Date().toISOString() };
  } else {
    // A backup of an earlier, interrupted run predates this process: any list this process
    // fetched shows it, so every create on a target shares one look-up.
    known = await findMarkedBackup(ctx, marker, false, Number.POSITIVE_INFINITY);
    if (known) {
      logInfo(
        `found backup ${known.id} marked hb:${marker} from an earlier, interrupted run; adopting it instead of taking another`,
      );
      pending = { backupId: known.id, requestedAt: known.createdAt ?? new Date().toISOString() };
    } else {
      const request = { description, options: vendorOptions(inputs) };
      pending = await startMarkedBackup(ctx, request, marker, deadline, bound.label);
      // The shared list is not dropped here: polls tell a list asked for before this create
      // from a newer one (`waitForBackup`), and dropping it for every create of a fleet would
      // cost a list per backup.
    }
  }

  // Kinsta reveals the backup id only when its operation ends: without waiting, the operation
  // id stands in for it (a BackupGate, refresh or a later wait resolves it). Accepted with
  // neither (Kinsta's operation id is optional), the backup can only be told by waiting.
  const mustWait = inputs.waitForCompletion || (!pending.backupId && !pending.operationId);
  let backup: VendorBackup;
  if (known && (known.state === "completed" || !mustWait)) {
    backup = known;
  } else if (mustWait) {
    backup = await waitForBackup(ctx, inputs, pending, description, deadline, marker, bound);
  } else {
    const accepted = acceptedBackup(pending);
    const outs: State = dropUndefined({
      ...inputs,
      ...outputsOf(ctx, accepted, marker),
      operationId: pending.backupId ? undefined : pending.operationId,
    });
    return { id: resourceId(ctx, pending.backupId ?? pending.operationId!), outs };
  }
  backup = await withDownloadLink(ctx, inputs, backup);
  const outs: State = dropUndefined({ ...inputs, ...outputsOf(ctx, backup, marker) });
  return { id: resourceId(ctx, backup.id), outs };
}

/** A backup the vendor accepted and nobody has seen progress on yet; no id yet on Kinsta (""). */
function acceptedBackup(pending: PendingBackup): VendorBackup {
  return {
    id: pending.backupId ?? "",
    state: "pending",
    vendorStatus: "requested",
    manual: true,
    createdAt: pending.requestedAt,
  };
}

/** What a stored Backup is waiting for: its backup id, or (Kinsta, not yet listed) its operation. */
export function pendingOf(props: Pick<State, "backupId" | "operationId" | "createdAt">): PendingBackup {
  return {
    backupId: props.backupId || undefined,
    operationId: props.backupId ? undefined : props.operationId,
    requestedAt: props.createdAt ?? "",
  };
}

/** The download link, fetched once for a completed backup, and only when the inputs ask for it. */
async function withDownloadLink(ctx: Context, inputs: BackupInputs, backup: VendorBackup): Promise<VendorBackup> {
  if (!inputs.includeDownloadLink || backup.state !== "completed" || backup.downloadUrl || !ctx.client.downloadLink)
    return backup;
  return { ...backup, downloadUrl: await ctx.client.downloadLink(ctx.fields, backup.id) };
}

/**
 * How often a backup the list cannot account for is asked about on its own (Kinsta's
 * operation, which alone reports a failure; a backup missing from a list newer than its create).
 */
const DIRECT_CHECK_INTERVAL_MS = 60_000;
/** Backups this process is waiting for, per target and per account. */
const waitingPerTarget = new Map<string, number>();
const waitingPerAccount = new Map<string, number>();

function countWaiting(counts: Map<string, number>, key: string, change: 1 | -1): void {
  const left = (counts.get(key) ?? 0) + change;
  if (left > 0) counts.set(key, left);
  else counts.delete(key);
}

const waitingKeys = (ctx: Context) => ({
  targetKey: `${ctx.vendor.name}|${ctx.account ?? ""}|${ctx.targetKey}`,
  accountKey: `${ctx.vendor.name}|${ctx.account ?? ""}`,
});

/** A backup's progress as a list of its target shows it. */
function progressOf(backup: VendorBackup): BackupProgress {
  if (backup.state === "completed") return { state: "completed", backup };
  if (backup.state === "failed")
    return { state: "failed", reason: backup.failureReason ?? backup.vendorStatus, backup };
  return { state: backup.state, backup };
}

/**
 * One poll of a backup in flight. Every backup waiting on the same target reads a shared list
 * (queued as background work in the account's budget), so N backups on one target cost one
 * list per poll wave, not N reads. How old that list may be follows the account's spare
 * requests (`pollListMaxAgeMs`): with requests to spare, a list asked for after the one this
 * backup read last (concurrent polls share the one in flight), so a completion is noticed at
 * the next poll; as the budget runs out, a list up to 5 s old. The backup is found by id, or
 * (Kinsta, whose id comes only with completion and whose list shows only finished backups)
 * by its marker. A list asked for before the create proves nothing about absence; a newer one
 * that lacks the backup, and Kinsta's operation, are checked directly, at most every
 * {@link DIRECT_CHECK_INTERVAL_MS}.
 */
function makePoll(ctx: Context, pending: PendingBackup, description: string, marker: string) {
  let lastDirectCheck = Date.now();
  const listsPending = ctx.vendor.capabilities.listsPendingBackups !== false;
  const { targetKey, accountKey } = waitingKeys(ctx);
  const budget = budgetOf(ctx.vendor, ctx.account);
  // Lists asked for up to the create's answer; the next poll wants a later one.
  const askedBeforeCreate = listsAskedSoFar();
  let lastRead = askedBeforeCreate;
  return async (): Promise<BackupProgress> => {
    const maxAgeMs = pollListMaxAgeMs({
      spareRequests: budget?.spareRequests() ?? Number.POSITIVE_INFINITY,
      waitingOnAccount: waitingPerAccount.get(accountKey) ?? 1,
      waitingOnTarget: waitingPerTarget.get(targetKey) ?? 1,
    });
    const list = sharedBackupList(
      ctx.vendor,
      ctx.target,
      ctx.account,
      maxAgeMs === 0 ? { askedAfter: lastRead } : { maxAgeMs },
    );
    lastRead = Math.max(lastRead, list.seq);
    const backups = await inBackground(() => list.backups);
    const listed = pending.backupId
      ? backups.find((b) => b.id === pending.backupId)
      : backups.find((b) => b.manual && hasMarker(b.description, marker) && b.state !== "failed");
    if (listed) return progressOf(listed);
    const listIsNewer = list.seq > askedBeforeCreate;
    const dueForDirectCheck = Date.now() - lastDirectCheck >= DIRECT_CHECK_INTERVAL_MS;
    if ((listIsNewer && listsPending) || dueForDirectCheck) {
      lastDirectCheck = Date.now();
      return inBackground(() => ctx.client.checkBackup(ctx.fields, pending, description));
    }
    return { state: "running" };
  };
}

/**
 * Polls one backup until the vendor reports it completed (its backup) or failed
 * (`OperationFailedError`), or the deadline passes (`WaitTimeoutError`). `onProgress` sees
 * every answer. Backups waited for at once in one process share their target's lists and
 * their account's request budget (`makePoll`): a `Backup` waits through it, and a
 * `BackupGate` waits for many at once.
 */
export async function awaitBackup(
  ctx: Context,
  pending: PendingBackup,
  description: string,
  deadline: number,
  marker: string,
  onProgress?: (progress: BackupProgress) => void,
): Promise<VendorBackup> {
  const poll = makePoll(ctx, pending, description, marker);
  const { targetKey, accountKey } = waitingKeys(ctx);
  countWaiting(waitingPerTarget, targetKey, 1);
  countWaiting(waitingPerAccount, accountKey, 1);
  try {
    const done = await waitUntil(
      async () => {
        const progress = await poll();
        onProgress?.(progress);
        return progress.state === "completed" || progress.state === "failed" ? progress : undefined;
      },
      { deadline, what: `${ctx.vendor.displayName} backup ${pending.backupId ?? pending.operationId ?? ""}`.trim() },
    );
    if (done.state === "failed") {
      throw new OperationFailedError(
        { vendor: ctx.vendor.displayName, operation: "createBackup", vendorMessage: done.reason },
        `backup ${done.backup?.id ?? pending.backupId ?? ""} failed at the vendor`.replace("  ", " "),
      );
    }
    return (done as Extract<BackupProgress, { state: "completed" }>).backup;
  } finally {
    countWaiting(waitingPerTarget, targetKey, -1);
    countWaiting(waitingPerAccount, accountKey, -1);
  }
}

async function waitForBackup(
  ctx: Context,
  inputs: BackupInputs,
  pending: PendingBackup,
  description: string,
  deadline: number,
  marker: string,
  bound: TimeBound,
): Promise<VendorBackup> {
  let last: BackupProgress | undefined;
  try {
    return await awaitBackup(ctx, pending, description, deadline, marker, (progress) => (last = progress));
  } catch (error) {
    const backupId = pending.backupId ?? last?.backup?.id;
    if (isErrorOf(error, WaitTimeoutError) && backupId) {
      // The vendor has the backup; keep it in the state so the next `up` keeps waiting.
      const backup = last?.backup ?? {
        id: backupId,
        state: "running" as const,
        vendorStatus: "in progress",
        manual: true,
      };
      const properties = dropUndefined({ ...inputs, ...outputsOf(ctx, backup, marker) });
      throw new ResourceInitFailure(
        `${ctx.vendor.displayName} backup ${backupId} did not complete within ${bound.label}; it stays in the state and the next \`pulumi up\` waits for it again`,
        resourceId(ctx, backupId),
        properties,
      );
    }
    throw error;
  }
}

export async function readBackup(id: string, props: State) {
  if (!props.target || (!props.backupId && !props.operationId)) {
    // `Backup.get(name, id)`: nothing but the id is known; read that backup, unmanaged.
    const parsed = parseResourceId(id);
    if (!parsed) return { id, props, inputs: pickInputs(props) };
    props = {
      ...props,
      target: parsed.target,
      backupId: parsed.last,
      adoptBackupId: parsed.last,
      deletionPolicy: "retain",
    };
    props.description = props.description ?? "pulumi backup";
  }
  const inputs = pickInputs(props);
  const ctx = resourceContext(props);
  if (!props.backupId && props.operationId) return readAccepted(ctx, id, props, inputs);
  const backups = await listBackupsShared(ctx.vendor, ctx.target, props.account);
  const backup = backups.find((b) => b.id === props.backupId);
  if (!backup) {
    logInfo(`${ctx.vendor.displayName} backup ${props.backupId} no longer exists; it leaves the state`);
    return { id: "", props: {}, inputs: {} };
  }
  const outs = dropUndefined({ ...inputs, ...outputsOf(ctx, backup, props.marker) });
  // Lists carry no download link (Northflank: one call per backup would spend the hourly
  // budget), so the link read with the backup stays; its absence in a list is no removal.
  if (outs.downloadUrl === undefined && backup.state === "completed" && props.downloadUrl !== undefined)
    outs.downloadUrl = props.downloadUrl;
  return { id, props: outs, inputs };
}

/**
 * Refresh of a Kinsta backup accepted without waiting, whose id is not known yet: listed (by
 * its marker) means completed, and its id is filled in; otherwise its operation says whether
 * it still runs or failed. One look, no waiting.
 */
async function readAccepted(ctx: Context, id: string, props: State, inputs: Record<string, unknown>) {
  const description = markedDescription(props.description, props.marker);
  const listed = (await listBackupsShared(ctx.vendor, ctx.target, props.account)).find(
    (b) => b.manual && hasMarker(b.description, props.marker) && b.state !== "failed",
  );
  const progress: BackupProgress = listed
    ? progressOf(listed)
    : await ctx.client.checkBackup(ctx.fields, pendingOf(props), description);
  if (progress.state === "completed") {
    const outs = dropUndefined({ ...inputs, ...outputsOf(ctx, progress.backup, props.marker) });
    return { id: resourceId(ctx, progress.backup.id), props: outs, inputs };
  }
  const outs: State = { ...props, status: progress.state, vendorStatus: progress.state };
  if (progress.state === "failed") outs.failureReason = progress.reason;
  return { id, props: dropUndefined(outs), inputs };
}

export async function updateBackup(id: string, olds: State, news: BackupInputs) {
  const ctx = resourceContext(news);
  let outs: State = dropUndefined({ ...olds, ...news });
  // Still running (an earlier timeout, or waitForCompletion just switched on): wait now.
  const bound = timeBoundOf(news.timeout);
  const deadline = Date.now() + bound.ms;
  if (news.waitForCompletion && olds.status !== "completed") {
    const description = markedDescription(olds.description, olds.marker);
    const backup = await withDeadline(deadline, () =>
      waitForBackup(ctx, news, pendingOf(olds), description, deadline, olds.marker, bound),
    );
    outs = dropUndefined({ ...outs, ...outputsOf(ctx, backup, olds.marker), operationId: undefined });
  }
  if (!news.includeDownloadLink) delete outs.downloadUrl;
  else if (outs.status === "completed" && outs.downloadUrl === undefined) {
    const backup = await withDeadline(deadline, () =>
      withDownloadLink(ctx, news, {
        id: outs.backupId,
        state: "completed",
        vendorStatus: outs.vendorStatus,
        manual: true,
      }),
    );
    outs = dropUndefined({ ...outs, downloadUrl: backup.downloadUrl });
  }
  return { outs };
}

export async function deleteBackup(_id: string, props: State) {
  if (props.deletionPolicy !== "delete" || (!props.backupId && !props.operationId)) {
    logInfo(`retaining backup ${props.backupId ?? ""} at the vendor (deletionPolicy "retain")`);
    return;
  }
  const ctx = resourceContext(props);
  // Bounded like create: a rate-limit wait or outage retry ends at `timeout` (or customTimeouts.delete).
  const deadline = Date.now() + timeBoundOf(props.timeout ?? DEFAULT_TIMEOUT).ms;
  await withDeadline(deadline, async () => {
    const backupId = props.backupId || (await resolveAccepted(ctx, props));
    if (backupId) await ctx.client.deleteBackup(ctx.fields, backupId);
  });
  invalidateBackupList(ctx.vendor, ctx.target, props.account);
}

/**
 * The id of a Kinsta backup accepted without waiting, before deleting it: its operation is
 * waited for (up to the resource's timeout), since a backup still being taken cannot be
 * deleted. `undefined` when it failed: nothing exists to delete.
 */
async function resolveAccepted(ctx: Context, props: State): Promise<string | undefined> {
  const deadline = Date.now() + timeBoundOf(props.timeout ?? DEFAULT_TIMEOUT).ms;
  const description = markedDescription(props.description, props.marker);
  try {
    const backup = await withDeadline(deadline, () =>
      awaitBackup(ctx, pendingOf(props), description, deadline, props.marker),
    );
    return backup.id;
  } catch (error) {
    if (!isErrorOf(error, OperationFailedError)) throw error;
    logInfo(`${ctx.vendor.displayName} operation ${props.operationId ?? ""} failed: no backup to delete`);
    return undefined;
  }
}

function pickInputs(props: State): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const key of BACKUP_INPUT_KEYS) if (props[key] !== undefined) picked[key] = props[key];
  return picked;
}

export { vendorOptions };
