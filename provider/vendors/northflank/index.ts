/** Northflank: backups of addons (databases), with native backup schedules. */
import type { VendorModule } from "../vendor";
import { createNorthflankClient, DISPLAY_NAME } from "./client";
import {
  backupOptionsSchema,
  descriptionSchema,
  MAX_DESCRIPTION_LENGTH,
  restoreOptionsSchema,
  targetSchema,
  teamIdSchema,
  type NorthflankTarget,
} from "./schemas";

export const northflank = {
  name: "northflank",
  displayName: DISPLAY_NAME,
  capabilities: {
    deleteBackup: true,
    restore: true,
    restoreTracking: "tracked",
    schedules: true,
    // A temporary link (GET …/download-link), fetched when one backup is read, not on lists.
    downloadUrl: true,
    // Manual backups are kept until deleted: clean up what the provider created.
    defaultDeletionPolicy: "delete",
    maxDescriptionLength: MAX_DESCRIPTION_LENGTH,
    crossTargetRestore: "any-addon",
    pointInTimeRestore: true,
  },
  targetNoun: "addon",
  targetSchema,
  targetKey: (target) => `northflank/${target.projectId}/${target.addonId}`,
  descriptionSchema,
  backupOptionsSchema,
  restoreOptionsSchema,
  // Another addon's backup is a "global" backup: the restore names its source addon.
  sourceRestoreOptions: (source) => ({ sourceProjectId: source.projectId, sourceAddonId: source.addonId }),
  // Unlike the docs' base URL, ours includes the version path, like the other vendors'.
  defaultBaseUrl: "https://api.northflank.com/v1",
  baseUrlEnv: "NORTHFLANK_API_URL",
  baseUrlConfig: "northflankApiUrl",
  credentialEnv: { token: "NORTHFLANK_API_TOKEN" },
  credentialConfig: { token: "northflankApiToken" },
  // Organisation-scoped tokens call `/teams/{teamId}/…` routes.
  teamScope: { config: "northflankTeamId", env: "NORTHFLANK_TEAM_ID", schema: teamIdSchema },
  // Documented: 1000 requests an hour per token.
  rateLimit: { requests: 1000, windowMs: 3_600_000 },
  createClient: createNorthflankClient,
} satisfies VendorModule<NorthflankTarget, "northflank", "token">;
