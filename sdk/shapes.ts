/**
 * How the SDK turns a resource's schema types (provider/resources/<r>/schema.ts) into its
 * public types: every input may be a Pulumi `Input` (list items too), every output is a
 * Pulumi `Output`. The documentation on the schema's properties shows on these types.
 */
import type * as pulumi from "@pulumi/pulumi";

/** A list's items may be `Input`s too, as in `notificationEmails: [email.address]`. */
type InputItems<T> = T extends readonly (infer Item)[] ? pulumi.Input<Item>[] : T;

/** A resource's arguments: each of the declared inputs as a Pulumi `Input`. */
export type ResourceArgs<Declared> = { [K in keyof Declared]: pulumi.Input<InputItems<Declared[K]>> };

/** A resource's output properties: each as a Pulumi `Output` (`undefined` where the value may be absent). */
export type ResourceOutputs<Outputs> = { readonly [K in keyof Outputs]-?: pulumi.Output<Outputs[K]> };

/**
 * The output properties as `undefined` inputs: Pulumi registers a property on the resource
 * object only for the names the constructor passes.
 */
export function unsetOutputs(names: readonly string[]): Record<string, undefined> {
  return Object.fromEntries(names.map((name) => [name, undefined]));
}
