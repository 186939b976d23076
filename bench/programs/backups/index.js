const pulumi = require("@pulumi/pulumi");
const { Backup } = require("pulumi-hosting-backups");

const config = new pulumi.Config();
const count = config.requireNumber("count");
const target = config.requireObject("target");
for (let i = 0; i < count; i++) {
  new Backup(`b${i}`, { target, description: `bench ${i}` });
}
