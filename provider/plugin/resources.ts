/**
 * The plugin's resource types, each dispatched to the same provider modules the dynamic
 * resources hand to Pulumi (provider/dynamic/*): one implementation, two ways in.
 */
import * as backup from "../dynamic/backup";
import * as backupGate from "../dynamic/backup-gate";
import * as backupPolicy from "../dynamic/backup-policy";
import * as restoreOperation from "../dynamic/restore-operation";
import { BACKUP_INPUT_KEYS } from "../resources/backup/schema";
import { GATE_INPUT_KEYS } from "../resources/gate/schema";
import { POLICY_INPUT_KEYS } from "../resources/policy/schema";
import { PLANNED_KEYS } from "../resources/policy/plan";
import { RESTORE_INPUT_KEYS } from "../resources/restore/schema";
import { ConfigurationError } from "../core/errors";
import { PLUGIN_NAMESPACE } from "./config";

type Props = Record<string, unknown>;

/** The functions of one provider/dynamic module. */
export interface ProviderModule {
  check(olds: Props, news: Props): Promise<{ inputs?: Props; failures?: { property: string; reason: string }[] }>;
  diff(
    id: string,
    olds: Props,
    news: Props,
  ): Promise<{ changes: boolean; replaces: string[]; deleteBeforeReplace: boolean }>;
  create(inputs: Props): Promise<{ id: string; outs: Props }>;
  read(id: string, props: Props): Promise<{ id: string; props: Props; inputs?: Props }>;
  update(id: string, olds: Props, news: Props): Promise<{ outs?: Props }>;
  delete(id: string, props: Props): Promise<void>;
}

export interface PluginResource {
  token: string;
  name: "Backup" | "BackupPolicy" | "RestoreOperation" | "BackupGate";
  provider: ProviderModule;
  /** Input properties as the resource code names them (for the detailed diff and the schema check). */
  inputKeys: readonly string[];
  /** Computed properties the diff reports too (the policy's planned work). */
  diffedOutputs: readonly string[];
  /** Outputs always stored as secrets, whatever the inputs. */
  secretOutputs: readonly string[];
  /** Takes `identity` (`<project>/<stack>/<name>`, part of its backups' markers), as the TypeScript SDK sets it. */
  takesIdentity: boolean;
  /** How `pulumi import` ids look, or undefined when the resource cannot be imported. */
  importId?: string;
}

const token = (name: string) => `${PLUGIN_NAMESPACE}:index:${name}`;

/** Input keys the resource code sets itself and the schema does not declare. */
export const INTERNAL_INPUT_KEYS = ["identity"] as const;
const declared = (keys: readonly string[]) =>
  keys.filter((key) => !(INTERNAL_INPUT_KEYS as readonly string[]).includes(key));

export const PLUGIN_RESOURCES: PluginResource[] = [
  {
    token: token("Backup"),
    name: "Backup",
    provider: backup as unknown as ProviderModule,
    inputKeys: declared(BACKUP_INPUT_KEYS),
    diffedOutputs: [],
    takesIdentity: true,
    // A download link grants access to the data.
    secretOutputs: ["downloadUrl"],
    importId:
      "`kinsta/<environmentId>/<backupId>`, `wpengine/<installId>/<backupId>`, `vpsorg/<serverId>/<backupId>`, `northflank/<projectId>/<addonId>/<backupId>`",
  },
  {
    token: token("BackupPolicy"),
    name: "BackupPolicy",
    provider: backupPolicy as unknown as ProviderModule,
    inputKeys: declared(POLICY_INPUT_KEYS),
    diffedOutputs: PLANNED_KEYS,
    takesIdentity: true,
    secretOutputs: [],
  },
  {
    token: token("RestoreOperation"),
    name: "RestoreOperation",
    provider: restoreOperation as unknown as ProviderModule,
    inputKeys: declared(RESTORE_INPUT_KEYS),
    diffedOutputs: [],
    takesIdentity: false,
    secretOutputs: [],
  },
  {
    token: token("BackupGate"),
    name: "BackupGate",
    provider: backupGate as unknown as ProviderModule,
    inputKeys: GATE_INPUT_KEYS,
    diffedOutputs: [],
    takesIdentity: false,
    secretOutputs: [],
  },
];

export function resourceOf(type: string): PluginResource {
  const found = PLUGIN_RESOURCES.find((r) => r.token === type);
  if (!found) {
    throw new ConfigurationError(
      `unknown resource type "${type}": this plugin provides ${PLUGIN_RESOURCES.map((r) => r.token).join(", ")}`,
    );
  }
  return found;
}
