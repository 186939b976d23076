/**
 * `check` for BackupPolicy: validates the inputs (inputs.ts, no API call), then — only when
 * every input is known and valid — lists the target once (shared with the refresh of the same
 * command, in this process or, through handoff.ts, in another) and returns the plan for *these* inputs as the extra inputs `plannedPrunes`,
 * `plannedBackup` and `plannedSchedules`. The engine shows what `check` returns as the
 * resource's properties in `pulumi preview` (and their changes in `--diff`), stores it with
 * the step, and hands it to `create`/`update`, which do no more than it names.
 *
 * The first-contact floor is enforced here too: a policy new to its target whose first run
 * would prune more than half of the backups it manages is refused, with the list, unless
 * `allowInitialPrune` acknowledges it.
 */
import { logInfo } from "../../core/log";
import type { NativeSchedule, VendorBackup } from "../../vendors/vendor";
import type * as pulumi from "@pulumi/pulumi";
import { takeOver } from "./handoff";
import { checkPolicyInputs } from "./inputs";
import type { PolicyInputs, ScheduleSpec } from "./schema";
import { resourceContext, targetKeyOf } from "../shared/context";
import { listScope, observe, SHARED_LIST_MAX_AGE_MS } from "./lifecycle";
import { isManaged, plannedProperties, pruneLine, type PolicyPlan } from "./plan";

export async function checkPolicy(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Promise<{ inputs: Record<string, unknown>; failures: pulumi.dynamic.CheckFailure[] }> {
  const { inputs, failures, complete } = checkPolicyInputs(news);
  if (!complete) return { inputs, failures };

  const policy = inputs as unknown as PolicyInputs;
  const ctx = resourceContext(policy);
  const previous = olds as Partial<PolicyInputs>;
  const sameTarget = previous.target !== undefined && targetKeyOf(previous.target) === ctx.targetKey;
  const scope = listScope(ctx);
  const { backups, plan } = await observe(
    ctx,
    policy,
    (existing) => (sameTarget ? schedulesAtDeclaredSlots(previous.schedule, existing) : []),
    false,
    SHARED_LIST_MAX_AGE_MS,
    // The list this command's refresh made, when it ran in another provider process.
    scope ? takeOver(scope) : undefined,
  );
  const floor = sameTarget ? undefined : initialPruneFailure(plan, backups, policy, ctx.targetKey);
  const planned = plannedProperties(plan);
  // Also as lines under the resource, so a plain `pulumi preview` (and every `up`) names them.
  for (const line of planned.plannedPrunes ?? []) logInfo(`${ctx.targetKey} plan: prune ${line}`);
  if (planned.plannedBackup) logInfo(`${ctx.targetKey} plan: take a backup: ${planned.plannedBackup}`);
  for (const line of planned.plannedSchedules ?? []) logInfo(`${ctx.targetKey} plan: ${line}`);
  return { inputs: { ...inputs, ...planned }, failures: floor ? [floor] : [] };
}

/**
 * The schedules a policy made, told from the vendor's list: Northflank holds one schedule per
 * interval and backup type, and `up` puts the policy's own into each slot it declares, so the
 * schedules in the slots the previous inputs declared are the policy's. (`update` knows them
 * exactly, from the state; this only decides what the preview lists.)
 */
function schedulesAtDeclaredSlots(declared: ScheduleSpec[] | undefined, existing: NativeSchedule[]): string[] {
  return existing
    .filter((s) => (declared ?? []).some((d) => d.interval === s.interval && d.backupType === s.backupType))
    .map((s) => s.id);
}

/**
 * A policy's first run may prune at most half (rounded down) of the completed backups it
 * manages at the target, unless `allowInitialPrune` is `true` or a count at least as large.
 */
export function initialPruneFailure(
  plan: PolicyPlan,
  backups: VendorBackup[],
  inputs: Pick<PolicyInputs, "match" | "allowInitialPrune">,
  targetKey: string,
): pulumi.dynamic.CheckFailure | undefined {
  const count = plan.prunes.length;
  const managed = backups.filter((b) => b.state === "completed" && isManaged(b, inputs.match)).length;
  const floor = Math.floor(managed / 2);
  const allowed = inputs.allowInitialPrune;
  if (count <= floor || allowed === true || (typeof allowed === "number" && count <= allowed)) return undefined;
  const given = typeof allowed === "number" ? ` (allowInitialPrune is ${allowed})` : "";
  return {
    property: "allowInitialPrune",
    reason:
      `this new policy's first run would delete ${count} of the ${managed} backups it manages on ${targetKey}, ` +
      `more than half${given}: ${plan.prunes.map(pruneLine).join("; ")}. Review them, then set ` +
      `allowInitialPrune: true (or a count of at least ${count}) to allow it`,
  };
}
