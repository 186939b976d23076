// A release pipeline: `pulumi up` with a new `release` takes a fresh backup of every site
// first, and the deploy step runs only after all of them completed.
//
//   pulumi config set release v2.4.0 && pulumi up --yes
import * as pulumi from "@pulumi/pulumi";
import { Backup, type BackupTarget } from "pulumi-hosting-backups";
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
    }),
);

// The deploy waits for every backup: `dependsOn` orders it after their `create`, which
// itself waits until the vendor reports the backup completed.
const deployment = new Deployment(
  "deploy",
  { release, backupIds: backups.map((b) => b.backupId) },
  { dependsOn: backups },
);

export const preReleaseBackups = backups.map((b) => ({ id: b.id, status: b.status }));
export const deployed = deployment.deployedRelease;
