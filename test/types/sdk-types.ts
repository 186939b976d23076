/**
 * Compile-only checks of the public SDK types (run by `npm run typecheck`, never executed):
 * each `@ts-expect-error` line must stay an error, or tsc fails.
 */
import { Backup, BackupPolicy, RestoreOperation, type BackupArgs, type BackupPolicySchedule } from "../../sdk";

export function typeChecks() {
  new Backup("ok", { target: { vendor: "kinsta", environmentId: "e" }, triggers: ["v1"], deletionPolicy: "retain" });
  new Backup("ok-nf", {
    target: { vendor: "northflank", projectId: "p", addonId: "a" },
    backupType: "dump",
    compressionType: "zstd",
  });

  // @ts-expect-error an unknown vendor is not a target
  new Backup("bad-vendor", { target: { vendor: "godaddy", siteId: "x" } });
  // @ts-expect-error a Kinsta target needs environmentId, not installId
  new Backup("bad-fields", { target: { vendor: "kinsta", installId: "x" } });
  // @ts-expect-error deletionPolicy is retain or delete
  new Backup("bad-policy", { target: { vendor: "vpsorg", serverId: "1" }, deletionPolicy: "archive" });
  // @ts-expect-error target is required
  const noTarget: BackupArgs = { description: "x" };

  // @ts-expect-error confirm is required on a restore
  new RestoreOperation("no-confirm", { target: { vendor: "vpsorg", serverId: "1" }, backupId: "501" });

  // @ts-expect-error retention.keepLast is a number
  new BackupPolicy("bad-retention", { target: { vendor: "vpsorg", serverId: "1" }, retention: { keepLast: "3" } });
  const northflank = { vendor: "northflank", projectId: "p", addonId: "a" } as const;
  // @ts-expect-error schedule intervals are hourly, daily or weekly
  const monthly: BackupPolicySchedule = { interval: "monthly", minute: [0], retentionDays: 7 };
  new BackupPolicy("monthly", { target: northflank, schedule: monthly });

  return noTarget;
}
