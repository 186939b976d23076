/**
 * `diff` for Backup: no API call. Anything that defines *which* backup is taken forces a
 * replacement (a new backup); how Pulumi waits for it, what happens on delete, and which
 * account is used change in place.
 */
import type * as pulumi from "@pulumi/pulumi";
import { canonicalJson } from "../shared/json";
import { BACKUP_OPTION_KEYS } from "./schema";

/** Changing these takes a new backup. */
export const REPLACING_KEYS = ["target", "description", ...BACKUP_OPTION_KEYS, "triggers", "adoptBackupId"] as const;

/** Changing these updates the resource in place, with no API call. */
export const IN_PLACE_KEYS = [
  "waitForCompletion",
  "timeout",
  "deletionPolicy",
  "account",
  "includeDownloadLink",
] as const;

export function diffBackup(olds: Record<string, unknown>, news: Record<string, unknown>): pulumi.dynamic.DiffResult {
  const differs = (key: string) => canonicalJson(olds[key]) !== canonicalJson(news[key]);
  const replaces: string[] = REPLACING_KEYS.filter(differs);
  // A backup that failed at the vendor (seen by refresh) is taken again.
  if (olds.status === "failed") replaces.push("status");
  const updates = IN_PLACE_KEYS.filter(differs);
  return { changes: replaces.length > 0 || updates.length > 0, replaces, deleteBeforeReplace: false };
}
