// `backups`: name → BackupArgs. `policies`: name → BackupPolicyArgs. `restores`: name →
// RestoreOperationArgs, where `backupFrom: "<backup name>"` takes a declared Backup's backupId.
const pulumi = require("@pulumi/pulumi");
const { Backup, BackupPolicy, RestoreOperation } = require("pulumi-hosting-backups");

const config = new pulumi.Config();
const backups = {};
for (const [name, args] of Object.entries(config.getObject("backups") ?? {})) {
  backups[name] = new Backup(name, args);
  exports[name] = { backupId: backups[name].backupId, status: backups[name].status };
}
for (const [name, args] of Object.entries(config.getObject("policies") ?? {})) {
  const policy = new BackupPolicy(name, args);
  exports[name] = { managedCount: policy.managedCount, lastPrunedIds: policy.lastPrunedIds };
}
for (const [name, { backupFrom, ...args }] of Object.entries(config.getObject("restores") ?? {})) {
  const backupId = backupFrom ? backups[backupFrom].backupId : args.backupId;
  const restore = new RestoreOperation(name, { ...args, backupId });
  exports[name] = { status: restore.status, restoredBackupId: restore.restoredBackupId };
}
