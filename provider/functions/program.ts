/**
 * The TypeScript SDK's way in: the functions run in the program's process (a program has no
 * dynamic provider to ask), reading the program's stack config (`hosting-backups:*`) through
 * the resolver the resources use, then the environment.
 */
import { setStackConfig, type ConfigSource } from "../config/accounts";
import { getBackups, getLatestBackup } from "./backups";

export function programFunctions(config: ConfigSource) {
  setStackConfig(config);
  return { getBackups, getLatestBackup };
}
