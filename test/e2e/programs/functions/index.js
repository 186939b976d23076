// The functions of the TypeScript package, for test/e2e/functions.test.ts.
const pulumi = require("@pulumi/pulumi");
const {
  Backup,
  getBackups,
  getBackupsOutput,
  getLatestBackup,
  getLatestBackupOutput,
} = require("pulumi-hosting-backups");

const config = new pulumi.Config();
const target = config.requireObject("target");

// `callOnly`: { fn, args } — one call and nothing else, so a failure is the call's own.
const callOnly = config.getObject("callOnly");
if (callOnly) {
  const fn = { getBackups, getLatestBackup }[callOnly.fn];
  module.exports = fn(callOnly.args).then((result) => ({ result }));
} else {
  const fresh = new Backup("fresh", { target, description: "fn release" });
  module.exports = {
    // The Promise form, before the Backup exists: the backups already there.
    before: getBackups({ target }),
    // The Output forms, after the Backup exists.
    ours: getBackupsOutput({ target, match: { madeByProvider: true } }, { dependsOn: [fresh] }),
    latestOurs: getLatestBackupOutput({ target, match: { marker: fresh.marker } }, { dependsOn: [fresh] }),
    latestByHand: getLatestBackup({ target, match: { madeByProvider: false, descriptionContains: "by hand" } }),
    fresh: { backupId: fresh.backupId, marker: fresh.marker, id: fresh.id },
  };
}
