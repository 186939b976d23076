/**
 * `checkBackupInputs` validates a `Backup`'s inputs (schema.ts) the way `pulumi preview`
 * reports: every failure, each naming its property and rule, no API call.
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { markerOf } from "../../vendors/marker";
import type { VendorModule } from "../../vendors/vendor";
import { beginCheck, checkVendorOptions, collectFailures } from "../shared/check";
import { canonicalJson, dropUndefined } from "../shared/json";
import { BACKUP_OPTION_KEYS, backupInputsSchema, DEFAULT_DESCRIPTION, type BackupInputs } from "./schema";

type CheckFailure = pulumi.dynamic.CheckFailure;

/**
 * The schema as `check` runs it first: `target` and the vendor options are checked next by
 * the target's vendor (so an option of another vendor "does not apply"), not by the union.
 */
const neutralInputsSchema = backupInputsSchema.extend({
  target: z.unknown(),
  ...Object.fromEntries(BACKUP_OPTION_KEYS.map((key) => [key, z.unknown().optional()])),
});

export function vendorOptions(
  inputs: Pick<BackupInputs, (typeof BACKUP_OPTION_KEYS)[number]>,
): Record<string, unknown> {
  return Object.fromEntries(
    BACKUP_OPTION_KEYS.filter((key) => inputs[key] !== undefined).map((key) => [key, inputs[key]]),
  );
}

export function checkBackupInputs(news: Record<string, unknown>): {
  inputs: Record<string, unknown>;
  failures: CheckFailure[];
} {
  const { __provider, raw, unknown, failures, common, resolved } = beginCheck(news, neutralInputsSchema);

  let normalized: Record<string, unknown> | undefined;
  if (resolved) {
    const { vendor } = resolved;
    const description = checkDescription(vendor, raw.description, unknown, failures);
    const options = checkOptions(vendor, raw, unknown, failures);
    const deletionPolicy = raw.deletionPolicy ?? vendor.capabilities.defaultDeletionPolicy;
    if (raw.includeDownloadLink === true && !vendor.capabilities.downloadUrl) {
      failures.push({
        property: "includeDownloadLink",
        reason: `${vendor.displayName}'s API offers no download link without side effects; leave includeDownloadLink unset there`,
      });
    }
    if (deletionPolicy === "delete" && !vendor.capabilities.deleteBackup) {
      failures.push({
        property: "deletionPolicy",
        reason: `${vendor.displayName}'s API cannot delete backups, so "delete" is not possible there; use "retain" (the default on ${vendor.displayName})`,
      });
    }
    if (common && description !== undefined && options !== undefined) {
      normalized = { ...common, target: resolved.target, description, ...options, deletionPolicy };
    }
  }

  if (failures.length > 0 || !normalized) return { inputs: news, failures };
  return { inputs: { ...dropUndefined(normalized), __provider }, failures };
}

function checkDescription(vendor: VendorModule, description: unknown, unknown: string[], failures: CheckFailure[]) {
  if (description === undefined) return DEFAULT_DESCRIPTION;
  return collectFailures(vendor.descriptionSchema, description, "description", unknown, failures) as string | undefined;
}

function checkOptions(vendor: VendorModule, raw: Record<string, unknown>, unknown: string[], failures: CheckFailure[]) {
  const given = vendorOptions(raw as Partial<BackupInputs>);
  return checkVendorOptions(vendor, vendor.backupOptionsSchema, given, "targets", unknown, failures);
}

/**
 * A short, stable marker the provider appends to the backups it creates, so that after an
 * interrupted run it can find (adopt) the backup it already asked for instead of taking a
 * duplicate. It changes with every input that forces a new backup, so a replacement gets
 * its own marker.
 */
export function backupMarker(inputs: BackupInputs): string {
  const basis = canonicalJson({
    identity: inputs.identity ?? "",
    target: inputs.target,
    description: inputs.description,
    options: vendorOptions(inputs),
    triggers: inputs.triggers ?? [],
  });
  return markerOf(basis);
}
