/**
 * What a `BackupPolicy` would do now, as a pure function of the target's backups (and
 * native schedules), the policy's inputs and the clock. `read` shows the plan in
 * `pulumi preview --diff`; `update` recomputes it on a fresh list and does exactly it.
 *
 * Safety rules, whatever the inputs say:
 *  - only *managed* backups are ever pruned: by default the manual backups carrying a
 *    provider marker (` hb:<8 hex>`), or those matching `match`; automatic/system backups
 *    only with `match.includeAutomatic: true`;
 *  - a backup that is not `completed` (running, failed, …) is never pruned;
 *  - the newest completed managed backup is never pruned — except after the policy's own
 *    new backup completed in the same run (the new one is then the newest);
 *  - to stay under a vendor's manual-backup cap, the oldest managed completed backups are
 *    pruned *before* a new backup is taken; if none can be, the backup is blocked.
 */
import { endsWithMarker, markedDescription } from "../../vendors/marker";
import type { NativeSchedule, VendorBackup, VendorModule } from "../../vendors/vendor";
import type {
  PolicyFreshness,
  PolicyInputs,
  PolicyMatch,
  PolicyOutputs,
  PolicyRetention,
  ScheduleSpec,
} from "./schema";

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

export interface PlannedPrune {
  backupId: string;
  /** The day it was taken (UTC, `YYYY-MM-DD`), so a reviewer recognises it. */
  takenOn: string;
  reason: string;
  /**
   * `before-backup`: must go first, to make room under the vendor's cap;
   * `after-backup`: only once the new backup completed (it may be the newest it replaces);
   * `now`: no backup is planned.
   */
  when: "before-backup" | "after-backup" | "now";
}

export interface PlannedBackup {
  reason: string;
  /** A backup already in progress at the target: wait for it instead of taking another. */
  waitForBackupId?: string;
  /** Why no backup can be taken (the vendor's cap is reached and nothing may be pruned). */
  blocked?: string;
}

export type ScheduleAction =
  | { action: "create"; spec: ScheduleSpec; reason: string }
  | { action: "replace"; scheduleId: string; spec: ScheduleSpec; reason: string }
  | { action: "delete"; scheduleId: string; reason: string };

export interface PolicyPlan {
  /** In execution order: `before-backup` first, then the rest; oldest first within each. */
  prunes: PlannedPrune[];
  backup?: PlannedBackup;
  schedules: ScheduleAction[];
  /** Schedules this policy created that exist and stay as they are. */
  keptScheduleIds: string[];
}

export interface PlanVendor extends Pick<VendorModule, "name" | "displayName" | "targetNoun"> {
  capabilities: Pick<VendorModule["capabilities"], "manualBackupLimit" | "deleteBackup">;
}

export interface PlanSchedules {
  /** The target's native schedules as the vendor lists them. */
  existing: NativeSchedule[];
  /** Ids of the schedules this policy created (from its state). */
  owned: string[];
}

export type PlanInputs = Pick<PolicyInputs, "retention" | "match" | "freshness" | "schedule">;

/** When a backup was taken: creation time, else completion time; `undefined` if neither parses. */
export function takenAt(backup: VendorBackup): number | undefined {
  const at = Date.parse(backup.createdAt ?? backup.completedAt ?? "");
  return Number.isNaN(at) ? undefined : at;
}

/** The UTC day a backup was taken, as shown next to its id in the plan. */
function takenOn(backup: VendorBackup): string {
  const at = takenAt(backup);
  return at === undefined ? "date unknown" : new Date(at).toISOString().slice(0, 10);
}

/** Whether the policy manages (and may prune) this backup. */
export function isManaged(backup: Pick<VendorBackup, "manual" | "description" | "backupType">, match?: PolicyMatch) {
  if (!match) return backup.manual && endsWithMarker(backup.description);
  if (!backup.manual && !match.includeAutomatic) return false;
  if (match.descriptionPrefix !== undefined && !(backup.description ?? "").startsWith(match.descriptionPrefix)) {
    return false;
  }
  if (match.backupKind !== undefined && backup.backupType !== match.backupKind) return false;
  return true;
}

/** Completed backups with a known time, newest first. */
function completedNewestFirst(backups: VendorBackup[]): VendorBackup[] {
  return backups
    .filter((b) => b.state === "completed" && takenAt(b) !== undefined)
    .sort((a, b) => takenAt(b)! - takenAt(a)! || b.id.localeCompare(a.id));
}

export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${{ 1: "st", 2: "nd", 3: "rd" }[n % 10] ?? "th"}`;
}

export function planPolicy(
  backups: VendorBackup[],
  inputs: PlanInputs,
  now: number,
  vendor: PlanVendor,
  schedules?: PlanSchedules,
): PolicyPlan {
  const completed = completedNewestFirst(backups);
  const managed = completed.filter((b) => isManaged(b, inputs.match));

  const backup = inputs.freshness ? planFreshness(backups, completed[0], inputs.freshness, now) : undefined;
  const takingNew = backup !== undefined && backup.waitForBackupId === undefined;
  // The new backup counts towards keepLast only if the policy will manage it.
  const newIsManaged =
    takingNew &&
    isManaged(
      { manual: true, description: markedDescription(inputs.freshness!.description, "00000000") },
      inputs.match,
    );

  let prunes = inputs.retention ? planRetention(managed, inputs.retention, now, takingNew, newIsManaged) : [];

  const limit = vendor.capabilities.manualBackupLimit;
  if (takingNew && limit !== undefined && vendor.capabilities.deleteBackup) {
    prunes = makeRoom(backups, managed, prunes, limit, vendor, backup!);
  }

  const order = { "before-backup": 0, now: 1, "after-backup": 1 } as const;
  const at = new Map(backups.map((b) => [b.id, takenAt(b) ?? 0]));
  prunes.sort((a, b) => order[a.when] - order[b.when] || at.get(a.backupId)! - at.get(b.backupId)!);

  const scheduled = planSchedules(inputs.schedule, schedules, vendor.displayName);
  return { prunes, backup, ...scheduled };
}

function planFreshness(
  backups: VendorBackup[],
  newest: VendorBackup | undefined,
  freshness: PolicyFreshness,
  now: number,
): PlannedBackup | undefined {
  const newestAt = newest ? takenAt(newest)! : undefined;
  if (newestAt !== undefined && now - newestAt <= freshness.maxAgeHours * HOUR_MS) return undefined;
  // No age in hours: the reason must read the same at preview and at `up` (a stored plan).
  const why =
    newestAt === undefined
      ? `no completed backup exists (maxAgeHours ${freshness.maxAgeHours})`
      : `newest completed backup ${newest!.id} (${new Date(newestAt).toISOString().slice(0, 16)}Z) is older than maxAgeHours ${freshness.maxAgeHours}`;
  // A backup already running (e.g. from a run that timed out) will make the target fresh.
  const running = backups
    .filter((b) => b.state === "pending" || b.state === "running")
    .sort((a, b) => (takenAt(b) ?? 0) - (takenAt(a) ?? 0))[0];
  if (running)
    return { reason: `${why}; backup ${running.id} is in progress: wait for it`, waitForBackupId: running.id };
  return { reason: why };
}

function planRetention(
  managed: VendorBackup[],
  retention: PolicyRetention,
  now: number,
  takingNew: boolean,
  newIsManaged: boolean,
): PlannedPrune[] {
  const offset = newIsManaged ? 1 : 0;
  const prunes: PlannedPrune[] = [];
  managed.forEach((backup, i) => {
    // The newest completed managed backup stays, unless a newer managed one is taken first.
    if (i === 0 && !newIsManaged) return;
    const rank = i + 1 + offset;
    const ageMs = now - takenAt(backup)!;
    let reason: string | undefined;
    if (retention.keepLast !== undefined && rank > retention.keepLast) {
      reason = `beyond keepLast ${retention.keepLast} (${ordinal(rank)} newest${offset ? ", counting the new backup" : ""})`;
    } else if (retention.maxAgeDays !== undefined && ageMs > retention.maxAgeDays * DAY_MS) {
      reason = `older than maxAgeDays ${retention.maxAgeDays} (${Math.floor(ageMs / DAY_MS)} days old)`;
    }
    if (reason)
      prunes.push({ backupId: backup.id, takenOn: takenOn(backup), reason, when: takingNew ? "after-backup" : "now" });
  });
  return prunes;
}

/**
 * The vendor caps manual backups per target: before taking one, enough managed completed
 * backups must go. Retention's own prunes go first (oldest first), then the oldest managed
 * backups; never the newest completed managed backup (the new one may still fail).
 */
function makeRoom(
  backups: VendorBackup[],
  managed: VendorBackup[],
  prunes: PlannedPrune[],
  limit: number,
  vendor: PlanVendor,
  backup: PlannedBackup,
): PlannedPrune[] {
  const manualCount = backups.filter((b) => b.manual).length;
  let needed = manualCount + 1 - limit;
  if (needed <= 0) return prunes;
  const rule = `${vendor.displayName} allows ${limit} manual backups per ${vendor.targetNoun}`;
  const newest = managed[0]?.id;
  // Oldest first; `managed` is newest first.
  const candidates = [...managed].reverse().filter((b) => b.manual && b.id !== newest);
  const result = [...prunes];
  for (const candidate of candidates) {
    if (needed <= 0) break;
    const planned = result.find((p) => p.backupId === candidate.id);
    if (planned) planned.when = "before-backup";
    else
      result.push({
        backupId: candidate.id,
        takenOn: takenOn(candidate),
        reason: `making room: ${rule}`,
        when: "before-backup",
      });
    needed--;
  }
  if (needed > 0) {
    backup.blocked =
      `${rule} and ${manualCount} exist; no more can be pruned to make room (only completed backups this policy ` +
      `manages, never the newest of them): delete manual backups or widen match`;
    backup.reason += `; blocked: ${backup.blocked}`;
  }
  return result;
}

const sameNumbers = (a: number[] | undefined, b: number[] | undefined) =>
  JSON.stringify([...(a ?? [])].sort((x, y) => x - y)) === JSON.stringify([...(b ?? [])].sort((x, y) => x - y));

/** The settings of `existing` that differ from `spec`, by name. */
export function scheduleDifferences(spec: ScheduleSpec, existing: NativeSchedule): string[] {
  const differs: string[] = [];
  if (!sameNumbers(spec.minute, existing.minute)) differs.push("minute");
  if (!sameNumbers(spec.hour, existing.hour)) differs.push("hour");
  if (!sameNumbers(spec.day, existing.day)) differs.push("day");
  if (spec.retentionDays !== existing.retentionDays) differs.push("retentionDays");
  return differs;
}

function planSchedules(
  desired: ScheduleSpec[] | undefined,
  schedules: PlanSchedules | undefined,
  vendorName: string,
): Pick<PolicyPlan, "schedules" | "keptScheduleIds"> {
  if (!schedules) return { schedules: [], keptScheduleIds: [] };
  const actions: ScheduleAction[] = [];
  const kept: string[] = [];
  const claimed = new Set<string>();
  for (const spec of desired ?? []) {
    const label = `${spec.interval} ${spec.backupType} schedule`;
    // Northflank allows one schedule per interval and backup type: that slot is ours.
    const current = schedules.existing.find((s) => s.interval === spec.interval && s.backupType === spec.backupType);
    if (!current) {
      actions.push({ action: "create", spec, reason: `create ${label} (missing at ${vendorName})` });
      continue;
    }
    claimed.add(current.id);
    const differs = scheduleDifferences(spec, current);
    const owned = schedules.owned.includes(current.id);
    if (differs.length === 0) {
      if (owned) kept.push(current.id);
      continue;
    }
    actions.push({
      action: "replace",
      scheduleId: current.id,
      spec,
      reason: `replace ${label} ${current.id} (${owned ? "" : "made outside this policy; "}${differs.join(", ")} differ${differs.length === 1 ? "s" : ""})`,
    });
  }
  for (const id of schedules.owned) {
    const current = schedules.existing.find((s) => s.id === id);
    if (!current || claimed.has(id)) continue;
    actions.push({
      action: "delete",
      scheduleId: id,
      reason: `delete ${current.interval} ${current.backupType} schedule ${id} (no longer declared)`,
    });
  }
  return { schedules: actions, keptScheduleIds: kept };
}

/** The plan as the `planned*` properties `read` reports (each only when non-empty). */
export function plannedProperties(plan: PolicyPlan): {
  plannedPrunes?: string[];
  plannedBackup?: string;
  plannedSchedules?: string[];
} {
  const out: { plannedPrunes?: string[]; plannedBackup?: string; plannedSchedules?: string[] } = {};
  if (plan.prunes.length > 0) out.plannedPrunes = plan.prunes.map(pruneLine);
  if (plan.backup) out.plannedBackup = plan.backup.reason;
  if (plan.schedules.length > 0) out.plannedSchedules = plan.schedules.map((s) => s.reason);
  return out;
}

export const PLANNED_KEYS = ["plannedPrunes", "plannedBackup", "plannedSchedules"] as const;

/** One planned prune as the preview shows it: `"509 (2026-11-02): beyond keepLast 1 (2nd newest)"`. */
export function pruneLine(prune: PlannedPrune): string {
  return `${prune.backupId} (${prune.takenOn}): ${prune.reason}`;
}

/** The backup id of a `pruneLine` (vendor backup ids contain no spaces). */
export function prunedIdOf(line: string): string {
  const end = line.indexOf(" (");
  return end < 0 ? line : line.slice(0, end);
}

/** The inventory outputs, from the target's backups. */
export function inventoryOf(backups: VendorBackup[], match?: PolicyMatch) {
  const completed = completedNewestFirst(backups);
  const iso = (b: VendorBackup | undefined) => (b ? new Date(takenAt(b)!).toISOString() : undefined);
  return {
    backupCount: backups.length,
    managedCount: backups.filter((b) => isManaged(b, match)).length,
    newestCompletedAt: iso(completed[0]),
    newestCompletedBackupId: completed[0]?.id,
    oldestCompletedAt: iso(completed[completed.length - 1]),
  };
}

/** The plan a preview showed: the `planned*` properties `check` computed for these inputs. */
export type ShownPlan = Pick<PolicyOutputs, (typeof PLANNED_KEYS)[number]>;

/**
 * What `up` may do: the plan recomputed on a fresh list, cut down to what the preview showed.
 * A backup is pruned only if the preview named it *and* the fresh plan still selects it; the
 * freshness backup is taken only if the preview planned one (and room under the vendor's cap
 * is made only with prunes it named); a schedule change only if the preview listed it.
 * `withoutBackup` is the fresh plan with no freshness backup: when the backup is dropped, the
 * prunes computed around it no longer apply. Everything cut is described in `differences`.
 */
export function agreeWithPreview(
  fresh: PolicyPlan,
  withoutBackup: () => PolicyPlan,
  shown: ShownPlan,
): { plan: PolicyPlan; differences: string[] } {
  const differences: string[] = [];
  const named = new Set((shown.plannedPrunes ?? []).map(prunedIdOf));
  let plan = fresh;
  if (plan.backup && shown.plannedBackup === undefined) {
    differences.push(`no backup taken: the preview planned none (now: ${plan.backup.reason})`);
    plan = withoutBackup();
  }
  if (plan.backup && plan.prunes.some((p) => p.when === "before-backup" && !named.has(p.backupId))) {
    differences.push(
      "no backup taken: making room for it under the vendor's cap needs prunes the preview did not name",
    );
    plan = withoutBackup();
  }
  if (!fresh.backup && shown.plannedBackup !== undefined) {
    differences.push(`no backup taken: none is needed any more (the preview planned: ${shown.plannedBackup})`);
  }
  const selected = new Set(plan.prunes.map((p) => p.backupId));
  for (const p of plan.prunes) {
    if (!named.has(p.backupId)) differences.push(`${pruneLine(p)}: not pruned, the preview did not name it`);
  }
  for (const id of named) {
    if (!selected.has(id)) differences.push(`${id}: not pruned, no longer selected (or gone) since the preview`);
  }
  const listed = new Set(shown.plannedSchedules ?? []);
  const cut = plan.schedules.filter((s) => !listed.has(s.reason));
  for (const s of cut) differences.push(`${s.reason}: not done, the preview did not list it`);
  return {
    plan: {
      ...plan,
      prunes: plan.prunes.filter((p) => named.has(p.backupId)),
      schedules: plan.schedules.filter((s) => listed.has(s.reason)),
      // A delete that is not done leaves the schedule this policy's own.
      keptScheduleIds: [...plan.keptScheduleIds, ...cut.flatMap((s) => (s.action === "delete" ? [s.scheduleId] : []))],
    },
    differences,
  };
}
