/**
 * `diff` for BackupGate: no API call. Another list of backups is another gate (replacement:
 * it waits for them); so is a gate a refresh found `incomplete`. The timeout changes in place.
 */
import type * as pulumi from "@pulumi/pulumi";
import { canonicalJson } from "../shared/json";

export function diffGate(olds: Record<string, unknown>, news: Record<string, unknown>): pulumi.dynamic.DiffResult {
  const replaces: string[] = [];
  if (canonicalJson(olds.backups) !== canonicalJson(news.backups)) replaces.push("backups");
  if (olds.status !== undefined && olds.status !== "completed") replaces.push("status");
  const updates = canonicalJson(olds.timeout) !== canonicalJson(news.timeout) ? ["timeout"] : [];
  return { changes: replaces.length > 0 || updates.length > 0, replaces, deleteBeforeReplace: false };
}
