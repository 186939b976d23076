// The live acceptance kit's program. Stack config `plan`:
//   backups:  name → BackupArgs
//   policies: name → BackupPolicyArgs plus `after` (names of backups the policy waits for)
//   restores: name → RestoreOperationArgs plus `backupFrom` (the name of a backup above)
const pulumi = require("@pulumi/pulumi");
const { Backup, BackupPolicy, RestoreOperation } = require("pulumi-hosting-backups");

const plan = new pulumi.Config().getObject("plan") ?? {};
const backups = {};
for (const [name, args] of Object.entries(plan.backups ?? {})) {
  const backup = (backups[name] = new Backup(name, args));
  exports[name] = { backupId: backup.backupId, status: backup.status, marker: backup.marker };
}
for (const [name, { after = [], ...args }] of Object.entries(plan.policies ?? {})) {
  const policy = new BackupPolicy(name, args, { dependsOn: after.map((b) => backups[b]) });
  exports[name] = { lastPrunedIds: policy.lastPrunedIds, managedCount: policy.managedCount };
}
for (const [name, { backupFrom, ...args }] of Object.entries(plan.restores ?? {})) {
  const restore = new RestoreOperation(name, { ...args, backupId: backups[backupFrom].backupId });
  exports[name] = { status: restore.status, restoredBackupId: restore.restoredBackupId };
}
