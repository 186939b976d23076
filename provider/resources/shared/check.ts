/**
 * What every resource's `check` shares: turning zod issues into Pulumi check failures in
 * plain words, skipping values that are still unknown during preview, and resolving the
 * vendor-discriminated `target` through the registry.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { isVendorName, targetSchema, VENDOR_NAMES, vendorNamed } from "../../vendors/registry";
import type { VendorModule } from "../../vendors/vendor";
import type { TargetInput } from "./target";

type CheckFailure = pulumi.dynamic.CheckFailure;

/** Pulumi's marker for a value not known until apply (a preview of a not-yet-created output). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Dotted paths (`target.environmentId`, `triggers[0]`) of every unknown value in `value`. */
export function unknownPaths(value: unknown, prefix = ""): string[] {
  if (value === UNKNOWN) return [prefix];
  if (Array.isArray(value)) return value.flatMap((item, i) => unknownPaths(item, `${prefix}[${i}]`));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) => unknownPaths(item, prefix ? `${prefix}.${key}` : key));
  }
  return [];
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === "number") return `${acc}[${key}]`;
    return acc ? `${acc}.${String(key)}` : String(key);
  }, "");
}

/** zod's issue, in our words: what the rule is, and what was given. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      // For a missing value, a schema's own message (e.g. "is required: the Kinsta environment id") wins.
      if (issue.input === undefined && !issue.message.startsWith("Invalid input")) return issue.message;
      return issue.input === undefined
        ? "is required"
        : `must be ${article(issue.expected)}, got ${typeName(issue.input)}`;
    case "unrecognized_keys":
      return `unknown ${issue.keys.length === 1 ? "property" : "properties"} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
    case "invalid_value":
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, got ${JSON.stringify(issue.input)}`;
    default:
      return issue.message;
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string"
    ? `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value)}`
    : `${typeof value} ${JSON.stringify(value)}`;
}

/**
 * Runs `schema` on `input`, reporting failures under `prefix`. Issues on paths that are
 * still unknown are dropped: they are checked again at `up`, once the value is known.
 */
export function collectFailures<S extends z.ZodType>(
  schema: S,
  input: unknown,
  prefix: string,
  unknown: string[],
  failures: CheckFailure[],
): z.output<S> | undefined {
  // reportInput: so messages can say what was given, e.g. 'got the string "yes"'.
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    // unrecognized_keys reports the parent path; name the key itself.
    const paths =
      issue.code === "unrecognized_keys"
        ? issue.keys.map((key) => formatPath([...issue.path, key]))
        : [formatPath(issue.path)];
    for (const path of paths) {
      const property = prefix && path ? `${prefix}.${path}` : prefix || path;
      if (
        unknown.some(
          (u) =>
            property === u ||
            property.startsWith(`${u}.`) ||
            property.startsWith(`${u}[`) ||
            u.startsWith(`${property}.`),
        )
      )
        continue;
      failures.push({ property, reason: describeIssue(issue) });
    }
  }
  return undefined;
}

/**
 * Validates a resource's vendor-specific options against the vendor's strict schema. An
 * option the vendor does not take is reported as not applying to it (`what`: "targets",
 * "restores"), rather than as zod's bare "unknown property".
 */
export function checkVendorOptions(
  vendor: VendorModule,
  schema: z.ZodType,
  given: Record<string, unknown>,
  what: string,
  unknown: string[],
  failures: CheckFailure[],
): Record<string, unknown> | undefined {
  const before = failures.length;
  const parsed = collectFailures(schema, given, "", unknown, failures);
  for (let i = before; i < failures.length; i++) {
    if (failures[i].reason.startsWith("unknown propert"))
      failures[i] = { property: failures[i].property, reason: `does not apply to ${vendor.displayName} ${what}` };
  }
  return parsed as Record<string, unknown> | undefined;
}

/** Validates `target`: a known vendor, then that vendor's own target fields. */
export function checkTarget(
  target: unknown,
  unknown: string[],
  failures: CheckFailure[],
): { vendor: VendorModule; target: TargetInput } | undefined {
  if (!target || typeof target !== "object" || Array.isArray(target)) {
    failures.push({
      property: "target",
      reason: `is required: an object such as { vendor: "kinsta", environmentId: "…" }`,
    });
    return undefined;
  }
  const { vendor: vendorName, ...fields } = target as Record<string, unknown>;
  if (vendorName === UNKNOWN) return undefined;
  if (!isVendorName(vendorName)) {
    failures.push({
      property: "target.vendor",
      reason: `must be one of ${VENDOR_NAMES.map((v) => `"${v}"`).join(", ")}, got ${JSON.stringify(vendorName)}`,
    });
    return undefined;
  }
  const vendor = vendorNamed(vendorName);
  const parsed = collectFailures(vendor.targetSchema, fields, "target", unknown, failures);
  if (parsed === undefined) return undefined;
  // The vendor's own schema passed, so the registry's tagged union does: it types the target.
  return { vendor, target: targetSchema.parse({ ...parsed, vendor: vendorName }) };
}

/**
 * The start every resource's `check` shares: sets Pulumi's `__provider` aside, finds the values
 * still unknown in a preview, runs the resource's common schema and resolves the `target`.
 */
export function beginCheck<S extends z.ZodType>(news: Record<string, unknown>, schema: S) {
  const { __provider, ...raw } = news;
  const unknown = unknownPaths(raw);
  const failures: CheckFailure[] = [];
  const common = collectFailures(schema, raw, "", unknown, failures) as z.output<S> | undefined;
  const resolved = checkTarget(raw.target, unknown, failures);
  return { __provider, raw, unknown, failures, common, resolved };
}
