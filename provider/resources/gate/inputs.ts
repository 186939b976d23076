/**
 * `checkGateInputs` validates a `BackupGate`'s inputs (schema.ts) the way `pulumi preview`
 * reports: every failure, each naming its property and rule, no API call. Values still
 * unknown in a preview (the ids of backups not taken yet) are checked at `up`.
 */
import type * as pulumi from "@pulumi/pulumi";
import { collectFailures, UNKNOWN, unknownPaths } from "../shared/check";
import { dropUndefined } from "../shared/json";
import { parseResourceId } from "../shared/target";
import { gateInputsSchema, type GateInputs } from "./schema";

type CheckFailure = pulumi.dynamic.CheckFailure;

export function checkGateInputs(news: Record<string, unknown>): {
  inputs: Record<string, unknown>;
  failures: CheckFailure[];
} {
  const { __provider, ...raw } = news;
  const unknown = unknownPaths(raw);
  const failures: CheckFailure[] = [];
  const parsed = collectFailures(gateInputsSchema, raw, "", unknown, failures) as GateInputs | undefined;
  const entries = Array.isArray(raw.backups) ? (raw.backups as unknown[]) : [];
  const seen = new Map<string, number>();
  entries.forEach((entry, i) => {
    const id = entry && typeof entry === "object" ? (entry as Record<string, unknown>).id : undefined;
    if (typeof id !== "string" || id === UNKNOWN || id === "") return;
    if (!parseResourceId(id)) {
      failures.push({
        property: `backups[${i}].id`,
        reason: `must be a Backup resource id such as "kinsta/<environmentId>/<backupId>", got ${JSON.stringify(id)}`,
      });
    }
    const first = seen.get(id);
    if (first !== undefined) failures.push({ property: `backups[${i}].id`, reason: `repeats backups[${first}].id` });
    else seen.set(id, i);
  });
  if (failures.length > 0 || !parsed) return { inputs: news, failures };
  return { inputs: { ...dropUndefined(parsed as unknown as Record<string, unknown>), __provider }, failures };
}
