// Stack config: `args` (BackupArgs), `dynamic` (declare the dynamic Backup "release", with
// `dynamicDeletionPolicy`), `adoptBackupId` (declare the plugin's Backup "release", adopting it).
const pulumi = require("@pulumi/pulumi");
const { Backup } = require("pulumi-hosting-backups");

const config = new pulumi.Config();
const args = config.requireObject("args");

if (config.getBoolean("dynamic")) {
  const deletionPolicy = config.get("dynamicDeletionPolicy");
  const backup = new Backup("release", { ...args, ...(deletionPolicy ? { deletionPolicy } : {}) });
  exports.dynamic = { id: backup.id, backupId: backup.backupId, marker: backup.marker };
}

const adoptBackupId = config.get("adoptBackupId");
if (adoptBackupId) {
  // No TypeScript SDK is generated for the plugin: a CustomResource names its type token.
  const backup = new pulumi.CustomResource("hostingbackups:index:Backup", "release", {
    ...args,
    adoptBackupId,
    backupId: undefined,
    status: undefined,
    marker: undefined,
  });
  exports.plugin = { id: backup.id, backupId: backup.backupId, status: backup.status, marker: backup.marker };
}
