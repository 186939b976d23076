/**
 * The `BackupPolicy` dynamic provider. The SDK hands *this module's exports* to
 * `pulumi.dynamic.Resource`; Pulumi's serializer records that as a `require` of this
 * module by package name instead of serializing code (small state; refresh and destroy
 * run the installed provider). Keep it to thin delegations: no module-level state.
 */
import type * as pulumi from "@pulumi/pulumi";
import { setStackConfig } from "../config/accounts";
import { checkPolicy } from "../resources/policy/check";
import { diffPolicy } from "../resources/policy/diff";
import { createPolicy, deletePolicy, readPolicy, updatePolicy } from "../resources/policy/lifecycle";
import { POLICY_OUTPUT_KEYS } from "../resources/policy/schema";

/** The SDK class registers these, so a program can read them (not an operation of the provider). */
export const outputKeys = POLICY_OUTPUT_KEYS;

export async function configure(req: pulumi.dynamic.ConfigureRequest) {
  setStackConfig(req.config);
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Props = any;
export const check = async (olds: Props, news: Props) => checkPolicy(olds, news);
export const diff = async (_id: string, olds: Props, news: Props) => diffPolicy(olds, news);
export const create = async (inputs: Props) => createPolicy(inputs);
export const read = async (id: string, props: Props) => readPolicy(id, props);
export const update = async (id: string, olds: Props, news: Props) => updatePolicy(id, olds, news);
// `delete` is a reserved word for a function name, not for an export.
const deleteResource = async (id: string, props: Props) => deletePolicy(id, props);
export { deleteResource as delete };
