/**
 * Northflank's native backup schedules as a `BackupPolicy` declares them: the shape of one
 * schedule, and Northflank's per-interval rules (which hours and days an interval takes, the
 * retention caps, one schedule per interval and backup type). Wire payloads: schemas.ts.
 */
import { z } from "zod";
import { intBetween } from "../../core/number-rules";
import { BACKUP_TYPES, INTERVALS } from "./contract";

export type ScheduleInterval = (typeof INTERVALS)[number];

/** Northflank's retention caps per interval (days). */
export const SCHEDULE_RETENTION_MAX: Record<ScheduleInterval, number> = { hourly: 7, daily: 60, weekly: 120 };

/**
 * One native backup schedule (Northflank only; one per interval and backup type). The shape;
 * the per-interval rules are `scheduleRuleViolations`.
 */
export const scheduleSpecSchema = z
  .object({
    /** How often the schedule runs. */
    interval: z.enum(INTERVALS),
    /** Minutes past the hour to run at, 0–59. */
    minute: z.array(intBetween(0, 59)).min(1, "must list at least one minute (0–59)"),
    /** Hours to run at, 0–23: required for `daily` and `weekly`, not allowed for `hourly`. @default unset: every hour (`hourly` only) */
    hour: z.array(intBetween(0, 23)).min(1, "must list at least one hour (0–23)").optional(),
    /** Days to run on, 0 = Monday … 6 = Sunday: required for `weekly` only. @default unset: every day (`hourly` and `daily`) */
    day: z.array(intBetween(0, 6)).min(1, "must list at least one day (0 = Monday … 6 = Sunday)").optional(),
    /** Days Northflank keeps each scheduled backup: at most 7 (hourly), 60 (daily) or 120 (weekly). */
    retentionDays: z
      .number()
      .int()
      .min(1, { error: (i) => `must be at least 1 day, got ${String(i.input)}` }),
    /** Northflank backup type. @default "snapshot" */
    backupType: z.enum(BACKUP_TYPES).default("snapshot"),
  })
  .strict();
export type ScheduleSpec = z.output<typeof scheduleSpecSchema>;

/** Northflank's per-interval rules a schedule (as given) breaks, each naming its field. */
export function scheduleRuleViolations(item: unknown): { field: string; reason: string }[] {
  const raw: Record<string, unknown> = item && typeof item === "object" ? { ...item } : {};
  const interval = INTERVALS.find((known) => known === raw.interval);
  if (!interval) return [];
  const violations: { field: string; reason: string }[] = [];
  if (interval === "hourly" && raw.hour !== undefined)
    violations.push({ field: "hour", reason: "is not allowed for hourly schedules (they run every hour)" });
  if (interval !== "hourly" && raw.hour === undefined)
    violations.push({ field: "hour", reason: `is required for ${interval} schedules: the hours (0–23) to run at` });
  if (interval === "weekly" && raw.day === undefined)
    violations.push({
      field: "day",
      reason: "is required for weekly schedules: the days to run on (0 = Monday … 6 = Sunday)",
    });
  if (interval !== "weekly" && raw.day !== undefined)
    violations.push({ field: "day", reason: `is allowed only for weekly schedules, not ${interval}` });
  const days = raw.retentionDays;
  const max = SCHEDULE_RETENTION_MAX[interval];
  if (typeof days === "number" && Number.isInteger(days) && days > max)
    violations.push({
      field: "retentionDays",
      reason: `must be at most ${max} days for ${interval} schedules (Northflank's limit), got ${days}`,
    });
  return violations;
}

/** Why a second schedule of the same interval and backup type is refused. */
export const repeatedScheduleReason = (spec: ScheduleSpec, earlier: string) =>
  `repeats the ${spec.interval} ${spec.backupType} schedule of ${earlier}: Northflank allows one schedule per interval and backup type`;
