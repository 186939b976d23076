/**
 * Every vendor, by name. Resource providers reach vendors only through this registry, and
 * the resources' schemas take the vendor-specific parts of their shapes (the `target` union,
 * the vendor options) from here.
 */
import { z } from "zod";
import { ConfigurationError } from "../core/errors";
import type { VendorModule, VendorName } from "../core/vendor";
import { VENDOR_NAMES } from "../core/vendor";
import { kinsta } from "./kinsta";
import { northflank } from "./northflank";
import { vpsorg } from "./vpsorg";
import { wpengine } from "./wpengine";

// `any` only here: each module is typed with its own target shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const vendors = { kinsta, wpengine, vpsorg, northflank } satisfies Record<VendorName, VendorModule<any>>;

export function getVendor(name: string): VendorModule {
  if (!(VENDOR_NAMES as readonly string[]).includes(name)) {
    throw new ConfigurationError(`unknown vendor "${name}": expected one of ${VENDOR_NAMES.join(", ")}`);
  }
  return vendors[name as VendorName] as unknown as VendorModule;
}

type Vendors = typeof vendors;

/** A vendor's target schema with its `vendor` tag: one member of the `target` union. */
function taggedTarget<N extends VendorName, S extends z.core.$ZodShape>(vendor: {
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
  for (const vendor of Object.values(vendors) as VendorModule[]) {
    const schema = vendor[kind] as unknown as z.ZodObject;
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
