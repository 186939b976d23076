/**
 * The `Backup` resource's inputs: one zod schema (the SDK's `BackupArgs` mirrors it), and
 * `checkBackupInputs`, which validates them the way `pulumi preview` reports: every failure,
 * each naming its property and rule, no API call.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import type { VendorModule } from "../../core/vendor";
import {
  canonicalJson,
  beginCheck,
  checkVendorOptions,
  collectFailures,
  dropUndefined,
  durationSchema,
  type CheckFailure,
  type TargetInput,
} from "../shared/inputs";

/** Vendor-specific backup options, accepted at the top level of the resource's inputs. */
export const BACKUP_OPTION_KEYS = [
  "notificationEmails",
  "backupType",
  "compressionType",
  "additionalDestinations",
] as const;

export const DEFAULT_DESCRIPTION = "pulumi backup";
export const DEFAULT_TIMEOUT = "60m";

/** The vendor-neutral part of the inputs; vendor rules are applied by the vendor's schemas. */
export const backupInputsSchema = z
  .object({
    target: z.unknown(),
    account: z.string().min(1, "must not be empty").optional(),
    description: z.string().optional(),
    notificationEmails: z.unknown().optional(),
    backupType: z.unknown().optional(),
    compressionType: z.unknown().optional(),
    additionalDestinations: z.unknown().optional(),
    triggers: z.array(z.unknown()).optional(),
    waitForCompletion: z.boolean().default(true),
    includeDownloadLink: z.boolean().optional(),
    timeout: durationSchema.default(DEFAULT_TIMEOUT),
    deletionPolicy: z.enum(["retain", "delete"]).optional(),
    adoptBackupId: z.string().min(1, "must not be empty").optional(),
    /** `<project>/<stack>/<resource name>`, set by the SDK class; makes the marker stable. */
    identity: z.string().optional(),
  })
  .strict();

export interface BackupInputs {
  target: TargetInput;
  account?: string;
  description: string;
  notificationEmails?: string[];
  backupType?: string;
  compressionType?: string;
  additionalDestinations?: unknown[];
  triggers?: unknown[];
  waitForCompletion: boolean;
  /** Fetch the vendor's download link once the backup completed (Northflank; one extra request). */
  includeDownloadLink?: boolean;
  timeout: string;
  deletionPolicy: "retain" | "delete";
  adoptBackupId?: string;
  identity?: string;
}

/** The input property names, so `read` can hand Pulumi the inputs back. */
export const BACKUP_INPUT_KEYS = Object.keys(backupInputsSchema.shape) as (keyof BackupInputs)[];

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
  const { __provider, raw, unknown, failures, common, resolved } = beginCheck(news, backupInputsSchema);

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
  return createHash("sha256").update(basis).digest("hex").slice(0, 8);
}
