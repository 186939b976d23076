/** Kinsta: backups of WordPress site environments. */
import type { VendorModule } from "../vendor";
import { createKinstaClient, DISPLAY_NAME } from "./client";
import {
  backupOptionsSchema,
  descriptionSchema,
  MAX_DESCRIPTION_LENGTH,
  restoreOptionsSchema,
  targetSchema,
  type KinstaTarget,
} from "./schemas";

export const kinsta = {
  name: "kinsta",
  displayName: DISPLAY_NAME,
  capabilities: {
    deleteBackup: true,
    restore: true,
    restoreTracking: "tracked",
    schedules: false,
    // Kinsta's downloadable backups are separate backups of the site's state at their own
    // time, with no link to a backup id: matching them by date would hand out the wrong file.
    downloadUrl: false,
    manualBackupLimit: 5,
    // Manual backups count against the cap of 5: clean up what the provider created.
    defaultDeletionPolicy: "delete",
    maxDescriptionLength: MAX_DESCRIPTION_LENGTH,
    crossTargetRestore: "same-site",
    pointInTimeRestore: false,
    // A manual backup is listed only once its operation completed (minutes on a real site).
    listsPendingBackups: false,
  },
  targetNoun: "environment",
  scheduleAlternative:
    "Kinsta has no backup-schedule API (its automatic daily backups are configured in MyKinsta); use freshness to take a backup when the newest is too old",
  targetSchema,
  targetKey: (target) => `kinsta/${target.environmentId}`,
  descriptionSchema,
  backupOptionsSchema,
  restoreOptionsSchema,
  defaultBaseUrl: "https://api.kinsta.com/v2",
  baseUrlEnv: "KINSTA_API_URL",
  baseUrlConfig: "kinstaApiUrl",
  credentialEnv: { apiKey: "KINSTA_API_KEY" },
  credentialConfig: { apiKey: "kinstaApiKey" },
  // About 120 requests a minute per company (third-party sources; Kinsta documents none).
  rateLimit: { requests: 120, windowMs: 60_000 },
  createClient: createKinstaClient,
} satisfies VendorModule<KinstaTarget, "kinsta", "apiKey">;
