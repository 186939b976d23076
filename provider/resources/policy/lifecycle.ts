/**
 * create / read / update / delete of a `BackupPolicy`.
 *
 * `check` (check.ts) computes the plan for the inputs being previewed and hands it to the
 * engine as the `planned*` inputs, which the preview shows. `create` and `update` re-list
 * (fresh), recompute the plan and do only the part of it the preview showed
 * (`agreeWithPreview`). `read` (refresh) reports the inventory. `delete` removes the native
 * schedules the policy created and never deletes a backup.
 */
import {
  isErrorOf,
  NotFoundError,
  OperationFailedError,
  ResourceInitFailure,
  ValidationError,
} from "../../core/errors";
import { logInfo } from "../../core/log";
import { waitUntil, withDeadline } from "../../core/poll";
import { markerOf } from "../../vendors/marker";
import type { BackupProgress, NativeSchedule, PendingBackup, VendorBackup } from "../../vendors/vendor";
import { vendorOptions } from "../backup/inputs";
import { resolveAccount } from "../../config/accounts";
import { invalidateBackupList, listBackupsShared } from "../shared/clients";
import { resourceContext, targetKeyOf, type ResourceContext } from "../shared/context";
import { timeBoundOf } from "../shared/duration";
import { dropUndefined } from "../shared/json";
import { markedDescription, startMarkedBackup } from "../shared/marked-backup";
import { handOver } from "./handoff";
import { DEFAULT_POLICY_TIMEOUT, POLICY_INPUT_KEYS, type PolicyInputs, type PolicyOutputs } from "./schema";
import {
  agreeWithPreview,
  inventoryOf,
  planPolicy,
  type PlanInputs,
  type PlanSchedules,
  type PolicyPlan,
  type ShownPlan,
} from "./plan";

type State = PolicyInputs & PolicyOutputs & { __provider?: string };
/** The inputs `create`/`update` get: as `check` returned them, the plan the preview showed included. */
type CheckedInputs = PolicyInputs & ShownPlan & { __provider?: string };

type Context = ResourceContext;

const resourceId = (ctx: Context) => `${ctx.targetKey}/policy`;

/**
 * Whose backup list a refresh hands to the plan (handoff.ts): the vendor endpoint, account and
 * target; `undefined` (no handoff) when the account does not resolve here (a client made
 * otherwise, as in unit tests).
 */
export function listScope(ctx: Context): string | undefined {
  try {
    const { baseUrl } = resolveAccount(ctx.vendor, ctx.account);
    return [ctx.vendor.name, baseUrl, ctx.account ?? "", ctx.targetKey].join("|");
  } catch {
    return undefined;
  }
}

/**
 * The marker of a backup taken by the policy: from its identity and the time it asked, so
 * every backup gets its own, and retention later recognises it as created by the provider.
 */
export function policyMarker(identity: string | undefined, requestedAt: string): string {
  return markerOf(`${identity ?? ""}|${requestedAt}`);
}

/** Whether the policy needs the vendor's native schedules (declared now, or maybe created before). */
function schedulesOf(ctx: Context, inputs: PolicyInputs, mayOwn: boolean) {
  if (!ctx.vendor.capabilities.schedules || !ctx.client.schedules) return undefined;
  if (!inputs.schedule?.length && !mayOwn) return undefined;
  return ctx.client.schedules;
}

/**
 * How old a list of the same command's refresh (`read`) and plan (`check`) may share: one list
 * call per target per preview, in whichever order the engine calls them. `update` re-lists
 * fresh before acting and does no more than the plan named, so an older list can only make
 * it do less.
 */
export const SHARED_LIST_MAX_AGE_MS = 60_000;

/**
 * Lists the target's backups (and native schedules when the policy needs them) and plans.
 * `owned`: the ids of the schedules this policy created, or how to tell them from the list.
 * `planFor` plans other inputs against the same observation and clock.
 */
export async function observe(
  ctx: Context,
  inputs: PolicyInputs,
  owned: string[] | ((existing: NativeSchedule[]) => string[]),
  fresh: boolean,
  maxListAgeMs?: number,
  /** The target's backups as a refresh of this command already listed them (handoff.ts). */
  listed?: VendorBackup[],
) {
  const schedulesApi = schedulesOf(ctx, inputs, typeof owned === "function" || owned.length > 0);
  const [backups, existing] = await Promise.all([
    listed ? Promise.resolve(listed) : listBackupsShared(ctx.vendor, ctx.target, inputs.account, fresh, maxListAgeMs),
    schedulesApi ? schedulesApi.list(ctx.fields) : Promise.resolve(undefined),
  ]);
  const schedules: PlanSchedules | undefined = existing
    ? { existing, owned: typeof owned === "function" ? owned(existing) : owned }
    : undefined;
  const now = Date.now();
  const planFor = (planInputs: PlanInputs) => planPolicy(backups, planInputs, now, ctx.vendor, schedules);
  return { backups, schedules, plan: planFor(inputs), planFor };
}

function inventory(ctx: Context, backups: VendorBackup[], inputs: PolicyInputs) {
  return { ...inventoryOf(backups, inputs.match), targetKey: ctx.targetKey };
}

function pickInputs(props: State): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const key of POLICY_INPUT_KEYS) if (props[key] !== undefined) picked[key] = props[key];
  return picked;
}

export async function readPolicy(id: string, props: State) {
  const inputs = pickInputs(props);
  if (!props.target) return { id, props, inputs };
  const ctx = resourceContext(props);
  const owned = props.scheduleIds ?? [];
  const { backups, schedules } = await observe(ctx, props, owned, false, SHARED_LIST_MAX_AGE_MS);
  // The plan of this preview may be checked in another provider process: hand it this list.
  const scope = listScope(ctx);
  if (scope) handOver(scope, backups);
  // The schedules this policy created that still exist (one deleted out of band drops out).
  const scheduleIds = schedules ? owned.filter((sid) => schedules.existing.some((s) => s.id === sid)) : owned;
  const outs = dropUndefined({
    ...inputs,
    ...inventory(ctx, backups, props),
    lastPrunedIds: props.lastPrunedIds ?? [],
    lastBackupId: props.lastBackupId,
    scheduleIds,
  });
  return { id, props: outs, inputs };
}

export async function createPolicy(inputs: CheckedInputs) {
  const ctx = resourceContext(inputs);
  const outs = await reconcile(ctx, inputs, [], inputs.__provider);
  return { id: resourceId(ctx), outs };
}

export async function updatePolicy(_id: string, olds: State, news: CheckedInputs) {
  const ctx = resourceContext(news);
  // Schedules created on another target (a replaced policy) are not this target's.
  const sameTarget = olds.target && targetKeyOf(olds.target) === ctx.targetKey;
  const owned = sameTarget ? (olds.scheduleIds ?? []) : [];
  const outs = await reconcile(ctx, news, owned, news.__provider, olds);
  return { outs };
}

/**
 * Re-lists (fresh), recomputes the plan, keeps only what the preview showed
 * (`agreeWithPreview`: never a prune the preview did not name) and does it, in a safe order:
 * prunes that make room under the vendor's cap, the fresh backup (and waiting for it), then
 * the other prunes, then the schedules. If something fails after a change was made, the
 * resource keeps a state that records it (ResourceInitFailure) and the next `up` continues.
 */
async function reconcile(
  ctx: Context,
  checked: CheckedInputs,
  owned: string[],
  provider: string | undefined,
  olds?: State,
): Promise<State> {
  const inputs = withoutPlan(checked);
  const observed = await observe(ctx, inputs, owned, true);
  const { backups } = observed;
  const { plan, differences } = agreeWithPreview(
    observed.plan,
    () => observed.planFor({ ...inputs, freshness: undefined }),
    checked,
  );
  for (const difference of differences) logInfo(`${ctx.targetKey}: differs from the preview: ${difference}`);
  if (plan.backup?.blocked) throw new ValidationError("freshness", plan.backup.blocked);

  const done = {
    pruned: [] as string[],
    backupId: undefined as string | undefined,
    scheduleIds: [...plan.keptScheduleIds],
    scheduleActions: 0,
    changed: false,
  };
  const stateNow = (fresh: VendorBackup[]): State =>
    dropUndefined({
      ...inputs,
      ...inventory(ctx, fresh, inputs),
      // "The last run" is the last one that did something: a run with nothing to do keeps them.
      lastPrunedIds: done.changed || done.backupId ? done.pruned : (olds?.lastPrunedIds ?? []),
      lastBackupId: done.changed || done.backupId ? done.backupId : olds?.lastBackupId,
      scheduleIds: done.scheduleIds,
    }) as State;

  try {
    await runPlan(ctx, inputs, plan, done);
  } catch (error) {
    if (!done.changed) throw error;
    const left = backups.filter((b) => !done.pruned.includes(b.id));
    const properties = { ...stateNow(left), __provider: provider };
    const message = error instanceof Error ? error.message : String(error);
    throw new ResourceInitFailure(
      `BackupPolicy on ${ctx.targetKey} stopped part-way (${describeDone(done)}): ${message}; the next \`pulumi up\` continues`,
      resourceId(ctx),
      properties,
    );
  }

  if (!done.changed) {
    logInfo(`${ctx.targetKey}: nothing to do`);
    return stateNow(backups);
  }
  invalidateBackupList(ctx.vendor, ctx.target, inputs.account);
  logInfo(`${ctx.targetKey}: ${describeDone(done)}`);
  // The inventory as the next `read` will see it, so a refresh right after shows no drift.
  const after = await listBackupsShared(ctx.vendor, ctx.target, inputs.account, true);
  return stateNow(after);
}

function describeDone(done: { pruned: string[]; backupId?: string; scheduleActions: number }): string {
  const parts = [`pruned ${done.pruned.length ? done.pruned.join(", ") : "nothing"}`];
  if (done.backupId) parts.push(`backup ${done.backupId} completed`);
  if (done.scheduleActions) parts.push(`${done.scheduleActions} schedule change(s)`);
  return parts.join("; ");
}

async function runPlan(
  ctx: Context,
  inputs: PolicyInputs,
  plan: PolicyPlan,
  done: { pruned: string[]; backupId?: string; scheduleIds: string[]; scheduleActions: number; changed: boolean },
) {
  const prune = async (backupId: string, reason: string) => {
    logInfo(`pruning ${ctx.vendor.displayName} backup ${backupId}: ${reason}`);
    try {
      await ctx.client.deleteBackup(ctx.fields, backupId);
    } catch (error) {
      if (!isErrorOf(error, NotFoundError)) throw error; // already gone: the plan is met
    }
    done.pruned.push(backupId);
    done.changed = true;
  };

  for (const p of plan.prunes.filter((p) => p.when !== "after-backup")) await prune(p.backupId, p.reason);

  if (plan.backup) {
    logInfo(`${ctx.targetKey}: ${plan.backup.reason}`);
    const bound = timeBoundOf(inputs.timeout);
    const deadline = Date.now() + bound.ms;
    if (plan.backup.waitForBackupId) {
      const running = await waitForPolicyBackup(
        ctx,
        { backupId: plan.backup.waitForBackupId, requestedAt: new Date().toISOString() },
        "",
        deadline,
        bound.label,
      );
      done.backupId = running.id;
    } else {
      const requestedAt = new Date().toISOString();
      const marker = policyMarker(inputs.identity, requestedAt);
      const description = markedDescription(inputs.freshness!.description, marker);
      const request = { description, options: vendorOptions(inputs) };
      const pending = await startMarkedBackup(ctx, request, marker, deadline, bound.label);
      done.changed = true;
      if (pending.backupId) done.backupId = pending.backupId;
      const backup = await waitForPolicyBackup(ctx, pending, description, deadline, bound.label);
      done.backupId = backup.id;
      logInfo(`${ctx.vendor.displayName} backup ${backup.id} ("${description}") completed`);
    }
  }

  for (const p of plan.prunes.filter((p) => p.when === "after-backup")) await prune(p.backupId, p.reason);

  const api = ctx.client.schedules;
  for (const action of plan.schedules) {
    if (!api) break;
    logInfo(`${ctx.targetKey}: ${action.reason}`);
    done.scheduleActions++;
    if (action.action === "delete" || action.action === "replace") {
      await api.delete(ctx.fields, action.scheduleId);
      done.scheduleIds = done.scheduleIds.filter((id) => id !== action.scheduleId);
      done.changed = true;
    }
    if (action.action === "create" || action.action === "replace") {
      const { spec } = action;
      const created = await api.create(ctx.fields, {
        interval: spec.interval,
        backupType: spec.backupType,
        retentionDays: spec.retentionDays,
        minute: spec.minute,
        hour: spec.hour,
        day: spec.day,
      });
      done.scheduleIds.push(created.id);
      done.changed = true;
    }
  }
}

/** Polls the vendor until the backup completes or fails, or `timeout` runs out. */
async function waitForPolicyBackup(
  ctx: Context,
  pending: PendingBackup,
  description: string,
  deadline: number,
  timeout: string,
): Promise<VendorBackup> {
  const what = `${ctx.vendor.displayName} backup ${pending.backupId ?? pending.operationId ?? ""}`.trim();
  const done = await waitUntil<BackupProgress>(
    async () => {
      const progress = await ctx.client.checkBackup(ctx.fields, pending, description);
      return progress.state === "completed" || progress.state === "failed" ? progress : undefined;
    },
    { deadline, what: `${what} (${timeout})` },
  );
  if (done.state === "failed") {
    throw new OperationFailedError(
      { vendor: ctx.vendor.displayName, operation: "createBackup", vendorMessage: done.reason },
      `${what} failed at the vendor`,
    );
  }
  return (done as Extract<BackupProgress, { state: "completed" }>).backup;
}

export async function deletePolicy(_id: string, props: State) {
  if (!props.target) return;
  // Bounded like create: a rate-limit wait or outage retry ends at `timeout` (or customTimeouts.delete).
  const deadline = Date.now() + timeBoundOf(props.timeout ?? DEFAULT_POLICY_TIMEOUT).ms;
  await withDeadline(deadline, () => deleteSchedules(props));
}

async function deleteSchedules(props: State) {
  const ctx = resourceContext(props);
  const api = ctx.client.schedules;
  for (const scheduleId of props.scheduleIds ?? []) {
    if (!api) break;
    logInfo(`deleting ${ctx.vendor.displayName} backup schedule ${scheduleId} created by this policy`);
    try {
      await api.delete(ctx.fields, scheduleId);
    } catch (error) {
      if (!isErrorOf(error, NotFoundError)) throw error;
    }
  }
  logInfo(
    `${ctx.targetKey}: the policy is gone, its backups stay at ${ctx.vendor.displayName} (a policy never deletes backups when it is destroyed)`,
  );
}

/** The inputs without the plan `check` added (the state keeps inputs and inventory only). */
function withoutPlan(checked: CheckedInputs): PolicyInputs & { __provider?: string } {
  const { plannedPrunes: _prunes, plannedBackup: _backup, plannedSchedules: _schedules, ...inputs } = checked;
  return inputs;
}
