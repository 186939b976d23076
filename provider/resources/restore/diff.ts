/** `diff` for RestoreOperation: what defines the restore runs a new one; the rest changes in place. */
import { canonicalJson } from "../shared/json";
import { RESTORE_OPTION_KEYS } from "./schema";

/**
 * `backup` (a selector) replaces only when the selector itself changes: the id it chose is an
 * output, so a newer backup appearing later changes nothing.
 */
export const RESTORE_REPLACING_KEYS = [
  "target",
  "source",
  "backupId",
  "backup",
  "pointInTime",
  "triggers",
  ...RESTORE_OPTION_KEYS,
] as const;
export const RESTORE_IN_PLACE_KEYS = ["confirm", "account", "timeout", "waitForCompletion"] as const;

export function diffRestore(olds: Record<string, unknown>, news: Record<string, unknown>) {
  const differs = (key: string) => canonicalJson(olds[key]) !== canonicalJson(news[key]);
  const replaces = RESTORE_REPLACING_KEYS.filter(differs) as string[];
  const updates = RESTORE_IN_PLACE_KEYS.filter(differs);
  return { changes: replaces.length + updates.length > 0, replaces, deleteBeforeReplace: false };
}
