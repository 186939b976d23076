/** VPS.org: backups of virtual servers. */
import type { VendorModule } from "../vendor";
import { createVpsorgClient, DISPLAY_NAME } from "./client";
import {
  backupOptionsSchema,
  descriptionSchema,
  MAX_DESCRIPTION_LENGTH,
  restoreOptionsSchema,
  targetSchema,
  type VpsorgTarget,
} from "./schemas";

export const vpsorg = {
  name: "vpsorg",
  displayName: DISPLAY_NAME,
  capabilities: {
    deleteBackup: true,
    restore: true,
    // Undocumented: followed through the server's status (`restoring` while it runs).
    restoreTracking: "tracked",
    schedules: false,
    downloadUrl: false,
    manualBackupLimit: 10,
    // Manual backups never expire and count against the cap of 10: clean up what we created.
    defaultDeletionPolicy: "delete",
    maxDescriptionLength: MAX_DESCRIPTION_LENGTH,
    crossTargetRestore: "same-target",
    pointInTimeRestore: false,
  },
  targetNoun: "server",
  scheduleAlternative:
    "VPS.org has no backup-schedule API (its automatic backups follow the server's plan); use freshness to take a backup when the newest is too old",
  targetSchema,
  targetKey: (target) => `vpsorg/${target.serverId}`,
  descriptionSchema,
  backupOptionsSchema,
  restoreOptionsSchema,
  defaultBaseUrl: "https://admin.vps.org/api/v1",
  baseUrlEnv: "VPSORG_API_URL",
  baseUrlConfig: "vpsorgApiUrl",
  credentialEnv: { token: "VPSORG_API_TOKEN" },
  credentialConfig: { token: "vpsorgApiToken" },
  // VPS.org publishes no number: Kinsta's 120 a minute, a conservative default (a 429 lowers it).
  rateLimit: { requests: 120, windowMs: 60_000 },
  createClient: createVpsorgClient,
} satisfies VendorModule<VpsorgTarget, "vpsorg", "token">;
