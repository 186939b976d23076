/**
 * Every vendor, by name. Resource providers reach vendors only through this registry, and
 * the resources' schemas take the vendor-specific parts of their shapes (the `target` union,
 * the vendor options) from here.
 */
import { z } from "zod";
import { ConfigurationError } from "../core/errors";
import { kinsta } from "./kinsta";
import { northflank } from "./northflank";
import type { VendorModule } from "./vendor";
import { vpsorg } from "./vpsorg";
import { wpengine } from "./wpengine";

/** The registry: one line per vendor. */
export const vendors = { kinsta, wpengine, vpsorg, northflank };
type Vendors = typeof vendors;

export type VendorName = keyof typeof vendors;
// Object.keys is typed `string[]`; the keys are exactly `VendorName`s.
export const VENDOR_NAMES = Object.keys(vendors) as VendorName[];

/** Each vendor, seen through the neutral interface (a compile-time check that each conforms). */
const neutral: Record<VendorName, VendorModule> = vendors;

export function isVendorName(name: unknown): name is VendorName {
  return typeof name === "string" && Object.hasOwn(neutral, name);
}

/** The one typed lookup resources use: the vendor a target names. */
export function vendorNamed(name: VendorName): VendorModule {
  return neutral[name];
}

/** The vendor of a name from outside (config, a resource id); a ConfigurationError for an unknown one. */
export function getVendor(name: string): VendorModule {
  if (!isVendorName(name)) {
    throw new ConfigurationError(`unknown vendor "${name}": expected one of ${VENDOR_NAMES.join(", ")}`);
  }
  return vendorNamed(name);
}

/**
 * A policy's native `schedule`: Northflank's schedules, the only native ones a vendor offers
 * (`capabilities.schedules`).
 */
export {
  repeatedScheduleReason,
  scheduleRuleViolations,
  scheduleSpecSchema,
  type ScheduleSpec,
} from "./northflank/schedules";

/** A vendor's target schema with its `vendor` tag: one member of the `target` union. */
function taggedTarget<N extends string, S extends z.core.$ZodShape>(vendor: {
  name: N;
  targetSchema: z.ZodObject<S, z.core.$strict>;
}) {
  return z
    .object({
      /** The hosting vendor; the other fields are that vendor's ids of the target. */
      vendor: z.literal(vendor.name),
      ...vendor.targetSchema.shape,
    })
    .strict();
}

/** Where a backup is taken or restored: one shape per vendor, told apart by `vendor`. */
export const targetSchema = z.discriminatedUnion("vendor", [
  taggedTarget(kinsta),
  taggedTarget(wpengine),
  taggedTarget(vpsorg),
  taggedTarget(northflank),
]);
/** A vendor's target id fields, in the order its resource ids (`kinsta/<environmentId>/…`) carry them. */
export function targetFieldNames(name: VendorName): string[] {
  return Object.keys(vendors[name].targetSchema.shape);
}

/** Any supported target, as a program declares it. */
export type BackupTarget = z.input<typeof targetSchema>;

type UnionToIntersection<U> = (U extends unknown ? (arg: U) => void : never) extends (arg: infer I) => void ? I : never;
/** Every vendor's options of one kind, merged: each key belongs to the vendor that takes it. */
type MergedOptions<K extends "backupOptionsSchema" | "restoreOptionsSchema"> = UnionToIntersection<
  Vendors[VendorName][K]["shape"]
>;
type OptionalShape<S> = { [P in keyof S]: S[P] extends z.ZodType ? z.ZodOptional<S[P]> : never };

function mergedOptionsShape<K extends "backupOptionsSchema" | "restoreOptionsSchema">(kind: K) {
  const shape: Record<string, z.ZodOptional> = {};
  for (const vendor of Object.values(vendors)) {
    const schema: z.ZodObject = vendor[kind];
    for (const [key, field] of Object.entries(schema.shape)) {
      // A vendor's default (Northflank `backupType`) applies only when the vendor checks its
      // options, never to another vendor's target.
      const inner = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType);
      shape[key] = inner.optional();
    }
  }
  return shape as OptionalShape<MergedOptions<K>>;
}

/**
 * The vendors' backup options (WP Engine `notificationEmails`, Northflank `backupType`…), each
 * optional: a resource takes them at the top level of its inputs and the target's vendor
 * checks them (an option of another vendor "does not apply").
 */
export const backupOptionsShape = mergedOptionsShape("backupOptionsSchema");
/** The vendors' restore options (Kinsta `notifiedUserId`, WP Engine `restoreDatabase`…), each optional. */
export const restoreOptionsShape = mergedOptionsShape("restoreOptionsSchema");
