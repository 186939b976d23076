/**
 * The `Backup` dynamic provider. The SDK hands *this module's exports* to
 * `pulumi.dynamic.Resource`; Pulumi's serializer records that as a `require` of this
 * module by package name instead of serializing code, so the state stays ~250 bytes per
 * resource and refresh/destroy always run the installed version of the provider.
 * Keep it to thin delegations: no module-level state, no captured values.
 */
import type * as pulumi from "@pulumi/pulumi";
import { setStackConfig } from "../config/accounts";
import { checkBackupInputs } from "../resources/backup/inputs";
import { diffBackup } from "../resources/backup/diff";
import { createBackup, deleteBackup, readBackup, updateBackup } from "../resources/backup/lifecycle";
import { BACKUP_OUTPUT_KEYS } from "../resources/backup/schema";

/** The SDK class registers these, so a program can read them (not an operation of the provider). */
export const outputKeys = BACKUP_OUTPUT_KEYS;

export async function configure(req: pulumi.dynamic.ConfigureRequest) {
  setStackConfig(req.config);
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Props = any;
export const check = async (_olds: Props, news: Props) => checkBackupInputs(news);
export const diff = async (_id: string, olds: Props, news: Props) => diffBackup(olds, news);
export const create = async (inputs: Props) => createBackup(inputs);
export const read = async (id: string, props: Props) => readBackup(id, props);
export const update = async (id: string, olds: Props, news: Props) => updateBackup(id, olds, news);
// `delete` is a reserved word for a function name, not for an export.
const deleteResource = async (id: string, props: Props) => deleteBackup(id, props);
export { deleteResource as delete };
