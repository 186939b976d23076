// One client's stack of a fleet run: a pre-release Backup of every site of the client.
// runner/runner.ts sets `fleet:sites` and `fleet:release` from the inventory and passes the
// client's credentials as environment variables (they never reach the config or the state).
import * as pulumi from "@pulumi/pulumi";
import { Backup, type BackupTarget } from "pulumi-hosting-backups";

interface Site {
  name: string;
  target: BackupTarget;
  notificationEmails?: string[];
}

const config = new pulumi.Config("fleet");
const release = config.require("release");
const sites = config.requireObject<Site[]>("sites");

const backups = sites.map(
  (site) =>
    new Backup(site.name, {
      target: site.target,
      // Vendor rules allow letters, digits, spaces and hyphens everywhere (Northflank names).
      description: `pre-release ${release}`.replace(/[^a-zA-Z0-9 -]/g, "-"),
      notificationEmails: site.notificationEmails,
      // One backup per release: a new release replaces these with fresh backups.
      triggers: [release],
      // The previous release's backups stay at the vendor when the next release replaces them.
      deletionPolicy: "retain",
    }),
);

export const siteBackups = backups.map((b) => ({ target: b.targetKey, backupId: b.backupId, status: b.status }));
