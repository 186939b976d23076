// `backups`, `policies`, `restores`: name → the resource's args. A restore's
// `backupFrom: "<backup name>"` takes the backupId of a Backup declared above.
const pulumi = require("@pulumi/pulumi");
const { Backup, BackupPolicy, RestoreOperation } = require("pulumi-hosting-backups");

const config = new pulumi.Config();
const backups = {};
for (const [name, args] of Object.entries(config.getObject("backups") ?? {})) {
  backups[name] = new Backup(name, args);
}
for (const [name, args] of Object.entries(config.getObject("policies") ?? {})) {
  new BackupPolicy(name, args);
}
for (const [name, { backupFrom, ...args }] of Object.entries(config.getObject("restores") ?? {})) {
  const restore = new RestoreOperation(name, {
    ...args,
    ...(backupFrom ? { backupId: backups[backupFrom].backupId } : {}),
  });
  exports[name] = { status: restore.status, restoredBackupId: restore.restoredBackupId };
}
