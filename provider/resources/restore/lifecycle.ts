/**
 * create / read / update / delete of a `RestoreOperation`. Nothing runs during preview (the
 * engine does not call create then). A restore cannot be undone, so delete only forgets it.
 */
import {
  AmbiguousRequestError,
  isErrorOf,
  OperationFailedError,
  ResourceInitFailure,
  UnsupportedFeatureError,
  ValidationError,
  VendorApiError,
  WaitTimeoutError,
} from "../../core/errors";
import { logInfo } from "../../core/log";
import { lookFor, waitUntil, withDeadline } from "../../core/poll";
import type { PendingRestore, RestoreProgress } from "../../vendors/vendor";
import { resourceContext } from "../shared/context";
import { parseDuration, timeBoundOf, type TimeBound } from "../shared/duration";
import { dropUndefined } from "../shared/json";
import { targetFields } from "../shared/target";
import { matchingBackups, restoreOptions } from "./inputs";
import {
  RESTORE_INPUT_KEYS,
  type BackupSelector,
  type RestoreInputs,
  type RestoreOutputs,
  type RestoreStatus,
} from "./schema";

type State = RestoreInputs & RestoreOutputs & { __provider?: string };

const TERMINAL: RestoreStatus[] = ["completed", "accepted", "failed"];

type Context = ReturnType<typeof restoreContext>;

/** The resource context, and the restore's `source` (`check` keeps it only when it differs from the target). */
function restoreContext(inputs: RestoreInputs) {
  const ctx = resourceContext(inputs);
  const sourceFields = inputs.source ? targetFields(inputs.source) : undefined;
  return { ...ctx, sourceFields, sourceKey: sourceFields ? ctx.vendor.targetKey(sourceFields) : undefined };
}

function outputsOf(targetKey: string, pending: PendingRestore, progress: RestoreProgress): RestoreOutputs {
  return {
    operationId: pending.operationId,
    status: progress.state,
    startedAt: pending.startedAt,
    completedAt: progress.state === "completed" ? (progress.completedAt ?? new Date().toISOString()) : undefined,
    restoredBackupId: pending.backupId,
    failureReason: progress.state === "failed" ? progress.reason : undefined,
    targetKey,
  };
}

const resourceId = (targetKey: string, pending: PendingRestore) =>
  `${targetKey}/restore/${pending.operationId ?? `${pending.backupId}@${pending.startedAt}`}`;

export async function createRestore(inputs: RestoreInputs & { __provider?: string }) {
  const bound = timeBoundOf(inputs.timeout);
  const deadline = Date.now() + bound.ms;
  // Every request of the restore may wait out a rate limit up to the resource's `timeout`
  // (not the HTTP core's 60 s cap outside a deadline): a 429 waits as long as the vendor says.
  return withDeadline(deadline, () => startAndFollow(inputs, deadline, bound));
}

async function startAndFollow(inputs: RestoreInputs & { __provider?: string }, deadline: number, bound: TimeBound) {
  const ctx = restoreContext(inputs);
  let pending: PendingRestore;
  if (inputs.pointInTime !== undefined) {
    logInfo(`restoring ${ctx.targetKey} to its state at ${inputs.pointInTime} (point-in-time restore)`);
    pending = await startPointInTimeRestoreOnce(ctx, inputs.pointInTime, deadline);
  } else {
    const backupId = inputs.backupId ?? (await resolveLatestBackup(ctx, inputs, inputs.backup ?? { latest: true }));
    logInfo(
      `restoring ${ctx.vendor.displayName} backup ${backupId}${ctx.sourceKey ? ` of ${ctx.sourceKey}` : ""} onto ${ctx.targetKey}`,
    );
    pending = await startRestoreOnce(ctx, backupId, restoreOptionsOf(ctx, inputs), deadline);
  }
  const id = resourceId(ctx.targetKey, pending);
  if (ctx.vendor.capabilities.restoreTracking === "accepted-only") {
    logInfo(`${ctx.vendor.displayName} accepted the restore; it reports no progress (completion is emailed)`);
  }
  const progress = inputs.waitForCompletion
    ? await waitForRestore(ctx, inputs, pending, deadline, id, bound)
    : await ctx.client.checkRestore(ctx.fields, pending);
  return { id, outs: dropUndefined({ ...inputs, ...outputsOf(ctx.targetKey, pending, progress) }) as State };
}

/** The vendor restore options as sent: the user's, plus the source's where the vendor needs it named. */
function restoreOptionsOf(ctx: Context, inputs: RestoreInputs): Record<string, unknown> {
  const fromSource = ctx.sourceFields && ctx.vendor.sourceRestoreOptions?.(ctx.sourceFields);
  return { ...restoreOptions(inputs), ...fromSource };
}

/**
 * `backup: { latest: true, match }`: the newest completed backup of the source (default: the
 * target) matching the selector, looked up once, here; the choice is kept as `restoredBackupId`
 * and never looked up again, so a newer backup does not make the restore run again.
 */
async function resolveLatestBackup(ctx: Context, inputs: RestoreInputs, selector: BackupSelector): Promise<string> {
  const from = ctx.sourceKey ?? ctx.targetKey;
  const backups = await ctx.client.listBackups(ctx.sourceFields ?? ctx.fields);
  const matching = matchingBackups(backups, selector);
  const newest = matching[0];
  if (!newest) {
    throw new ValidationError(
      "backup",
      `no completed backup of ${from} matches ${JSON.stringify(inputs.backup)} (${backups.length} backups listed, none completed and matching); nothing was restored`,
    );
  }
  logInfo(
    `backup selector chose ${newest.id} (${newest.description ?? "no description"}), the newest of ${matching.length} matching completed backups of ${from}`,
  );
  return newest.id;
}

/**
 * Starts the restore. A request without a usable answer (timeout, reset, 504, a garbled 2xx)
 * may have reached the vendor, and a second restore would overwrite live data again: it is
 * never resent. Where the vendor lists a backup's restores (Northflank), the restore that
 * appeared since the request is adopted; elsewhere the error stands and the user decides.
 */
async function startRestoreOnce(
  ctx: Context,
  backupId: string,
  options: Record<string, unknown>,
  deadline: number,
): Promise<PendingRestore> {
  const listIds = ctx.client.listRestoreIds?.bind(ctx.client);
  const known = listIds ? new Set(await listIds(ctx.fields, backupId, options)) : undefined;
  const startedAt = new Date().toISOString();
  try {
    return await ctx.client.startRestore(ctx.fields, { backupId, options });
  } catch (error) {
    if (!known || !listIds || !isErrorOf(error, AmbiguousRequestError)) throw error;
    logInfo(
      `${ctx.vendor.displayName} gave no usable answer to the restore request; looking for a new restore of backup ${backupId} instead of asking again`,
    );
    const adopted = await lookFor(
      async () => {
        const appeared = (await listIds(ctx.fields, backupId, options)).filter((id) => !known.has(id));
        // More than one new restore: someone else restored this backup too; do not guess.
        return appeared.length === 1 ? appeared[0] : undefined;
      },
      Math.min(deadline, Date.now() + 30_000),
    );
    if (adopted) return { operationId: adopted, backupId, startedAt, options };
    throw error;
  }
}

/**
 * A point-in-time restore: the window is checked first, and a time outside it fails with the
 * window's bounds before anything starts. An unanswered request is never resent; the single
 * restore of the target that appeared since is adopted, as for backup restores.
 */
async function startPointInTimeRestoreOnce(ctx: Context, pointInTime: string, deadline: number) {
  const pit = ctx.client.pointInTime;
  if (!pit) {
    throw new UnsupportedFeatureError(ctx.vendor.displayName, "point-in-time restore", "restore a backup instead");
  }
  const window = await pit.window(ctx.fields);
  const at = Date.parse(pointInTime);
  if (!window.hasValidWindow || !window.start || !window.end) {
    throw new ValidationError(
      "pointInTime",
      `${ctx.targetKey} has no point-in-time restore window at ${ctx.vendor.displayName} now; nothing was restored`,
    );
  }
  if (at < Date.parse(window.start) || at > Date.parse(window.end)) {
    throw new ValidationError(
      "pointInTime",
      `${pointInTime} is outside ${ctx.targetKey}'s point-in-time restore window, ${window.start} – ${window.end}; nothing was restored`,
    );
  }
  const known = new Set((await pit.listRestores(ctx.fields)).map((r) => r.id));
  const startedAt = new Date().toISOString();
  try {
    return await pit.start(ctx.fields, pointInTime);
  } catch (error) {
    if (!isErrorOf(error, AmbiguousRequestError)) throw error;
    logInfo(
      `${ctx.vendor.displayName} gave no usable answer to the point-in-time restore request; looking for a new restore of ${ctx.targetKey} instead of asking again`,
    );
    const adopted = await lookFor(
      async () => {
        const appeared = (await pit.listRestores(ctx.fields)).filter((r) => !known.has(r.id));
        return appeared.length === 1 ? appeared[0] : undefined;
      },
      Math.min(deadline, Date.now() + 30_000),
    );
    if (adopted) return { operationId: adopted.id, backupId: adopted.backupId, startedAt };
    throw error;
  }
}

async function waitForRestore(
  ctx: Context,
  inputs: RestoreInputs,
  pending: PendingRestore,
  deadline: number,
  id: string,
  bound: TimeBound,
): Promise<RestoreProgress> {
  let last: RestoreProgress = { state: "pending" };
  try {
    const done = await waitUntil(
      async () => {
        last = await ctx.client.checkRestore(ctx.fields, pending);
        return last.state === "pending" || last.state === "running" ? undefined : last;
      },
      { deadline, what: `${ctx.vendor.displayName} restore of backup ${pending.backupId}` },
    );
    if (done.state === "failed") {
      throw new OperationFailedError(
        { vendor: ctx.vendor.displayName, operation: "restoreBackup", vendorMessage: done.reason },
        `restore of backup ${pending.backupId} onto ${ctx.targetKey} failed`,
      );
    }
    return done;
  } catch (error) {
    if (isErrorOf(error, WaitTimeoutError)) {
      // The vendor is restoring: record it, and let the next `up` keep following it.
      throw new ResourceInitFailure(
        `restore of backup ${pending.backupId} onto ${ctx.targetKey} did not finish within ${bound.label}; the next \`pulumi up\` keeps following it`,
        id,
        dropUndefined({ ...inputs, ...outputsOf(ctx.targetKey, pending, last) }),
      );
    }
    if (!isErrorOf(error, OperationFailedError) && isErrorOf(error, VendorApiError)) {
      // The vendor accepted the restore, but following it failed (401, retries spent, …).
      // Without this the restore left no trace in the state and the next `up` started a
      // second restore over live data (test/reliability/faults-restore.test.ts, 401 on the
      // progress poll). Keep it in the state: the next `up` keeps following this one.
      throw new ResourceInitFailure(
        `${error.message}; the restore of backup ${pending.backupId} onto ${ctx.targetKey} was accepted and stays in the state, and the next \`pulumi up\` keeps following it instead of restoring again`,
        id,
        dropUndefined({ ...inputs, ...outputsOf(ctx.targetKey, pending, last) }),
      );
    }
    throw error;
  }
}

function pendingOf(ctx: Context, state: State): PendingRestore {
  return {
    operationId: state.operationId,
    backupId: state.restoredBackupId,
    startedAt: state.startedAt,
    // A point-in-time restore's backup is the target's own.
    options: state.pointInTime === undefined ? restoreOptionsOf(ctx, state) : undefined,
  };
}

export async function readRestore(id: string, props: State) {
  const inputs = Object.fromEntries(RESTORE_INPUT_KEYS.filter((k) => props[k] !== undefined).map((k) => [k, props[k]]));
  if (!props.target || TERMINAL.includes(props.status)) return { id, props, inputs };
  const ctx = restoreContext(props);
  const pending = pendingOf(ctx, props);
  // A refresh is bounded by the resource's `timeout` too, so a 429 waits out the vendor's reset.
  const deadline = Date.now() + parseDuration(props.timeout);
  const progress = await withDeadline(deadline, () => ctx.client.checkRestore(ctx.fields, pending));
  return { id, props: dropUndefined({ ...props, ...outputsOf(ctx.targetKey, pending, progress) }), inputs };
}

export async function updateRestore(id: string, olds: State, news: RestoreInputs) {
  let outs: State = dropUndefined({ ...olds, ...news });
  if (news.waitForCompletion && !TERMINAL.includes(olds.status)) {
    const ctx = restoreContext(news);
    const pending = pendingOf(ctx, olds);
    const bound = timeBoundOf(news.timeout);
    const progress = await waitForRestore(ctx, news, pending, Date.now() + bound.ms, id, bound);
    outs = dropUndefined({ ...outs, ...outputsOf(ctx.targetKey, pending, progress) });
  }
  return { outs };
}

export async function deleteRestore(_id: string, props: State) {
  logInfo(
    `forgetting the record of the restore of backup ${props.restoredBackupId ?? ""} (a restore cannot be undone)`,
  );
}
