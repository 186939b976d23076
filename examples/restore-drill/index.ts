// A restore drill kept in code: every new `drill` value restores last night's backup of
// production onto staging, so the team knows restores work before they need one.
//
//   pulumi config set drill 2026-11 && pulumi preview   # shows the restore, runs nothing
//   pulumi up                                          # runs it and waits for completion
import * as pulumi from "@pulumi/pulumi";
import { Backup, RestoreOperation } from "pulumi-hosting-backups";

const config = new pulumi.Config("restore-drill");
const drill = config.require("drill");
const live = "e0e0e0e0-0000-4000-8000-000000000011";
const staging = "e0e0e0e0-0000-4000-8000-000000000012";

// A fresh backup of production for this drill (kept: production backups are precious).
const source = new Backup("drill-source", {
  target: { vendor: "kinsta", environmentId: live },
  description: `restore drill ${drill}`,
  triggers: [drill],
  deletionPolicy: "retain",
});

// Restoring overwrites staging: `confirm` must repeat the staging environment id.
const restore = new RestoreOperation("staging-drill", {
  target: { vendor: "kinsta", environmentId: staging },
  backupId: source.backupId,
  confirm: staging,
  notifiedUserId: config.get("notifiedUserId") ?? "a5e40000-0000-4000-8000-00000000000a",
  triggers: [drill],
});

// VPS.org: roll a server back to a known backup id (a literal, e.g. from `pulumi stack output`).
const vpsBackupId = config.get("vpsRollbackBackupId");
if (vpsBackupId) {
  new RestoreOperation("web-01-rollback", {
    target: { vendor: "vpsorg", serverId: "12345" },
    backupId: vpsBackupId,
    confirm: "12345",
  });
}

export const drillStatus = restore.status;
export const restoredBackup = restore.restoredBackupId;
