/**
 * The backup rules the policy pack enforces at preview, as pure functions of the resources a
 * stack declares (what `@pulumi/policy` hands a stack validation) and the pack's config.
 * `pack.ts` wires them into a `PolicyPack`; the unit tests call them directly.
 */
import { targetSchema } from "../vendors/registry";
import { resourceKind } from "../report/declared";
import { targetKeyOf } from "../resources/shared/context";
import type { TargetInput } from "../resources/shared/target";

/** A resource as a stack validation sees it: its type, name and input properties. */
export interface PolicyResourceView {
  type: string;
  name: string;
  props: Record<string, unknown>;
}

export interface Violation {
  /** The resource's name, when the violation is about one resource. */
  resource?: string;
  message: string;
}

export interface RuleConfig {
  /** Target keys (`kinsta/<environmentId>`, `northflank/<projectId>/<addonId>`…) that are production; `*` matches any run of characters. */
  productionTargets?: string[];
  /** The least `retention.keepLast` a BackupPolicy may set. */
  minKeepLast?: number;
  /** The least `retention.maxAgeDays` a BackupPolicy may set. */
  minMaxAgeDays?: number;
}

export const RULE_NAMES = {
  freshness: "backup-policy-with-freshness",
  productionRestore: "production-restore-confirmed",
  retention: "retention-minimum",
} as const;

function targetOf(resource: PolicyResourceView): { target: TargetInput; key: string } | undefined {
  const parsed = targetSchema.safeParse(resource.props.target);
  return parsed.success ? { target: parsed.data, key: targetKeyOf(parsed.data) } : undefined;
}

const record = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};

/** Every target the stack backs up (a Backup or a BackupPolicy on it) has a BackupPolicy with `freshness.maxAgeHours`. */
export function freshnessViolations(resources: PolicyResourceView[]): Violation[] {
  const backedUp = new Map<string, string[]>();
  const promised = new Set<string>();
  for (const resource of resources) {
    const kind = resourceKind(resource.type);
    if (kind !== "Backup" && kind !== "BackupPolicy") continue;
    const target = targetOf(resource);
    if (!target) continue;
    backedUp.set(target.key, [...(backedUp.get(target.key) ?? []), resource.name]);
    if (kind === "BackupPolicy" && typeof record(resource.props.freshness).maxAgeHours === "number")
      promised.add(target.key);
  }
  return [...backedUp]
    .filter(([key]) => !promised.has(key))
    .map(([key, names]) => ({
      message: `target ${key} is backed up (${names.join(", ")}) but no BackupPolicy promises its freshness: declare a BackupPolicy on it with freshness: { maxAgeHours }`,
    }));
}

/** `*` in a configured target key matches any run of characters. */
function matchesAny(key: string, patterns: string[]): boolean {
  return patterns.some((p) =>
    new RegExp(
      `^${p
        .split("*")
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join(".*")}$`,
    ).test(key),
  );
}

/**
 * A RestoreOperation onto a production target must carry its confirmation as a value known
 * at preview: the resource checks `confirm` against the target's id, but it cannot check a
 * value computed from another resource's output until `up`, when the restore runs.
 */
export function productionRestoreViolations(resources: PolicyResourceView[], config: RuleConfig): Violation[] {
  const production = config.productionTargets ?? [];
  if (production.length === 0) return [];
  const found: Violation[] = [];
  for (const resource of resources) {
    if (resourceKind(resource.type) !== "RestoreOperation") continue;
    const target = targetOf(resource);
    if (!target || !matchesAny(target.key, production)) continue;
    const expected = target.key.slice(target.target.vendor.length + 1);
    if (resource.props.confirm !== expected)
      found.push({
        resource: resource.name,
        message: `restores onto production target ${target.key}: confirm must be "${expected}", written in the program (a value computed at \`up\` cannot be checked at preview; got ${resource.props.confirm === undefined ? "a value not known at preview" : JSON.stringify(resource.props.confirm)})`,
      });
  }
  return found;
}

/** A BackupPolicy's retention is never below the configured minimum. */
export function retentionViolations(resources: PolicyResourceView[], config: RuleConfig): Violation[] {
  const found: Violation[] = [];
  for (const resource of resources) {
    if (resourceKind(resource.type) !== "BackupPolicy") continue;
    const retention = record(resource.props.retention);
    const where = targetOf(resource)?.key ?? "its target";
    const { keepLast, maxAgeDays } = retention;
    if (config.minKeepLast !== undefined && typeof keepLast === "number" && keepLast < config.minKeepLast)
      found.push({
        resource: resource.name,
        message: `retention.keepLast ${keepLast} on ${where} is below the minimum of ${config.minKeepLast}`,
      });
    if (config.minMaxAgeDays !== undefined && typeof maxAgeDays === "number" && maxAgeDays < config.minMaxAgeDays)
      found.push({
        resource: resource.name,
        message: `retention.maxAgeDays ${maxAgeDays} on ${where} is below the minimum of ${config.minMaxAgeDays}`,
      });
  }
  return found;
}
