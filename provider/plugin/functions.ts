/**
 * The plugin's functions (invokes), each served by provider/functions, the same code the
 * TypeScript package's `getBackups`/`getLatestBackup` run.
 */
import { ConfigurationError } from "../core/errors";
import { getBackups, getLatestBackup } from "../functions/backups";
import { PLUGIN_NAMESPACE } from "./config";

export interface PluginFunction {
  token: string;
  name: "getBackups" | "getLatestBackup";
  /** Checks the arguments (a ValidationError naming the field) and answers. */
  run(args: Record<string, unknown>): Promise<Record<string, unknown>>;
}

export const PLUGIN_FUNCTIONS: PluginFunction[] = [
  { token: `${PLUGIN_NAMESPACE}:index:getBackups`, name: "getBackups", run: getBackups },
  { token: `${PLUGIN_NAMESPACE}:index:getLatestBackup`, name: "getLatestBackup", run: getLatestBackup },
];

export function functionOf(token: string): PluginFunction {
  const found = PLUGIN_FUNCTIONS.find((f) => f.token === token);
  if (!found) {
    throw new ConfigurationError(
      `unknown function "${token}": this plugin provides ${PLUGIN_FUNCTIONS.map((f) => f.token).join(", ")}`,
    );
  }
  return found;
}
