// Retention per vendor that supports it. Every `pulumi up` (with `refresh: always` in
// Pulumi.yaml) lists the backups, and `pulumi preview --diff` shows which ones will be
// pruned and why before anything is deleted.
import { BackupPolicy } from "pulumi-hosting-backups";

// Kinsta: keep the 3 newest provider-made manual backups (Kinsta caps manual backups per
// environment; a freshness backup prunes first when the cap is reached).
new BackupPolicy("kinsta-live", {
  target: { vendor: "kinsta", environmentId: "e0e0e0e0-0000-4000-8000-000000000011" },
  retention: { keepLast: 3 },
  freshness: { maxAgeHours: 24 },
});

// VPS.org: keep 30 days of manual backups whose description starts with "pre-release",
// including ones made outside Pulumi (VPS.org allows 10 manual backups per server).
new BackupPolicy("vps-web", {
  target: { vendor: "vpsorg", serverId: "12345" },
  retention: { maxAgeDays: 30, keepLast: 8 },
  match: { descriptionPrefix: "pre-release" },
});

// Northflank: native schedules (daily snapshots kept 14 days, weekly dumps kept 90 days)
// plus retention of the manual backups this provider made.
new BackupPolicy("northflank-db", {
  target: { vendor: "northflank", projectId: "shop", addonId: "postgres" },
  schedule: [
    { interval: "daily", hour: [2], minute: [30], retentionDays: 14 },
    { interval: "weekly", day: [6], hour: [3], minute: [0], retentionDays: 90, backupType: "dump" },
  ],
  retention: { keepLast: 5 },
});

// WP Engine: no delete API, so no retention; freshness still works (a release gate).
new BackupPolicy("wpengine-prod", {
  target: { vendor: "wpengine", installId: "294deacc-d8b8-4005-82c4-0727ba8ddde0" },
  freshness: { maxAgeHours: 24 },
  notificationEmails: ["ops@example.com"],
});
