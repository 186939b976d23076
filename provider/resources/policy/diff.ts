/**
 * `diff` for BackupPolicy: no API call. A declared input that changed is an in-place
 * update (only `target` replaces); so is work that the last `read` planned
 * (`plannedPrunes`, `plannedBackup`, `plannedSchedules` in the old state): that is how a
 * refresh turns vendor drift into an update that `pulumi preview --diff` shows.
 */
import { canonicalJson } from "../shared/inputs";
import { POLICY_INPUT_KEYS } from "./inputs";
import { PLANNED_KEYS } from "./plan";

export interface DiffResult {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

const isPlanned = (value: unknown) =>
  value !== undefined && value !== null && value !== "" && !(Array.isArray(value) && value.length === 0);

export function diffPolicy(olds: Record<string, unknown>, news: Record<string, unknown>): DiffResult {
  const changed = POLICY_INPUT_KEYS.filter((key) => canonicalJson(olds[key]) !== canonicalJson(news[key]));
  const planned = PLANNED_KEYS.some((key) => isPlanned(olds[key]));
  return {
    changes: changed.length > 0 || planned,
    replaces: changed.includes("target") ? ["target"] : [],
    deleteBeforeReplace: false,
  };
}
