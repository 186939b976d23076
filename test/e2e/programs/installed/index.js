// A user's program as README shows it, run from a folder of its own where npm installed this
// package (the packed tarball) beside the user's own @pulumi/pulumi. `backups`, `policies`
// and `restores` come from the stack config; `restores.*.backupFrom` names a backup above.
// `sdkCopies` lists every @pulumi/pulumi package the program process loaded.
const pulumi = require("@pulumi/pulumi");
const { Backup, BackupPolicy, RestoreOperation } = require("pulumi-hosting-backups");

const config = new pulumi.Config();
const backups = {};
for (const [name, args] of Object.entries(config.getObject("backups") ?? {})) {
  backups[name] = new Backup(name, args);
  exports[name] = { backupId: backups[name].backupId, status: backups[name].status };
}
for (const [name, args] of Object.entries(config.getObject("policies") ?? {})) {
  exports[name] = { managedCount: new BackupPolicy(name, args).managedCount };
}
for (const [name, { backupFrom, ...args }] of Object.entries(config.getObject("restores") ?? {})) {
  const restore = new RestoreOperation(name, { ...args, backupId: backups[backupFrom].backupId });
  exports[name] = { status: restore.status, restoredBackupId: restore.restoredBackupId };
}

const sdkRoot = /^(.*[\\/]node_modules[\\/]@pulumi[\\/]pulumi)[\\/]/;
exports.sdkCopies = [...new Set(Object.keys(require.cache).flatMap((file) => sdkRoot.exec(file)?.[1] ?? []))];
exports.sdkVersion = require("@pulumi/pulumi/package.json").version;
