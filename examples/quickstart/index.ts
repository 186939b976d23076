// The quickstart: a pre-release backup on each of the four vendors, a retention policy,
// and a restore drill. Defaults are the sandbox's seeded targets (`npm run demo`); point the
// `quickstart:*` config at your own sites to use it for real.
import * as pulumi from "@pulumi/pulumi";
import { Backup, BackupPolicy, RestoreOperation } from "pulumi-hosting-backups";

const config = new pulumi.Config("quickstart");
const release = config.get("release") ?? "v1.0.0";
const kinstaLive = config.get("kinstaLiveEnvironmentId") ?? "e0e0e0e0-0000-4000-8000-000000000011";
const kinstaStaging = config.get("kinstaStagingEnvironmentId") ?? "e0e0e0e0-0000-4000-8000-000000000012";
const kinstaUserId = config.get("kinstaNotifiedUserId") ?? "a5e40000-0000-4000-8000-00000000000a";
const wpengineInstall = config.get("wpengineInstallId") ?? "294deacc-d8b8-4005-82c4-0727ba8ddde0";
const vpsServer = config.get("vpsorgServerId") ?? "12345";
const northflankProject = config.get("northflankProjectId") ?? "shop";
const northflankAddon = config.get("northflankAddonId") ?? "postgres";
const opsEmail = config.get("opsEmail") ?? "ops@example.com";

// One fresh backup per release on every site: `triggers` replaces it when `release` changes.
const kinsta = new Backup("kinsta-live", {
  target: { vendor: "kinsta", environmentId: kinstaLive },
  description: `pre-release ${release}`,
  triggers: [release],
});
const wpengine = new Backup("wpengine-production", {
  target: { vendor: "wpengine", installId: wpengineInstall },
  description: `pre-release ${release}`,
  notificationEmails: [opsEmail],
  triggers: [release],
});
const vpsorg = new Backup("vpsorg-web", {
  target: { vendor: "vpsorg", serverId: vpsServer },
  description: `pre-release ${release}`,
  triggers: [release],
});
const northflank = new Backup("northflank-db", {
  target: { vendor: "northflank", projectId: northflankProject, addonId: northflankAddon },
  description: `pre-release ${release.replace(/\./g, "-")}`,
  backupType: "dump",
  compressionType: "zstd",
  triggers: [release],
});

// Keep the three newest provider-made backups of the VPS.org server, and make sure none
// is older than a day (VPS.org allows 10 manual backups per server).
const policy = new BackupPolicy(
  "vpsorg-web-policy",
  {
    target: { vendor: "vpsorg", serverId: vpsServer },
    retention: { keepLast: 3 },
    freshness: { maxAgeHours: 24 },
  },
  { dependsOn: [vpsorg] },
);

// A restore drill: the live pre-release backup restored onto staging. `confirm` must repeat
// the staging environment id, so this program cannot silently restore anything else.
const drill = new RestoreOperation("kinsta-staging-drill", {
  target: { vendor: "kinsta", environmentId: kinstaStaging },
  backupId: kinsta.backupId,
  confirm: kinstaStaging,
  notifiedUserId: kinstaUserId,
  triggers: [release],
});

const summary = (b: Backup) => ({ backupId: b.backupId, status: b.status, createdAt: b.createdAt });
export const backups = {
  kinsta: summary(kinsta),
  wpengine: summary(wpengine),
  vpsorg: summary(vpsorg),
  northflank: summary(northflank),
};
export const retention = {
  backupCount: policy.backupCount,
  managedCount: policy.managedCount,
  newestCompletedAt: policy.newestCompletedAt,
  lastPrunedIds: policy.lastPrunedIds,
};
export const restoreDrill = {
  status: drill.status,
  restoredBackupId: drill.restoredBackupId,
  completedAt: drill.completedAt,
};
