/**
 * Northflank state and seed: teams (one API token each) → projects → addons → backups,
 * restores and backup schedules; team-level backup destinations; volumes and volume backups.
 * Northflank ids are slugs (`shop`, `postgres`, `pre-migration`), schedule ids 24 hex chars.
 */
import { DAY_MS, HOUR_MS, type Timed } from "../../core/clock";

export type NorthflankBackupType = "dump" | "snapshot";
export type NorthflankInterval = "hourly" | "daily" | "weekly";

export interface NorthflankAdditionalDestination {
  destinationId: string;
  retentionTime?: number;
  type: "custom";
}

export interface NorthflankTeam {
  id: string;
  token: string;
}

/** An organisation-scoped token reaches several teams, and only through `/teams/{teamId}/…` routes. */
export interface NorthflankOrganisation {
  id: string;
  token: string;
  teamIds: string[];
}

export interface NorthflankProject {
  id: string;
  teamId: string;
  name: string;
  description: string;
}

export interface NorthflankAddon {
  id: string;
  projectId: string;
  name: string;
  /** e.g. `postgresql`, `mongodb`. */
  type: string;
  version: string;
  /**
   * Sandbox-only: set when a restore into this addon completes; `pointInTime` is the time a
   * point-in-time restore put it back to.
   */
  lastRestoredFrom?: { backupId: string; at: string; restoreId: string; pointInTime?: string };
}

export interface NorthflankBackup extends Timed {
  id: string;
  /** Ends `failed` instead of `completed` (a point-in-time restore's backup, `northflank.pitrBackupOutcome`). */
  endsFailed?: boolean;
  projectId: string;
  addonId: string;
  name: string;
  backupType: NorthflankBackupType;
  compressionType?: "gz" | "zstd";
  sourceType: string;
  sizeBytes: number;
  addonVersion: string;
  customDestinationId?: string;
  additionalDestinations?: NorthflankAdditionalDestination[];
  /** Set for backups a schedule took; they are temporary unless retained. */
  scheduleId?: string;
  /** When retention removes it; null/absent = kept until deleted. */
  expiresAt?: number | null;
  /** Abort requested at (epoch ms); `aborting` for abortMs, then `aborted`. */
  abortAt?: number;
  abortMs?: number;
}

export interface NorthflankRestore extends Timed {
  id: string;
  projectId: string;
  addonId: string;
  backupId: string;
  /** The addon owning the backup, when it is another addon's ("global" backup). */
  sourceProjectId?: string;
  sourceAddonId?: string;
  /** Set for point-in-time restores: the time restored to. */
  pointInTime?: string;
  /** The id the restore call answered, where it differs from `id` (`northflank.restoreIds` "different"). */
  callId?: string;
  /** Where a point-in-time restore is recorded (`northflank.pitrRecord`); absent: everywhere. */
  recordedIn?: "addon" | "lastRestore";
  abortAt?: number;
  abortMs?: number;
  applied?: boolean;
}

export interface NorthflankSchedule {
  id: string;
  projectId: string;
  addonId: string;
  backupType: NorthflankBackupType;
  compressionType?: "gz" | "zstd";
  customDestinationId?: string;
  additionalDestinations?: NorthflankAdditionalDestination[];
  scheduling: { interval: NorthflankInterval; minute: number[]; hour?: number[]; day?: number[] };
  retentionTime: number;
  createdAt: number;
  updatedAt: number;
  /** Scheduled backups exist up to this time (epoch ms). */
  lastRunAt: number;
}

export interface NorthflankDestination {
  id: string;
  teamId: string;
  name: string;
  description?: string;
  type: "s3";
  prefix: string;
  credentials: { accessKey: string; secretKey: string; bucketName: string; region: string; endpoint: string };
  createdAt: number;
  updatedAt: number;
}

export interface NorthflankVolume {
  id: string;
  projectId: string;
  name: string;
  storageSize: number;
}

export interface NorthflankVolumeBackup extends Timed {
  id: string;
  projectId: string;
  volumeId: string;
  name: string;
  description?: string;
}

export interface NorthflankState {
  teams: NorthflankTeam[];
  organisations: NorthflankOrganisation[];
  projects: NorthflankProject[];
  addons: NorthflankAddon[];
  backups: NorthflankBackup[];
  restores: NorthflankRestore[];
  schedules: NorthflankSchedule[];
  destinations: NorthflankDestination[];
  volumes: NorthflankVolume[];
  volumeBackups: NorthflankVolumeBackup[];
}

export const NORTHFLANK_IDS = {
  teamA: "demo-team",
  tokenA: "nf-demo-token-a",
  teamB: "other-team",
  tokenB: "nf-demo-token-b",
  organisation: "demo-org",
  organisationToken: "nf-demo-org-token",
  projectA: "shop",
  projectB: "other-shop",
  addonPostgres: "postgres",
  addonMongo: "mongo",
  addonOther: "postgres",
  backupManual: "pre-migration",
  scheduleDaily: "62cc20b90956ab62a58e8474",
  destination: "offsite-s3",
  volume: "uploads",
} as const;

export function seedNorthflank(now: number): NorthflankState {
  const ids = NORTHFLANK_IDS;
  return {
    teams: [
      { id: ids.teamA, token: ids.tokenA },
      { id: ids.teamB, token: ids.tokenB },
    ],
    organisations: [{ id: ids.organisation, token: ids.organisationToken, teamIds: [ids.teamA, ids.teamB] }],
    projects: [
      { id: ids.projectA, teamId: ids.teamA, name: "shop", description: "Demo shop" },
      { id: ids.projectB, teamId: ids.teamB, name: "other-shop", description: "Another team's project" },
    ],
    addons: [
      { id: ids.addonPostgres, projectId: ids.projectA, name: "postgres", type: "postgresql", version: "16.2.0" },
      { id: ids.addonMongo, projectId: ids.projectA, name: "mongo", type: "mongodb", version: "7.0.5" },
      { id: ids.addonOther, projectId: ids.projectB, name: "postgres", type: "postgresql", version: "15.6.0" },
    ],
    backups: [
      {
        id: ids.backupManual,
        projectId: ids.projectA,
        addonId: ids.addonPostgres,
        name: "pre migration",
        backupType: "snapshot",
        sourceType: "snapshot",
        sizeBytes: 52_428_800,
        addonVersion: "16.2.0",
        createdAt: now - 2 * DAY_MS,
        durationMs: 60_000,
        expiresAt: null,
      },
    ],
    restores: [],
    schedules: [
      {
        id: ids.scheduleDaily,
        projectId: ids.projectA,
        addonId: ids.addonPostgres,
        backupType: "snapshot",
        scheduling: { interval: "daily", minute: [30], hour: [2] },
        retentionTime: 7,
        createdAt: now - 10 * DAY_MS,
        updatedAt: now - 10 * DAY_MS,
        // Three days of scheduled backups get materialised on the first look.
        lastRunAt: now - 3 * DAY_MS - HOUR_MS,
      },
    ],
    destinations: [
      {
        id: ids.destination,
        teamId: ids.teamA,
        name: "offsite-s3",
        description: "Offsite copies",
        type: "s3",
        prefix: "backups/",
        credentials: {
          accessKey: "AKIADEMOACCESSKEY001",
          secretKey: "demo-secret-key-do-not-use",
          bucketName: "demo-offsite-backups",
          region: "us-west-2",
          endpoint: "s3.us-west-2.amazonaws.com",
        },
        createdAt: now - 30 * DAY_MS,
        updatedAt: now - 30 * DAY_MS,
      },
    ],
    volumes: [{ id: ids.volume, projectId: ids.projectA, name: "uploads", storageSize: 10240 }],
    volumeBackups: [],
  };
}
