/**
 * VPS.org state and seed: API tokens (`vps_…`) → servers (integer ids, as documented) →
 * backups (integer ids). Automatic daily backups are materialised lazily with an expiry.
 */
import { DAY_MS, type Timed } from "../../core/clock";

export interface VpsorgAccount {
  id: string;
  token: string;
}

export interface VpsorgServer {
  id: number;
  name: string;
  accountId: string;
  hostname: string;
  ipAddress: string;
  /** Automatic backups are kept this many days (the plan's policy; "usually 7–30 days"). */
  retentionDays: number;
  /** Sandbox-only: set when a restore completes. */
  lastRestoredFrom?: { backupId: string; at: string };
}

export interface VpsorgBackup extends Timed {
  id: number;
  serverId: number;
  backupType: "manual" | "automatic";
  description: string;
  sizeMb: number;
  /** null for manual backups (they never expire). */
  expiresAt: number | null;
}

export interface VpsorgRestore extends Timed {
  serverId: number;
  backupId: number;
  applied?: boolean;
}

export interface VpsorgState {
  accounts: VpsorgAccount[];
  servers: VpsorgServer[];
  backups: VpsorgBackup[];
  restores: VpsorgRestore[];
  nextBackupId: number;
  /** Per server id: automatic backups exist up to this time (epoch ms). */
  autoBackupsUntil: Record<string, number>;
}

/** Documented: at most 10 manual backups per server. */
export const VPSORG_MANUAL_BACKUP_LIMIT = 10;
/** Automatic backups run daily at 03:00 UTC (the docs' examples are at 03:00Z). */
export const VPSORG_DAILY_HOUR_UTC = 3;

export const VPSORG_IDS = {
  tokenA: "vps_demo_token_a",
  tokenB: "vps_demo_token_b",
  accountA: "vps-account-a",
  accountB: "vps-account-b",
  serverWeb: 12345,
  serverDb: 12346,
  serverOther: 22345,
  manualBackup: 499,
} as const;

export function seedVpsorg(now: number): VpsorgState {
  const ids = VPSORG_IDS;
  const servers: VpsorgServer[] = [
    {
      id: ids.serverWeb,
      name: "web-server-01",
      accountId: ids.accountA,
      hostname: "web-server-01.vps.org",
      ipAddress: "203.0.113.10",
      retentionDays: 7,
    },
    {
      id: ids.serverDb,
      name: "db-server-01",
      accountId: ids.accountA,
      hostname: "db-server-01.vps.org",
      ipAddress: "203.0.113.11",
      retentionDays: 30,
    },
    {
      id: ids.serverOther,
      name: "other-server-01",
      accountId: ids.accountB,
      hostname: "other-server-01.vps.org",
      ipAddress: "198.51.100.7",
      retentionDays: 7,
    },
  ];
  return {
    accounts: [
      { id: ids.accountA, token: ids.tokenA },
      { id: ids.accountB, token: ids.tokenB },
    ],
    servers,
    backups: [
      {
        id: ids.manualBackup,
        serverId: ids.serverWeb,
        backupType: "manual",
        description: "Pre-update backup",
        sizeMb: 4456,
        createdAt: now - 2 * DAY_MS,
        durationMs: 0,
        expiresAt: null,
      },
    ],
    restores: [],
    nextBackupId: 500,
    // Three days of automatic daily backups get materialised on the first look.
    autoBackupsUntil: Object.fromEntries(servers.map((s) => [String(s.id), now - 3 * DAY_MS])),
  };
}
