/**
 * WP Engine state and seed: API users (HTTP Basic) with access to accounts → installs →
 * backups; restores and archives. Install and backup ids are UUIDs (the first ones are the
 * examples from WP Engine's own docs).
 */
import { DAY_MS, HOUR_MS, type Timed } from "../../core/clock";

export interface WpengineUser {
  /** API user id (Basic auth user name). */
  user: string;
  password: string;
  /** Accounts this API user may act on. */
  accountIds: string[];
}

export interface WpengineInstall {
  id: string;
  name: string;
  accountId: string;
  siteId: string;
  environment: "production" | "staging" | "development";
  phpVersion: string;
  wordpressVersion: string;
  primaryDomain: string;
  /** Sandbox-only: set when a restore completes (WP Engine itself only sends an email). */
  lastRestoredFrom?: { backupId: string; at: string; restoreId: string };
}

export interface WpengineBackup extends Timed {
  id: string;
  installId: string;
  description: string;
  notificationEmails: string[];
  wordpressVersion: string;
  /** Sandbox-only (WP Engine documents no retention); null = kept. */
  expiresAt?: number | null;
}

export interface WpengineRestore extends Timed {
  id: string;
  installId: string;
  backupId: string;
  notificationEmails: string[];
  restoreDatabase: boolean;
  createCheckpoint: boolean;
  applied?: boolean;
}

export interface WpengineArchive extends Timed {
  id: string;
  installId: string;
  backupId: string;
  notificationEmails: string[];
}

export interface WpengineState {
  users: WpengineUser[];
  accounts: { id: string; name: string }[];
  installs: WpengineInstall[];
  backups: WpengineBackup[];
  restores: WpengineRestore[];
  archives: WpengineArchive[];
}

export const WPENGINE_IDS = {
  userA: "a9e7c0de-0000-4000-8000-00000000000a",
  passwordA: "wpe-demo-password-a",
  userB: "a9e7c0de-0000-4000-8000-00000000000b",
  passwordB: "wpe-demo-password-b",
  accountA: "eeda3227-9a39-46ae-9e14-20958bb4e6c9",
  accountB: "eeda3227-0000-4000-8000-00000000000b",
  siteA: "28c78b6d-c2da-4f09-85f5-1ad588089b2d",
  siteB: "28c78b6d-0000-4000-8000-00000000000b",
  installProd: "294deacc-d8b8-4005-82c4-0727ba8ddde0",
  installStaging: "294deacc-0000-4000-8000-000000000002",
  installOther: "294deacc-0000-4000-8000-000000000003",
  backupProd: "e41fa98f-ea80-4654-b229-a9b765d0863a",
  backupStaging: "e41fa98f-0000-4000-8000-000000000002",
  backupOther: "e41fa98f-0000-4000-8000-000000000003",
} as const;

export function seedWpengine(now: number): WpengineState {
  const ids = WPENGINE_IDS;
  const backup = (id: string, installId: string, description: string, ageMs: number): WpengineBackup => ({
    id,
    installId,
    description,
    notificationEmails: ["ops@example.com"],
    wordpressVersion: "6.4.2",
    createdAt: now - ageMs,
    durationMs: 30 * 60 * 1000,
    expiresAt: null,
  });
  return {
    users: [
      { user: ids.userA, password: ids.passwordA, accountIds: [ids.accountA] },
      { user: ids.userB, password: ids.passwordB, accountIds: [ids.accountB] },
    ],
    accounts: [
      { id: ids.accountA, name: "torquemag" },
      { id: ids.accountB, name: "otheraccount" },
    ],
    installs: [
      {
        id: ids.installProd,
        name: "torquemag",
        accountId: ids.accountA,
        siteId: ids.siteA,
        environment: "production",
        phpVersion: "8.2",
        wordpressVersion: "6.4.2",
        primaryDomain: "torquemag.com",
      },
      {
        id: ids.installStaging,
        name: "torquemagstg",
        accountId: ids.accountA,
        siteId: ids.siteA,
        environment: "staging",
        phpVersion: "8.2",
        wordpressVersion: "6.4.2",
        primaryDomain: "torquemagstg.wpengine.com",
      },
      {
        id: ids.installOther,
        name: "otherinstall",
        accountId: ids.accountB,
        siteId: ids.siteB,
        environment: "production",
        phpVersion: "8.1",
        wordpressVersion: "6.3.1",
        primaryDomain: "otherinstall.wpengine.com",
      },
    ],
    backups: [
      backup(ids.backupProd, ids.installProd, "Pre-deploy snapshot", 2 * DAY_MS),
      backup(ids.backupStaging, ids.installStaging, "Staging before plugin update", DAY_MS + 6 * HOUR_MS),
      backup(ids.backupOther, ids.installOther, "Other account backup", DAY_MS),
    ],
    restores: [],
    archives: [],
  };
}
