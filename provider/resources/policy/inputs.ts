/**
 * The `BackupPolicy` resource's inputs: one zod schema per part (retention, match,
 * schedule, freshness; the SDK's `BackupPolicyArgs` mirrors them) and `checkPolicyInputs`,
 * which validates them the way `pulumi preview` reports: every failure, each naming its
 * property and rule, and no API call. What a vendor cannot do (delete backups, native
 * schedules) is refused here, from `capabilities`, with what is possible instead.
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { repeatedScheduleReason, scheduleRuleViolations } from "../../vendors/registry";
import type { VendorModule } from "../../vendors/vendor";
import { beginCheck, checkVendorOptions, collectFailures } from "../shared/check";
import { dropUndefined } from "../shared/json";
import { BACKUP_OPTION_KEYS } from "../backup/schema";
import {
  DEFAULT_POLICY_DESCRIPTION,
  freshnessSchema,
  matchSchema,
  policyInputsSchema,
  retentionSchema,
  scheduleSchema,
  type PolicyFreshness,
  type PolicyMatch,
  type PolicyRetention,
  type ScheduleSpec,
} from "./schema";

type CheckFailure = pulumi.dynamic.CheckFailure;

/**
 * The schema as `check` runs it first: `target`, the parts and the vendor options are
 * checked next, each with its own prefix and the target's vendor rules.
 */
const neutralInputsSchema = policyInputsSchema.extend({
  target: z.unknown(),
  retention: z.unknown().optional(),
  match: z.unknown().optional(),
  schedule: z.unknown().optional(),
  freshness: z.unknown().optional(),
  ...Object.fromEntries(BACKUP_OPTION_KEYS.map((key) => [key, z.unknown().optional()])),
});

export function scheduleUnsupportedReason(vendor: VendorModule): string {
  return (
    vendor.scheduleAlternative ??
    `${vendor.displayName} has no backup-schedule API; use freshness to take a backup when the newest is too old`
  );
}

/**
 * `complete`: every input is known and valid, so `inputs` are normalized and a plan can be
 * computed from them (during preview a value may still be unknown).
 */
export function checkPolicyInputs(news: Record<string, unknown>): {
  inputs: Record<string, unknown>;
  failures: CheckFailure[];
  complete: boolean;
} {
  const { __provider, raw, unknown, failures, common, resolved } = beginCheck(news, neutralInputsSchema);

  const retention =
    raw.retention === undefined
      ? undefined
      : (collectFailures(retentionSchema, raw.retention, "retention", unknown, failures) as
          PolicyRetention | undefined);
  const match =
    raw.match === undefined
      ? undefined
      : (collectFailures(matchSchema, raw.match, "match", unknown, failures) as PolicyMatch | undefined);
  const schedule = raw.schedule === undefined ? undefined : checkSchedules(raw.schedule, unknown, failures);
  const freshnessShape =
    raw.freshness === undefined
      ? undefined
      : (collectFailures(freshnessSchema, raw.freshness, "freshness", unknown, failures) as
          PolicyFreshness | undefined);

  if (raw.retention === undefined && raw.schedule === undefined && raw.freshness === undefined) {
    failures.push({
      property: "retention",
      reason: "a policy needs at least one of retention, schedule or freshness",
    });
  }

  let normalized: Record<string, unknown> | undefined;
  if (resolved) {
    const { vendor } = resolved;
    const before = failures.length;
    if (raw.retention !== undefined && !vendor.capabilities.deleteBackup) {
      failures.push({
        property: "retention",
        reason: `${vendor.displayName}'s API has no delete-backup endpoint, so retention cannot be enforced there; freshness still works`,
      });
    }
    if (raw.match !== undefined && !vendor.capabilities.deleteBackup) {
      failures.push({
        property: "match",
        reason: `selects the backups retention prunes, but ${vendor.displayName}'s API cannot delete backups`,
      });
    }
    if (raw.schedule !== undefined && !vendor.capabilities.schedules) {
      failures.push({ property: "schedule", reason: scheduleUnsupportedReason(vendor) });
    }
    let freshness: PolicyFreshness | undefined;
    let options: Record<string, unknown> | undefined = {};
    if (raw.freshness !== undefined) {
      const description = checkFreshnessDescription(vendor, raw.freshness, unknown, failures);
      options = checkOptions(vendor, raw, unknown, failures);
      if (freshnessShape && description !== undefined) freshness = { ...freshnessShape, description };
    } else {
      for (const key of BACKUP_OPTION_KEYS) {
        if (raw[key] !== undefined) {
          failures.push({
            property: key,
            reason: "applies only to the backups freshness takes; set freshness or remove it",
          });
        }
      }
    }
    // A part still unknown (preview) parses to undefined without a failure: hand the raw
    // inputs back, and check again at `up` once every value is known.
    const incomplete =
      (raw.retention !== undefined && retention === undefined) ||
      (raw.match !== undefined && match === undefined) ||
      (raw.schedule !== undefined && schedule === undefined) ||
      (raw.freshness !== undefined && freshness === undefined) ||
      options === undefined;
    if (common && failures.length === before && !incomplete) {
      normalized = {
        ...common,
        target: resolved.target,
        retention,
        match,
        schedule,
        freshness,
        ...options,
      };
    }
  }

  if (failures.length > 0 || !normalized) return { inputs: news, failures, complete: false };
  return { inputs: { ...dropUndefined(normalized), __provider }, failures, complete: true };
}

/** One object or an array of them; every per-interval rule of Northflank's schedules. */
function checkSchedules(value: unknown, unknown: string[], failures: CheckFailure[]): ScheduleSpec[] | undefined {
  const single = !Array.isArray(value);
  const items = single ? [value] : (value as unknown[]);
  if (!single && items.length === 0) {
    failures.push({ property: "schedule", reason: "must list at least one schedule (or leave schedule unset)" });
    return undefined;
  }
  const specs: ScheduleSpec[] = [];
  let ok = true;
  items.forEach((item, i) => {
    const prefix = single ? "schedule" : `schedule[${i}]`;
    const spec = checkSchedule(item, prefix, unknown, failures);
    if (spec) specs.push(spec);
    else ok = false;
  });
  const seen = new Map<string, string>();
  specs.forEach((spec, i) => {
    const key = `${spec.interval}/${spec.backupType}`;
    const prefix = single ? "schedule" : `schedule[${i}]`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      failures.push({ property: prefix, reason: repeatedScheduleReason(spec, earlier) });
      ok = false;
    } else seen.set(key, prefix);
  });
  return ok ? specs : undefined;
}

function checkSchedule(
  item: unknown,
  prefix: string,
  unknown: string[],
  failures: CheckFailure[],
): ScheduleSpec | undefined {
  const before = failures.length;
  const spec = collectFailures(scheduleSchema, item, prefix, unknown, failures);
  for (const { field, reason } of scheduleRuleViolations(item))
    failures.push({ property: `${prefix}.${field}`, reason });
  return failures.length === before ? spec : undefined;
}

function checkFreshnessDescription(
  vendor: VendorModule,
  freshness: unknown,
  unknown: string[],
  failures: CheckFailure[],
): string | undefined {
  const description = (freshness as Record<string, unknown> | undefined)?.description;
  if (description === undefined) return DEFAULT_POLICY_DESCRIPTION;
  return collectFailures(vendor.descriptionSchema, description, "freshness.description", unknown, failures) as
    string | undefined;
}

/** The vendor's backup options (the same top-level keys as `Backup`), for freshness backups. */
function checkOptions(vendor: VendorModule, raw: Record<string, unknown>, unknown: string[], failures: CheckFailure[]) {
  const given = Object.fromEntries(BACKUP_OPTION_KEYS.filter((k) => raw[k] !== undefined).map((k) => [k, raw[k]]));
  return checkVendorOptions(vendor, vendor.backupOptionsSchema, given, "targets", unknown, failures);
}
