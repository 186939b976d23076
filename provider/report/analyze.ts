/**
 * The report itself, as a pure function of what the stacks declare, what the vendors hold,
 * the options and the clock: freshness against the promise, retention, manual-cap use,
 * schedules, the last restore drill against the drill interval, and the exceptions.
 */
import { vendorNamed } from "../vendors/registry";
import { PROVIDER_MARKER, type NativeSchedule, type VendorBackup } from "../vendors/vendor";
import type { Declarations, DeclaredRestore } from "./declared";
import type { TargetHoldings, TargetToList } from "./vendor-lists";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface ReportOptions {
  /** The report's "now" (ISO-8601). */
  asOf: string;
  /** Promised freshness for targets whose policies promise none, hours. */
  rpoHours?: number;
  /** Every target needs a successful restore drill at least this often, days. */
  drillEveryDays?: number;
}

export interface BackupPoint {
  id: string;
  at: string;
  manual: boolean;
  /** Carries this provider's marker. */
  marked: boolean;
  description?: string;
}

export interface DrillFact {
  stack: string;
  name: string;
  startedAt?: string;
  completedAt?: string;
  durationSeconds?: number;
  backupId?: string;
  status?: string;
  failureReason?: string;
}

export interface TargetReport {
  targetKey: string;
  vendor: string;
  vendorName: string;
  account?: string;
  /** Stacks declaring a resource on (or restoring onto) this target. */
  stacks: string[];
  requests: number;
  listError?: string;
  backupCount: number;
  /** Completed backups, newest first. */
  completed: BackupPoint[];
  newest?: BackupPoint & { ageHours: number };
  promisedMaxAgeHours?: number;
  promiseFrom?: "policy" | "--rpo";
  /** `fresh`, `stale`, `no-backup`, or `no-promise` (nothing promised: reported, never a breach). */
  freshness: "fresh" | "stale" | "no-backup" | "no-promise" | "unknown";
  retention: { policy: string; keepLast?: number; maxAgeDays?: number }[];
  manualCap?: { used: number; limit: number };
  schedules?: NativeSchedule[];
  drills: DrillFact[];
  lastDrill?: DrillFact;
  /** Days since the last successful drill started. */
  lastGoodDrillAgeDays?: number;
  drillStatus: "ok" | "overdue" | "none" | "not-checked";
}

export type ExceptionKind =
  "stale" | "no-backup" | "drill-overdue" | "no-drill" | "drill-failed" | "orphan" | "unreadable";

export interface ReportException {
  kind: ExceptionKind;
  targetKey: string;
  /** Breaks freshness or the drill interval: the report then exits non-zero. */
  breach: boolean;
  message: string;
  /** What to run, for orphans: adopt it into a stack, or delete it. */
  importCommand?: string;
  deleteCommand?: string;
  backupId?: string;
}

export interface Report {
  asOf: string;
  options: ReportOptions;
  stacks: string[];
  targets: TargetReport[];
  exceptions: ReportException[];
  totals: { targets: number; backups: number; requests: number; breaches: number; seconds?: number };
}

const timeOf = (b: VendorBackup) => b.completedAt ?? b.createdAt;
const markerOf = (description: string | undefined) => description?.match(/hb:([0-9a-f]{8})$/)?.[1];
const round1 = (n: number) => Math.round(n * 10) / 10;

function drillOf(restore: DeclaredRestore): DrillFact {
  const started = restore.startedAt ? Date.parse(restore.startedAt) : NaN;
  const completed = restore.completedAt ? Date.parse(restore.completedAt) : NaN;
  return {
    stack: restore.stack,
    name: restore.name,
    startedAt: restore.startedAt,
    completedAt: restore.completedAt,
    durationSeconds:
      Number.isNaN(started) || Number.isNaN(completed) ? undefined : Math.round((completed - started) / 1000),
    backupId: restore.restoredBackupId,
    status: restore.status,
    failureReason: restore.failureReason,
  };
}

/** The targets to list: every target a stack declares, once per target (the first stack's account). */
export function targetsToList(declared: Declarations): TargetToList[] {
  const byKey = new Map<string, TargetToList>();
  for (const item of [...declared.policies, ...declared.backups, ...declared.restores]) {
    if (!byKey.has(item.targetKey))
      byKey.set(item.targetKey, {
        targetKey: item.targetKey,
        target: item.target,
        account: item.account,
        stack: item.stack,
      });
  }
  return [...byKey.values()].sort((a, b) => a.targetKey.localeCompare(b.targetKey));
}

export function buildReport(
  stacks: string[],
  declared: Declarations,
  holdings: TargetHoldings[],
  options: ReportOptions,
): Report {
  const now = Date.parse(options.asOf);
  const held = new Map(holdings.map((h) => [h.targetKey, h]));
  const knownMarkers = new Set(declared.backups.map((b) => b.marker).filter(Boolean));
  const knownIds = new Set(declared.backups.map((b) => `${b.targetKey}/${b.backupId}`));
  const exceptions: ReportException[] = [];
  const targets: TargetReport[] = [];

  for (const { targetKey, target, account } of targetsToList(declared)) {
    const vendor = vendorNamed(target.vendor);
    const holding = held.get(targetKey) ?? { targetKey, backups: [], requests: 0 };
    const onTarget = <T extends { targetKey: string }>(items: T[]) => items.filter((i) => i.targetKey === targetKey);
    const policies = onTarget(declared.policies);
    const stackNames = [
      ...new Set([...policies, ...onTarget(declared.backups), ...onTarget(declared.restores)].map((i) => i.stack)),
    ].sort();

    const completed: BackupPoint[] = holding.backups
      .filter((b) => b.state === "completed" && timeOf(b))
      .map((b) => ({
        id: b.id,
        at: timeOf(b)!,
        manual: b.manual,
        marked: PROVIDER_MARKER.test(b.description ?? ""),
        description: b.description,
      }))
      .sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
    const newest = completed[0] && {
      ...completed[0],
      ageHours: round1(Math.max(0, now - Date.parse(completed[0].at)) / HOUR_MS),
    };

    const promises = policies.map((p) => p.maxAgeHours).filter((h): h is number => h !== undefined);
    const promisedMaxAgeHours = promises.length ? Math.min(...promises) : options.rpoHours;
    const promiseFrom = promises.length ? "policy" : options.rpoHours !== undefined ? "--rpo" : undefined;
    let freshness: TargetReport["freshness"];
    if (holding.error) freshness = "unknown";
    else if (promisedMaxAgeHours === undefined) freshness = "no-promise";
    else if (!newest) freshness = "no-backup";
    else freshness = newest.ageHours <= promisedMaxAgeHours ? "fresh" : "stale";

    const drills = onTarget(declared.restores)
      .map(drillOf)
      .sort((a, b) => Date.parse(b.startedAt ?? "") - Date.parse(a.startedAt ?? ""));
    const lastGood = drills.find((d) => d.status === "completed" || d.status === "accepted");
    const lastGoodDrillAgeDays =
      lastGood?.startedAt === undefined ? undefined : round1((now - Date.parse(lastGood.startedAt)) / DAY_MS);
    let drillStatus: TargetReport["drillStatus"] = "not-checked";
    if (options.drillEveryDays !== undefined) {
      if (lastGoodDrillAgeDays === undefined) drillStatus = "none";
      else drillStatus = lastGoodDrillAgeDays <= options.drillEveryDays ? "ok" : "overdue";
    }

    const limit = vendor.capabilities.manualBackupLimit;
    const report: TargetReport = {
      targetKey,
      vendor: vendor.name,
      vendorName: vendor.displayName,
      account,
      stacks: stackNames,
      requests: holding.requests,
      listError: holding.error,
      backupCount: holding.backups.length,
      completed,
      newest,
      promisedMaxAgeHours,
      promiseFrom,
      freshness,
      retention: policies.filter((p) => p.retention).map((p) => ({ policy: `${p.stack}:${p.name}`, ...p.retention })),
      manualCap: limit === undefined ? undefined : { used: holding.backups.filter((b) => b.manual).length, limit },
      schedules: holding.schedules,
      drills,
      lastDrill: drills[0],
      lastGoodDrillAgeDays,
      drillStatus,
    };
    targets.push(report);

    const promise = `${promisedMaxAgeHours} h (${promiseFrom === "policy" ? "policy freshness.maxAgeHours" : "--rpo"})`;
    if (holding.error)
      exceptions.push({
        kind: "unreadable",
        targetKey,
        breach: true,
        message: `${vendor.displayName} could not be read: ${holding.error}`,
      });
    if (freshness === "stale")
      exceptions.push({
        kind: "stale",
        targetKey,
        breach: true,
        message: `newest completed backup ${newest!.id} is ${newest!.ageHours} h old; promised ${promise}`,
      });
    if (freshness === "no-backup")
      exceptions.push({
        kind: "no-backup",
        targetKey,
        breach: true,
        message: `no completed backup; promised ${promise}`,
      });
    if (drillStatus === "overdue")
      exceptions.push({
        kind: "drill-overdue",
        targetKey,
        breach: true,
        message: `last successful restore drill ${lastGood!.stack}:${lastGood!.name} started ${lastGoodDrillAgeDays} days ago; the interval is ${options.drillEveryDays} days`,
      });
    if (drillStatus === "none")
      exceptions.push({
        kind: "no-drill",
        targetKey,
        breach: true,
        message: `no successful restore drill on record; the interval is ${options.drillEveryDays} days`,
      });
    if (drills[0]?.status === "failed")
      exceptions.push({
        kind: "drill-failed",
        targetKey,
        breach: false,
        message: `last restore drill ${drills[0].stack}:${drills[0].name} (backup ${drills[0].backupId ?? "?"}) failed${drills[0].failureReason ? `: ${drills[0].failureReason}` : ""}`,
      });

    // A marked backup whose marker no Backup in any stack carries was left by a removed
    // Backup or a deleted stack. Where a stack's BackupPolicy covers the target, marked
    // backups are the policy's own (its freshness backups carry per-backup markers) and its
    // retention prunes them: not orphans.
    if (policies.length === 0) {
      for (const backup of holding.backups) {
        const marker = markerOf(backup.description);
        if (!marker || knownMarkers.has(marker) || knownIds.has(`${targetKey}/${backup.id}`)) continue;
        const resourceId = `${targetKey}/${backup.id}`;
        const name = `adopted-${backup.id}`.replace(/[^A-Za-z0-9-]/g, "-");
        exceptions.push({
          kind: "orphan",
          targetKey,
          breach: false,
          backupId: backup.id,
          message: `backup ${backup.id} ("${backup.description}", ${timeOf(backup) ?? "no date"}) carries marker hb:${marker}, which no Backup in the stacks read carries`,
          importCommand: `pulumi import hostingbackups:index:Backup ${name} ${resourceId}`,
          deleteCommand: vendor.capabilities.deleteBackup
            ? `npx hosting-backups delete-backup ${resourceId}${account ? ` --account ${account}` : ""}`
            : undefined,
        });
      }
    }
  }

  return {
    asOf: options.asOf,
    options,
    stacks,
    targets,
    exceptions,
    totals: {
      targets: targets.length,
      backups: targets.reduce((n, t) => n + t.backupCount, 0),
      requests: targets.reduce((n, t) => n + t.requests, 0),
      breaches: exceptions.filter((e) => e.breach).length,
    },
  };
}
