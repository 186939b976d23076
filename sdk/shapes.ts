/**
 * How the SDK turns a resource's definition (provider/resources/<r>/definition.ts) into its
 * public types and registration: every declared input may be a Pulumi `Input` (list items
 * too), every output is a Pulumi `Output`. The documentation on the schema's properties shows
 * on these types.
 */
import * as pulumi from "@pulumi/pulumi";
import type { DynamicModule } from "../provider/dynamic/define";
import type { DeclaredInputs, ResourceOutputsOf } from "../provider/resources/shared/definition";

/** A list's items may be `Input`s too, as in `notificationEmails: [email.address]`. */
type InputItems<T> = T extends readonly (infer Item)[] ? pulumi.Input<Item>[] : T;

/** A resource's arguments: each of the declared inputs as a Pulumi `Input`. */
export type ResourceArgs<Declared> = { [K in keyof Declared]: pulumi.Input<InputItems<Declared[K]>> };

/** A resource's output properties: each as a Pulumi `Output` (`undefined` where the value may be absent). */
export type ResourceOutputs<Outputs> = { readonly [K in keyof Outputs]-?: pulumi.Output<Outputs[K]> };

/** The arguments of a defined resource (`typeof backupResource`). */
export type ArgsOf<Definition> = ResourceArgs<DeclaredInputs<Definition>>;
/** The output properties of a defined resource. */
export type OutputsOf<Definition> = ResourceOutputs<ResourceOutputsOf<Definition>>;

/**
 * What an SDK class hands `pulumi.dynamic.Resource`, from its dynamic module: the provider
 * (the module itself, so Pulumi records a `require` of it), the inputs with `identity` where
 * the resource takes one and every output property named (Pulumi registers a property on the
 * resource object only for the names the constructor passes), the secret outputs, the type.
 */
export function dynamicResourceArgs(
  provider: DynamicModule,
  name: string,
  args: object,
  opts: pulumi.CustomResourceOptions | undefined,
): [DynamicModule, string, pulumi.Inputs, pulumi.CustomResourceOptions | undefined, string, string] {
  const identity = provider.identityOf
    ? { identity: provider.identityOf(pulumi.getProject(), pulumi.getStack(), name) }
    : {};
  const unsetOutputs = Object.fromEntries(provider.outputKeys.map((key) => [key, undefined]));
  const secrets = provider.secretOutputs.length
    ? { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...provider.secretOutputs] }
    : opts;
  return [provider, name, { ...args, ...identity, ...unsetOutputs }, secrets, "hostingbackups", provider.typeName];
}
