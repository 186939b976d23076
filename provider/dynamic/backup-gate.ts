/**
 * The `BackupGate` dynamic provider (see provider/dynamic/backup.ts for why the SDK hands
 * Pulumi this module's exports). Thin delegations only.
 */
import type * as pulumi from "@pulumi/pulumi";
import { setStackConfig } from "../config/accounts";
import { checkGateInputs } from "../resources/gate/inputs";
import { diffGate } from "../resources/gate/diff";
import { createGate, deleteGate, readGate, updateGate } from "../resources/gate/lifecycle";
import { GATE_OUTPUT_KEYS } from "../resources/gate/schema";

/** The SDK class registers these, so a program can read them (not an operation of the provider). */
export const outputKeys = GATE_OUTPUT_KEYS;

export async function configure(req: pulumi.dynamic.ConfigureRequest) {
  setStackConfig(req.config);
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Props = any;
export const check = async (_olds: Props, news: Props) => checkGateInputs(news);
export const diff = async (_id: string, olds: Props, news: Props) => diffGate(olds, news);
export const create = async (inputs: Props) => createGate(inputs);
export const read = async (id: string, props: Props) => readGate(id, props);
export const update = async (id: string, olds: Props, news: Props) => updateGate(id, olds, news);
const deleteResource = async (id: string, props: Props) => deleteGate(id, props);
export { deleteResource as delete };
