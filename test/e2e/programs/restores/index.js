// `backups`: name → BackupArgs. `restores`: name → RestoreOperationArgs, where
// `backupFrom: "<backup name>"` takes the backupId of a Backup declared above.
const pulumi = require("@pulumi/pulumi");
const { Backup, RestoreOperation } = require("pulumi-hosting-backups");

const config = new pulumi.Config();
const backups = {};
for (const [name, args] of Object.entries(config.getObject("backups") ?? {})) {
  backups[name] = new Backup(name, args);
  exports[name] = { backupId: backups[name].backupId, status: backups[name].status };
}
for (const [name, { backupFrom, ...args }] of Object.entries(config.getObject("restores") ?? {})) {
  const backupId = backupFrom ? backups[backupFrom].backupId : args.backupId;
  const restore = new RestoreOperation(name, { ...args, backupId });
  exports[name] = {
    id: restore.id,
    operationId: restore.operationId,
    status: restore.status,
    startedAt: restore.startedAt,
    completedAt: restore.completedAt,
    restoredBackupId: restore.restoredBackupId,
  };
}
