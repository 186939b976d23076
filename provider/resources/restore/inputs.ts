/**
 * The `RestoreOperation` resource's inputs and `check`. The confirmation guard lives here:
 * a restore overwrites live data, so `confirm` must repeat the target's id, and a program
 * copied from another stack cannot silently restore production.
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { VendorBackup, VendorModule } from "../../vendors/vendor";
import { beginCheck, checkVendorOptions, collectFailures, UNKNOWN } from "../shared/check";
import { dropUndefined } from "../shared/json";
import { targetFields, type TargetInput } from "../shared/target";
import { RESTORE_OPTION_KEYS, restoreInputsSchema, type BackupSelector } from "./schema";

type CheckFailure = pulumi.dynamic.CheckFailure;

/** The completed backups a selector accepts, newest first (by completion, else creation time). */
export function matchingBackups(backups: VendorBackup[], selector: BackupSelector): VendorBackup[] {
  const { descriptionPrefix, backupKind } = selector.match ?? {};
  const when = (b: VendorBackup) => Date.parse(b.completedAt ?? b.createdAt ?? "") || 0;
  return backups
    .filter(
      (b) =>
        b.state === "completed" &&
        (descriptionPrefix === undefined || (b.description ?? "").startsWith(descriptionPrefix)) &&
        (backupKind === undefined || b.manual === (backupKind === "manual")),
    )
    .sort((a, b) => when(b) - when(a));
}

/**
 * The schema as `check` runs it first: `target`, `source` and the vendor options are checked
 * next, by the target's vendor.
 */
const neutralInputsSchema = restoreInputsSchema.extend({
  target: z.unknown(),
  source: z.unknown().optional(),
  ...Object.fromEntries(RESTORE_OPTION_KEYS.map((key) => [key, z.unknown().optional()])),
});

/** The id `confirm` must repeat: the target's own id (Northflank: `<projectId>/<addonId>`). */
export function confirmationFor(vendor: VendorModule, target: TargetInput): string {
  const { vendor: _vendor, ...fields } = target;
  return vendor.targetKey(fields).slice(vendor.name.length + 1);
}

export function restoreOptions(
  inputs: Partial<Record<(typeof RESTORE_OPTION_KEYS)[number], unknown>>,
): Record<string, unknown> {
  return Object.fromEntries(
    RESTORE_OPTION_KEYS.filter((key) => inputs[key] !== undefined).map((key) => [key, inputs[key]]),
  );
}

/** The ways a vendor can restore, for messages that refuse one of them. */
function restoreKindsOf(vendor: VendorModule): string {
  const kinds = ["a backup (backupId, or backup: { latest: true })"];
  if (vendor.capabilities.pointInTimeRestore) kinds.push("a point in time (pointInTime)");
  return kinds.join(" or ");
}

const CROSS_TARGET_RULES: Record<VendorModule["capabilities"]["crossTargetRestore"], string> = {
  "same-target": "restores a backup only onto the target it was taken from",
  "same-site": "restores a backup of another environment of the same site",
  "any-addon": "restores a backup of another addon",
};

/** Validates `source`: the same vendor as the target, and a combination the vendor supports. */
function checkSource(
  raw: Record<string, unknown>,
  vendor: VendorModule,
  target: TargetInput,
  unknown: string[],
  failures: CheckFailure[],
): TargetInput | undefined {
  if (raw.source === undefined) return undefined;
  if (!raw.source || typeof raw.source !== "object" || Array.isArray(raw.source)) {
    failures.push({ property: "source", reason: "must be a target object, like target" });
    return undefined;
  }
  const { vendor: sourceVendor, ...fields } = raw.source as Record<string, unknown>;
  if (sourceVendor !== UNKNOWN && sourceVendor !== vendor.name) {
    failures.push({
      property: "source.vendor",
      reason: `must be "${vendor.name}", the target's vendor: a restore cannot cross vendors (got ${JSON.stringify(sourceVendor)})`,
    });
    return undefined;
  }
  const parsed = collectFailures(vendor.targetSchema, fields, "source", unknown, failures) as
    Record<string, string> | undefined;
  if (!parsed) return undefined;
  const source = { vendor: vendor.name, ...parsed } as TargetInput;
  const sameTarget = vendor.targetKey(targetFields(source)) === vendor.targetKey(targetFields(target));
  if (!sameTarget && vendor.capabilities.crossTargetRestore === "same-target") {
    failures.push({
      property: "source",
      reason: `${vendor.displayName} ${CROSS_TARGET_RULES["same-target"]}: source must be the target itself or left out (got ${vendor.targetKey(targetFields(source))})`,
    });
  }
  if (raw.pointInTime !== undefined && !sameTarget) {
    failures.push({
      property: "source",
      reason: "does not apply to a point-in-time restore, which puts the target back to its own past",
    });
  }
  if (!sameTarget && (raw.sourceProjectId !== undefined || raw.sourceAddonId !== undefined)) {
    failures.push({
      property: "source",
      reason: "names the backup's addon already: give either source or sourceProjectId/sourceAddonId, not both",
    });
  }
  return sameTarget ? undefined : source;
}

/** Exactly one of `backupId`, `backup` and `pointInTime`; `pointInTime` only where the vendor offers it. */
function checkRestorePoint(raw: Record<string, unknown>, vendor: VendorModule, failures: CheckFailure[]) {
  const given = (["backupId", "backup", "pointInTime"] as const).filter((key) => raw[key] !== undefined);
  if (given.length === 0) {
    failures.push({
      property: "backupId",
      reason: `is required unless backup or pointInTime is set: ${vendor.displayName} restores ${restoreKindsOf(vendor)}`,
    });
  } else if (given.length > 1) {
    failures.push({
      property: given[1],
      reason: `cannot be combined with ${given[0]}: a restore takes exactly one of backupId, backup and pointInTime`,
    });
  }
  if (raw.pointInTime !== undefined && !vendor.capabilities.pointInTimeRestore) {
    failures.push({
      property: "pointInTime",
      reason: `${vendor.displayName} offers no point-in-time restore; it restores ${restoreKindsOf(vendor)}`,
    });
  } else if (
    typeof raw.pointInTime === "string" &&
    raw.pointInTime !== UNKNOWN &&
    Date.parse(raw.pointInTime) > Date.now()
  ) {
    failures.push({ property: "pointInTime", reason: `must not be in the future (got "${raw.pointInTime}")` });
  }
}

export function checkRestoreInputs(news: Record<string, unknown>): {
  inputs: Record<string, unknown>;
  failures: CheckFailure[];
} {
  const { __provider, raw, unknown, failures, common, resolved } = beginCheck(news, neutralInputsSchema);
  if (!resolved) return { inputs: news, failures };
  const { vendor, target } = resolved;

  if (!vendor.capabilities.restore) {
    failures.push({ property: "target.vendor", reason: `${vendor.displayName}'s API cannot restore backups` });
  }
  checkRestorePoint(raw, vendor, failures);
  const source = checkSource(raw, vendor, target, unknown, failures);
  const expected = confirmationFor(vendor, target);
  const overwritten = `the live data of ${vendor.displayName} target ${vendor.targetKey(targetFields(target))}${
    source ? ` (with a backup of ${vendor.targetKey(targetFields(source))})` : ""
  }`;
  const missingConfirm = failures.findIndex((f) => f.property === "confirm");
  if (missingConfirm >= 0) {
    failures[missingConfirm] = {
      property: "confirm",
      reason: `is required: set it to the target's id "${expected}" to allow a restore that replaces ${overwritten}`,
    };
  }
  if (typeof raw.confirm === "string" && raw.confirm !== UNKNOWN && raw.confirm !== expected) {
    failures.push({
      property: "confirm",
      reason: `must equal the target's id "${expected}" to allow overwriting it (got "${raw.confirm}"); a restore replaces ${overwritten}`,
    });
  }

  const options = checkVendorOptions(
    vendor,
    vendor.restoreOptionsSchema,
    restoreOptions(raw),
    "restores",
    unknown,
    failures,
  );

  if (failures.length > 0 || !common || options === undefined) return { inputs: news, failures };
  // A source equal to the target is the default: dropped, so it never shows as a change.
  const normalized = { ...common, target, source, ...options };
  return {
    inputs: { ...dropUndefined(normalized), __provider },
    failures,
  };
}
