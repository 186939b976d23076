// A release pipeline: `pulumi up` with a new `release` takes a fresh backup of every site
// first, and the deploy step runs only after all of them completed.
//
//   pulumi config set release v2.4.0 && pulumi up --yes
//
// Every Backup returns as soon as the vendor accepted it, and one BackupGate waits for all of
// them at once: the run takes about the longest backup's time (plus the vendors' rate limits),
// not (sites ÷ the engine's parallelism) × backup time. See docs/release-pipeline.md.
import * as pulumi from "@pulumi/pulumi";
import { Backup, BackupGate, type BackupTarget } from "pulumi-hosting-backups";
import { Deployment } from "./deployment";

const config = new pulumi.Config("release-pipeline");
const release = config.require("release");
// e.g. [{ "name": "shop", "target": { "vendor": "kinsta", "environmentId": "…" } }, …]
const sites = config.requireObject<{ name: string; target: BackupTarget }[]>("sites");

const backups = sites.map(
  (site) =>
    new Backup(`${site.name}-pre-release`, {
      target: site.target,
      description: `pre-release ${release}`.replace(/\./g, "-"),
      notificationEmails: site.target.vendor === "wpengine" ? ["ops@example.com"] : undefined,
      // One backup per release: a new `release` replaces these with fresh backups.
      triggers: [release],
      // Pre-release backups are kept when the next release replaces them.
      deletionPolicy: "retain",
      // Returns once the vendor accepted the backup: the gate below waits for all of them.
      waitForCompletion: false,
    }),
);

// Waits for every backup at once; fails naming each backup that failed, and then the
// deploy does not run.
const gate = new BackupGate("pre-release", { backups });

const deployment = new Deployment(
  "deploy",
  { release, backupIds: backups.map((b) => gate.backupIdOf(b)) },
  { dependsOn: [gate] },
);

export const preReleaseBackups = gate.completedBackups;
export const deployed = deployment.deployedRelease;
