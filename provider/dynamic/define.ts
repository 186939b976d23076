/**
 * A resource's dynamic provider, made from its definition (provider/resources/<r>/definition.ts).
 * Each provider/dynamic/<module>.ts sets its `module.exports` to one of these: the SDK class
 * hands that module's exports to `pulumi.dynamic.Resource`, and Pulumi's serializer, finding
 * the object in `require.cache`, records a `require` of the module by package name instead
 * of serializing code (small state; refresh and destroy run the installed provider).
 */
import type * as pulumi from "@pulumi/pulumi";
import { setStackConfig } from "../config/accounts";
import type { ResourceDefinition } from "../resources/shared/definition";
import { identityOf } from "../resources/shared/identity";

type Props = Record<string, unknown>;

/** What the SDK class reads from the module besides the provider's operations. */
export interface DynamicModule extends pulumi.dynamic.ResourceProvider {
  /** The type name the SDK class registers (`hostingbackups:<name>`). */
  typeName: string;
  /** The output property names, which the SDK registers so a program can read them. */
  outputKeys: readonly string[];
  /** Outputs the SDK class marks secret (`additionalSecretOutputs`). */
  secretOutputs: readonly string[];
  /** The `identity` input the SDK class sets, for resources that take one (see shared/identity.ts). */
  identityOf?: typeof identityOf;
}

export function dynamicProvider(definition: ResourceDefinition): DynamicModule {
  return {
    typeName: definition.name,
    outputKeys: definition.outputKeys,
    secretOutputs: definition.secretOutputs,
    identityOf: definition.takesIdentity ? identityOf : undefined,
    async configure(req: pulumi.dynamic.ConfigureRequest) {
      setStackConfig(req.config);
    },
    check: async (olds: Props, news: Props) => definition.check(olds, news),
    diff: async (_id: string, olds: Props, news: Props) => definition.diff(olds, news),
    create: (inputs: Props) => definition.create(inputs),
    read: (id: string, props: Props) => definition.read(id, props),
    update: (id: string, olds: Props, news: Props) => definition.update(id, olds, news),
    delete: (id: string, props: Props) => definition.delete(id, props),
  };
}
