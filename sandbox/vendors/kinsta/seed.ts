/**
 * Kinsta state and its seed: companies (one API key each) → sites → environments → backups.
 * Ids are fixed so docs and tests can name them; timestamps are relative to "now".
 */
import { DAY_MS, type Timed } from "../../core/clock";

export interface KinstaCompany {
  id: string;
  name: string;
  apiKey: string;
  /** Company users; restore's `notified_user_id` must be one of them. */
  users: { id: string; email: string; full_name: string }[];
}

export interface KinstaSite {
  id: string;
  companyId: string;
  name: string;
  display_name: string;
  status: string;
}

export interface KinstaEnvironment {
  id: string;
  siteId: string;
  /** `live` / `staging`. */
  name: string;
  display_name: string;
  is_premium: boolean;
  domain: string;
  wordpressVersion: string;
  phpVersion: string;
  /** Sandbox-only: set when a restore into this environment completes. */
  lastRestoredFrom?: { backupId: string; at: string; operationId: string };
}

export interface KinstaBackup extends Timed {
  /** Kinsta backup ids are numbers. */
  id: number;
  environmentId: string;
  name: string;
  note: string;
  /** `manual` or `daily` (the automatic type name is undocumented; "daily" chosen). */
  type: string;
  /** Sandbox-only: when retention removes it (Kinsta does not expose it). */
  expiresAt?: number | null;
  /** The add-manual operation that created it. */
  operationId?: string;
  /** The `tag` the create sent; where it shows is the `kinsta.tagIn` variant. */
  tag?: string;
}

export interface KinstaDownloadableBackup extends Timed {
  id: string;
  environmentId: string;
  expiresAt: number;
}

export type KinstaOperationKind = "add-manual" | "remove" | "restore";

export interface KinstaOperation extends Timed {
  id: string;
  kind: KinstaOperationKind;
  companyId: string;
  environmentId: string;
  backupId?: number;
  /** Set once the effect (removal, restore marker) has been applied. */
  applied?: boolean;
}

export interface KinstaState {
  companies: KinstaCompany[];
  sites: KinstaSite[];
  environments: KinstaEnvironment[];
  backups: KinstaBackup[];
  downloadableBackups: KinstaDownloadableBackup[];
  operations: KinstaOperation[];
  nextBackupId: number;
  /** Per environment: automatic daily backups exist up to this time (epoch ms). */
  autoBackupsUntil: Record<string, number>;
}

/** Manual backups allowed per environment (3rd-party evidence says 5; Kinsta does not publish it). */
export const KINSTA_MANUAL_BACKUP_LIMIT = 5;
/** Retention of every Kinsta backup in the sandbox (Kinsta's typical 14 days; not in the API). */
export const KINSTA_RETENTION_MS = 14 * DAY_MS;
/** Automatic daily backups run at this UTC hour (not documented; chosen). */
export const KINSTA_DAILY_HOUR_UTC = 2;

export const KINSTA_IDS = {
  companyA: "c0c0c0c0-0000-4000-8000-00000000000a",
  companyB: "c0c0c0c0-0000-4000-8000-00000000000b",
  apiKeyA: "kinsta-demo-key-a",
  apiKeyB: "kinsta-demo-key-b",
  userA: "a5e40000-0000-4000-8000-00000000000a",
  userB: "a5e40000-0000-4000-8000-00000000000b",
  siteFirst: "5e5e5e5e-0000-4000-8000-000000000001",
  siteShop: "5e5e5e5e-0000-4000-8000-000000000002",
  siteOther: "5e5e5e5e-0000-4000-8000-000000000003",
  envFirstLive: "e0e0e0e0-0000-4000-8000-000000000011",
  envFirstStaging: "e0e0e0e0-0000-4000-8000-000000000012",
  envShopLive: "e0e0e0e0-0000-4000-8000-000000000021",
  envOtherLive: "e0e0e0e0-0000-4000-8000-000000000031",
  manualBackup: 123456789,
} as const;

export function seedKinsta(now: number): KinstaState {
  const ids = KINSTA_IDS;
  const env = (id: string, siteId: string, name: string, display_name: string, domain: string): KinstaEnvironment => ({
    id,
    siteId,
    name,
    display_name,
    is_premium: false,
    domain,
    wordpressVersion: "6.4.2",
    phpVersion: "php8.2",
  });
  const environments = [
    env(ids.envFirstLive, ids.siteFirst, "live", "Live", "firstsite.example.com"),
    env(ids.envFirstStaging, ids.siteFirst, "staging", "Staging", "staging-firstsite.kinsta.cloud"),
    env(ids.envShopLive, ids.siteShop, "live", "Live", "shop.example.com"),
    env(ids.envOtherLive, ids.siteOther, "live", "Live", "othersite.example.org"),
  ];
  const twoDaysAgo = now - 2 * DAY_MS;
  return {
    companies: [
      {
        id: ids.companyA,
        name: "Demo Agency",
        apiKey: ids.apiKeyA,
        users: [{ id: ids.userA, email: "owner@demo-agency.example", full_name: "Demo Owner" }],
      },
      {
        id: ids.companyB,
        name: "Other Company",
        apiKey: ids.apiKeyB,
        users: [{ id: ids.userB, email: "owner@other-company.example", full_name: "Other Owner" }],
      },
    ],
    sites: [
      { id: ids.siteFirst, companyId: ids.companyA, name: "firstsite", display_name: "First site", status: "live" },
      { id: ids.siteShop, companyId: ids.companyA, name: "shop", display_name: "Shop", status: "live" },
      { id: ids.siteOther, companyId: ids.companyB, name: "othersite", display_name: "Other site", status: "live" },
    ],
    environments,
    backups: [
      {
        id: ids.manualBackup,
        environmentId: ids.envFirstLive,
        name: `firstsite-${Math.floor(twoDaysAgo / 1000)}-manual`,
        note: "pre-upgrade",
        type: "manual",
        createdAt: twoDaysAgo,
        durationMs: 0,
        expiresAt: twoDaysAgo + KINSTA_RETENTION_MS,
      },
    ],
    downloadableBackups: [
      {
        id: "1915fa3a-7ef4-4766-806d-71104be7deb0",
        environmentId: ids.envFirstLive,
        createdAt: now - DAY_MS / 2,
        durationMs: 0,
        expiresAt: now + DAY_MS / 2,
      },
    ],
    operations: [],
    nextBackupId: 165424001,
    // Three days of automatic daily backups get materialised on the first look.
    autoBackupsUntil: Object.fromEntries(environments.map((e) => [e.id, now - 3 * DAY_MS])),
  };
}
