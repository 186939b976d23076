// `backups`: [name, BackupArgs] pairs. `gate` true: each Backup returns once the vendor accepted
// it and one BackupGate waits for all of them; false: each Backup waits for its own (today's way).
const pulumi = require("@pulumi/pulumi");
const { Backup, BackupGate } = require("pulumi-hosting-backups");

const config = new pulumi.Config();
const gated = config.requireBoolean("gate");
const backups = config
  .requireObject("backups")
  .map(([name, args]) => new Backup(name, { ...args, waitForCompletion: !gated }));
if (gated) new BackupGate("pre-release", { backups });
