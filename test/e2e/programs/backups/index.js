// Declares one Backup per entry of the `backups` config object and exports its outputs.
const pulumi = require("@pulumi/pulumi");
const { Backup } = require("pulumi-hosting-backups");

const config = new pulumi.Config();
const declared = config.getObject("backups") ?? {};
// `options`: name → resource options (e.g. customTimeouts) of that Backup.
const options = config.getObject("options") ?? {};

for (const [name, args] of Object.entries(declared)) {
  const backup = new Backup(name, args, options[name]);
  exports[name] = {
    id: backup.id,
    backupId: backup.backupId,
    status: backup.status,
    vendorStatus: backup.vendorStatus,
    createdAt: backup.createdAt,
    completedAt: backup.completedAt,
    sizeBytes: backup.sizeBytes,
    expiresAt: backup.expiresAt,
    backupKind: backup.backupKind,
    wordpressVersion: backup.wordpressVersion,
    addonVersion: backup.addonVersion,
    downloadUrl: backup.downloadUrl,
    marker: backup.marker,
  };
}

// `gets`: name → resource id of an existing backup, read with Backup.get (not managed).
for (const [name, id] of Object.entries(config.getObject("gets") ?? {})) {
  const seen = Backup.get(name, id);
  exports[name] = { id: seen.id, backupId: seen.backupId, status: seen.status, createdAt: seen.createdAt };
}
