/**
 * The `RestoreOperation` resource's inputs and `check`. The confirmation guard lives here:
 * a restore overwrites live data, so `confirm` must repeat the target's id, and a program
 * copied from another stack cannot silently restore production.
 */
import { z } from "zod";
import type { VendorModule } from "../../core/vendor";
import {
  beginCheck,
  checkVendorOptions,
  dropUndefined,
  durationSchema,
  UNKNOWN,
  type CheckFailure,
  type TargetInput,
} from "../shared/inputs";

/** Vendor-specific restore options, accepted at the top level of the inputs. */
export const RESTORE_OPTION_KEYS = [
  "notifiedUserId",
  "notificationEmails",
  "restoreDatabase",
  "createCheckpoint",
  "sourceProjectId",
  "sourceAddonId",
] as const;

export const restoreInputsSchema = z
  .object({
    target: z.unknown(),
    account: z.string().min(1, "must not be empty").optional(),
    backupId: z.union([z.string().min(1, "must not be empty"), z.number().int()]).transform(String),
    confirm: z.string({ error: "is required: set it to the target's id to allow overwriting it" }),
    notifiedUserId: z.unknown().optional(),
    notificationEmails: z.unknown().optional(),
    restoreDatabase: z.unknown().optional(),
    createCheckpoint: z.unknown().optional(),
    sourceProjectId: z.unknown().optional(),
    sourceAddonId: z.unknown().optional(),
    triggers: z.array(z.unknown()).optional(),
    waitForCompletion: z.boolean().default(true),
    timeout: durationSchema.default("60m"),
  })
  .strict();

export interface RestoreInputs {
  target: TargetInput;
  account?: string;
  backupId: string;
  confirm: string;
  notifiedUserId?: string;
  notificationEmails?: string[];
  restoreDatabase?: boolean;
  createCheckpoint?: boolean;
  sourceProjectId?: string;
  sourceAddonId?: string;
  triggers?: unknown[];
  waitForCompletion: boolean;
  timeout: string;
}

export const RESTORE_INPUT_KEYS = Object.keys(restoreInputsSchema.shape) as (keyof RestoreInputs)[];

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

export function checkRestoreInputs(news: Record<string, unknown>): {
  inputs: Record<string, unknown>;
  failures: CheckFailure[];
} {
  const { __provider, raw, unknown, failures, common, resolved } = beginCheck(news, restoreInputsSchema);
  if (!resolved) return { inputs: news, failures };
  const { vendor, target } = resolved;

  if (!vendor.capabilities.restore) {
    failures.push({ property: "target.vendor", reason: `${vendor.displayName}'s API cannot restore backups` });
  }
  const expected = confirmationFor(vendor, target);
  if (typeof raw.confirm === "string" && raw.confirm !== UNKNOWN && raw.confirm !== expected) {
    failures.push({
      property: "confirm",
      reason: `must equal the target's id "${expected}" to allow overwriting it (got "${raw.confirm}"); a restore replaces the live data of that ${vendor.displayName} target`,
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
  const normalized = { ...common, target, ...options };
  return {
    inputs: { ...dropUndefined(normalized), __provider },
    failures,
  };
}
