// A release pipeline as a user writes it: one pre-release Backup per site, then the deploy.
// `mode` "gate" (default): Backups that return once accepted and one BackupGate the deploy
// depends on; "per-resource": each Backup waits for its own backup (today's way).
const pulumi = require("@pulumi/pulumi");
const { Backup, BackupGate } = require("pulumi-hosting-backups");

const config = new pulumi.Config();
const sites = config.requireObject("sites");
const release = config.get("release") ?? "v1";
const mode = config.get("mode") ?? "gate";

const backups = sites.map(
  (site) =>
    new Backup(site.name, {
      target: site.target,
      description: `pre-release ${release}`,
      triggers: [release],
      waitForCompletion: mode !== "gate",
      ...site.args,
    }),
);

const gate = mode === "gate" ? new BackupGate("pre-release", { backups, timeout: config.get("timeout") }) : undefined;

// The deploy step: records when it ran (a real pipeline would deploy here).
const deployer = {
  async diff(_id, olds, news) {
    const changed = olds.release !== news.release;
    return { changes: changed, replaces: changed ? ["release"] : [] };
  },
  async create(inputs) {
    return { id: `deploy-${inputs.release}`, outs: { ...inputs, deployedAt: new Date().toISOString() } };
  },
};
const deploy = new pulumi.dynamic.Resource(
  deployer,
  "deploy",
  { release, deployedAt: undefined },
  { dependsOn: gate ? [gate] : backups },
);

exports.deployedAt = deploy.deployedAt;
exports.backups = Object.fromEntries(
  backups.map((b, i) => [
    sites[i].name,
    { id: b.id, backupId: b.backupId, operationId: b.operationId, status: b.status, marker: b.marker },
  ]),
);
if (gate) {
  exports.gate = {
    id: gate.id,
    status: gate.status,
    completedBackups: gate.completedBackups,
    completedAt: gate.completedAt,
  };
}
