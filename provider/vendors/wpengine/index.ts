/** WP Engine: backups of WordPress installs. */
import type { VendorModule } from "../vendor";
import { createWpengineClient, DISPLAY_NAME } from "./client";
import {
  backupOptionsSchema,
  descriptionSchema,
  MAX_DESCRIPTION_LENGTH,
  restoreOptionsSchema,
  targetSchema,
  type WpengineTarget,
} from "./schemas";

export const wpengine = {
  name: "wpengine",
  displayName: DISPLAY_NAME,
  capabilities: {
    deleteBackup: false,
    restore: true,
    restoreTracking: "accepted-only",
    schedules: false,
    // Archives (zip downloads) exist, but creating one is a side effect with an email.
    downloadUrl: false,
    // No delete API, so backups can only be retained.
    defaultDeletionPolicy: "retain",
    maxDescriptionLength: MAX_DESCRIPTION_LENGTH,
    crossTargetRestore: "same-target",
    pointInTimeRestore: false,
  },
  targetNoun: "install",
  scheduleAlternative:
    "WP Engine has no backup-schedule API (it takes automatic daily backups itself); use freshness to take a backup when the newest is too old",
  targetSchema,
  targetKey: (target) => `wpengine/${target.installId}`,
  descriptionSchema,
  backupOptionsSchema,
  restoreOptionsSchema,
  defaultBaseUrl: "https://api.wpengineapi.com/v1",
  baseUrlEnv: "WPENGINE_API_URL",
  baseUrlConfig: "wpengineApiUrl",
  credentialEnv: { user: "WPENGINE_API_USER", password: "WPENGINE_API_PASSWORD" },
  credentialConfig: { user: "wpengineApiUser", password: "wpengineApiPassword" },
  // WP Engine publishes no number: Kinsta's 120 a minute, a conservative default (a 429 lowers it).
  rateLimit: { requests: 120, windowMs: 60_000 },
  createClient: createWpengineClient,
} satisfies VendorModule<WpengineTarget, "wpengine", "user" | "password">;
