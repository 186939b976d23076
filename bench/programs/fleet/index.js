const pulumi = require("@pulumi/pulumi");
const { Backup } = require("pulumi-hosting-backups");

const config = new pulumi.Config();
for (const [name, args] of config.requireObject("backups")) new Backup(name, args);
