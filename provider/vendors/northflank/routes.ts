/**
 * The Northflank endpoints this provider uses (reference: northflank.md). Our base URL
 * includes `/v1`, so paths start at `/projects`. Success is always exactly HTTP 200.
 */
import { z } from "zod";
import { route, type Route } from "../shared/routes";
import { backupSchema, envelope, pitrWindowSchema, restoreIdSchema, restoreSchema, scheduleSchema } from "./schemas";

const ok = { expectStatus: [200] };
const addon = "/projects/{projectId}/addons/{addonId}";
const empty = envelope(z.unknown().optional());

export const routes = {
  listBackups: route("listBackups", `GET ${addon}/backups`, envelope(z.object({ backups: z.array(backupSchema) })), ok),
  getBackup: route("getBackup", `GET ${addon}/backups/{backupId}`, envelope(backupSchema), ok),
  createBackup: route("startBackup", `POST ${addon}/backups`, envelope(backupSchema), ok),
  downloadLink: route(
    "getDownloadLink",
    `GET ${addon}/backups/{backupId}/download-link`,
    envelope(z.object({ downloadLink: z.string() })),
    ok,
  ),
  deleteBackup: route("deleteBackup", `DELETE ${addon}/backups/{backupId}`, empty.nullish(), ok),
  // Restore takes no body; the source of a "global" backup goes in the query.
  restoreBackup: route(
    "startRestore",
    `POST ${addon}/backups/{backupId}/restore`,
    envelope(z.object({ restoreId: restoreIdSchema })),
    ok,
  ),
  listBackupRestores: route(
    "checkRestore",
    `GET ${addon}/backups/{backupId}/restores`,
    // `restores` and `schedules` are optional in the client's types: absent means none.
    envelope(z.object({ restores: z.array(restoreSchema).optional().default([]) })),
    ok,
  ),
  // Every restore of the addon, with the backup each restored (point-in-time restores too).
  listAddonRestores: route(
    "checkRestore",
    `GET ${addon}/restores`,
    envelope(
      z.object({
        restores: z
          .array(restoreSchema.extend({ backupId: z.string() }))
          .optional()
          .default([]),
      }),
    ),
    ok,
  ),
  pitrWindow: route("getPointInTimeWindow", `GET ${addon}/pitr-window`, envelope(pitrWindowSchema), ok),
  // Answers the backup Northflank made for the restore; its restore record follows it.
  startPitr: route("startPointInTimeRestore", `POST ${addon}/pitr`, envelope(backupSchema), ok),
  listSchedules: route(
    "listSchedules",
    `GET ${addon}/backup-schedules`,
    envelope(z.object({ schedules: z.array(scheduleSchema).optional().default([]) })),
    ok,
  ),
  createSchedule: route("createSchedule", `POST ${addon}/backup-schedules`, envelope(z.object({ id: z.string() })), ok),
  deleteSchedule: route("deleteSchedule", `DELETE ${addon}/backup-schedules/{scheduleId}`, empty.nullish(), ok),
};

/** Northflank's `per_page` maximum. */
export const PAGE_SIZE = 100;

/** The same route for a team-scoped token: `/teams/{teamId}/projects/…`. */
export const teamScoped = <R extends Route>(r: R): R => ({
  ...r,
  path: `/teams/{teamId}${r.path}`,
});
