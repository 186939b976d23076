/** The WP Engine endpoints this provider uses (reference: wpengine.md, API 1.17). */
import { route } from "../shared/routes";
import { backupPageSchema, backupSchema } from "./schemas";

export const routes = {
  listBackups: route("listBackups", "GET /installs/{installId}/backups", backupPageSchema),
  getBackup: route("getBackup", "GET /installs/{installId}/backups/{backupId}", backupSchema),
  createBackup: route("startBackup", "POST /installs/{installId}/backups", backupSchema),
  // 202 with no body; completion is only emailed.
  restoreBackup: route("startRestore", "POST /installs/{installId}/backups/{backupId}/restore", null),
};

/** WP Engine's `limit` maximum. */
export const PAGE_SIZE = 100;
