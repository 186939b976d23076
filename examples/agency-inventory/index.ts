// An agency's inventory: many sites across vendors and client accounts, from one JSON file.
// Each site gets a daily-freshness policy (a backup when the newest is older than 24 h) and,
// where the vendor can delete backups, retention of the backups this provider made.
//
// Client accounts live in one secret config value (docs/configuration.md: several accounts of one vendor):
//   pulumi config set --secret hosting-backups:accounts '{"client-acme":{"vendor":"kinsta","apiKey":"…"}}'
import { BackupPolicy, type BackupTarget } from "pulumi-hosting-backups";
import sites from "./sites.json";

interface Site {
  name: string;
  target: BackupTarget;
  account?: string;
  keepLast?: number;
  maxAgeDays?: number;
  notificationEmails?: string[];
}

const policies = (sites as Site[]).map((site) => {
  // WP Engine cannot delete backups, so retention is refused there: freshness only.
  const retention =
    site.target.vendor !== "wpengine" && (site.keepLast || site.maxAgeDays)
      ? { keepLast: site.keepLast, maxAgeDays: site.maxAgeDays }
      : undefined;
  return new BackupPolicy(site.name, {
    target: site.target,
    account: site.account,
    retention,
    freshness: { maxAgeHours: 24 },
    notificationEmails: site.notificationEmails,
  });
});

export const inventory = policies.map((p) => ({
  target: p.targetKey,
  backups: p.backupCount,
  newest: p.newestCompletedAt,
  prunedLastRun: p.lastPrunedIds,
}));
