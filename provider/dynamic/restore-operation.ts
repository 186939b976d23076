/**
 * The `RestoreOperation` dynamic provider; see `backup.ts` beside it for why this module's
 * exports are the provider.
 */
import type * as pulumi from "@pulumi/pulumi";
import { setStackConfig } from "../config/accounts";
import { checkRestoreInputs } from "../resources/restore/inputs";
import { diffRestore } from "../resources/restore/diff";
import { createRestore, deleteRestore, readRestore, updateRestore } from "../resources/restore/lifecycle";
import { RESTORE_OUTPUT_KEYS } from "../resources/restore/schema";

/** The SDK class registers these, so a program can read them (not an operation of the provider). */
export const outputKeys = RESTORE_OUTPUT_KEYS;

export async function configure(req: pulumi.dynamic.ConfigureRequest) {
  setStackConfig(req.config);
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Props = any;
export const check = async (_olds: Props, news: Props) => checkRestoreInputs(news);
export const diff = async (_id: string, olds: Props, news: Props) => diffRestore(olds, news);
export const create = async (inputs: Props) => createRestore(inputs);
export const read = async (id: string, props: Props) => readRestore(id, props);
export const update = async (id: string, olds: Props, news: Props) => updateRestore(id, olds, news);
const deleteResource = async (id: string, props: Props) => deleteRestore(id, props);
export { deleteResource as delete };
