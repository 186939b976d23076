/** The VPS.org endpoints this provider uses (reference: vpsorg.md). Trailing slashes are canonical. */
import { route } from "../shared/routes";
import { backupListSchema, backupSchema, restoreStartedSchema, serverSchema } from "./schemas";

export const routes = {
  listBackups: route("listBackups", "GET /backups/", backupListSchema),
  createBackup: route("startBackup", "POST /backups/", backupSchema),
  deleteBackup: route("deleteBackup", "DELETE /backups/{backupId}/", null),
  // Servers API; its response is undocumented.
  getServer: route("checkRestore", "GET /servers/{serverId}/", serverSchema),
  restoreServer: route("startRestore", "POST /servers/{serverId}/restore/", restoreStartedSchema),
};
