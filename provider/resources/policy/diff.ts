/**
 * `diff` for BackupPolicy: no API call. A declared input that changed is an in-place
 * update (only `target` replaces); so is work in the plan `check` computed for the new
 * inputs (`plannedPrunes`, `plannedBackup`, `plannedSchedules` in `news`): that is how
 * vendor drift, and the work a new or changed policy brings, show as an update whose
 * properties `pulumi preview --diff` lists.
 */
import type * as pulumi from "@pulumi/pulumi";
import { canonicalJson } from "../shared/json";
import { POLICY_INPUT_KEYS } from "./schema";
import { PLANNED_KEYS } from "./plan";

const isPlanned = (value: unknown) =>
  value !== undefined && value !== null && value !== "" && !(Array.isArray(value) && value.length === 0);

export function diffPolicy(olds: Record<string, unknown>, news: Record<string, unknown>): pulumi.dynamic.DiffResult {
  const changed = POLICY_INPUT_KEYS.filter((key) => canonicalJson(olds[key]) !== canonicalJson(news[key]));
  const planned = PLANNED_KEYS.some((key) => isPlanned(news[key]));
  return {
    changes: changed.length > 0 || planned,
    replaces: changed.includes("target") ? ["target"] : [],
    deleteBeforeReplace: false,
  };
}
