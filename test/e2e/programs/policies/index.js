// Declares one Backup per entry of the `backups` config object and one BackupPolicy per
// entry of `policies`, and exports their outputs.
const pulumi = require("@pulumi/pulumi");
const { Backup, BackupPolicy } = require("pulumi-hosting-backups");

const config = new pulumi.Config();
const backups = config.getObject("backups") ?? {};
const policies = config.getObject("policies") ?? {};

for (const [name, args] of Object.entries(backups)) {
  const backup = new Backup(name, args);
  exports[name] = { id: backup.id, backupId: backup.backupId, status: backup.status, marker: backup.marker };
}

for (const [name, args] of Object.entries(policies)) {
  const policy = new BackupPolicy(name, args);
  exports[name] = {
    id: policy.id,
    backupCount: policy.backupCount,
    managedCount: policy.managedCount,
    newestCompletedAt: policy.newestCompletedAt,
    newestCompletedBackupId: policy.newestCompletedBackupId,
    oldestCompletedAt: policy.oldestCompletedAt,
    lastPrunedIds: policy.lastPrunedIds,
    lastBackupId: policy.lastBackupId,
    scheduleIds: policy.scheduleIds,
    targetKey: policy.targetKey,
  };
}
