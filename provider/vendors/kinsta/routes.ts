/** The Kinsta endpoints this provider uses (reference: kinsta.md). */
import { route } from "../shared/routes";
import { backupListSchema, operationStartedSchema, operationStatusSchema } from "./schemas";

export const routes = {
  listBackups: route("listBackups", "GET /sites/environments/{envId}/backups", backupListSchema),
  createManualBackup: route("startBackup", "POST /sites/environments/{envId}/manual-backups", operationStartedSchema),
  // No env id in this path: Kinsta deletes by the numeric backup id alone.
  deleteBackup: route("deleteBackup", "DELETE /sites/environments/backups/{backupId}", operationStartedSchema),
  restoreBackup: route("startRestore", "POST /sites/environments/{envId}/backups/restore", operationStartedSchema),
  // 202 running, 200 done, 500 failed, 404 unknown (also briefly right after the start).
  getOperation: route("getOperation", "GET /operations/{operationId}", operationStatusSchema.nullish(), {
    expectStatus: [200, 202, 404, 500],
  }),
};
