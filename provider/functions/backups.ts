/**
 * `getBackups` and `getLatestBackup`: a target's backups, read with the same vendor clients,
 * shared backup lists and per-account request budget the resources use (in the plugin, one
 * process serves both, so an invoke and a `Backup` on one target share one list request).
 * Arguments are checked by the zod schemas in schema.ts before any API call.
 */
import { z } from "zod";
import { ValidationError } from "../core/errors";
import type { VendorBackup } from "../vendors/vendor";
import { checkTarget, collectFailures } from "../resources/shared/check";
import { listBackupsShared } from "../resources/shared/clients";
import { targetKeyOf } from "../resources/shared/context";
import { dropUndefined } from "../resources/shared/json";
import { hasMarker, markerOf } from "../resources/shared/marked-backup";
import type { TargetInput } from "../resources/shared/target";
import { vendorNamed } from "../vendors/registry";
import {
  getBackupsArgsSchema,
  getLatestBackupArgsSchema,
  type GetBackupsArgsChecked,
  type GetBackupsResult,
  type GetLatestBackupResult,
  type ListedBackup,
} from "./schema";

type Match = NonNullable<GetBackupsArgsChecked["match"]>;

/**
 * Checks a function's arguments: the common fields by its schema, then `target` by its
 * vendor's own schema (the message names the field, as a resource's `check` does).
 */
function checkArgs<S extends typeof getBackupsArgsSchema | typeof getLatestBackupArgsSchema>(
  functionName: string,
  schema: S,
  args: unknown,
): z.output<S> {
  const failures: { property: string; reason: string }[] = [];
  const given = (args && typeof args === "object" && !Array.isArray(args) ? args : {}) as Record<string, unknown>;
  const common = collectFailures(schema.extend({ target: z.unknown() }), given, "", [], failures);
  // `target` by its vendor's own schema, whose messages name the field (not the union's "Invalid input").
  const resolved = checkTarget(given.target, [], failures);
  if (failures.length > 0 || !common || !resolved) {
    const [first, ...others] = failures;
    const also = others.map((f) => `; ${f.property}: ${f.reason}`).join("");
    throw new ValidationError(first.property, `${first.reason}${also} (${functionName} arguments)`);
  }
  return { ...common, target: resolved.target } as z.output<S>;
}

const when = (iso: string | undefined) => Date.parse(iso ?? "") || 0;

function listed(targetKey: string, backup: VendorBackup): ListedBackup {
  const marker = markerOf(backup.description);
  // Absent fields are left out (a protobuf Struct, the invoke's answer, holds no undefined).
  return dropUndefined({
    backupId: backup.id,
    resourceId: `${targetKey}/${backup.id}`,
    status: backup.state,
    vendorStatus: backup.vendorStatus,
    kind: backup.manual ? "manual" : "automatic",
    vendorKind: backup.backupType,
    description: backup.description,
    createdAt: backup.createdAt,
    completedAt: backup.completedAt,
    sizeBytes: backup.sizeBytes,
    madeByProvider: backup.manual && marker !== undefined,
    marker,
  });
}

/** Whether a backup passes every filter given. */
export function matches(backup: ListedBackup, match: Partial<Match> | undefined): boolean {
  if (!match) return true;
  const text = backup.description;
  if (match.status !== undefined && backup.status !== match.status) return false;
  if (match.kind !== undefined && backup.kind !== match.kind) return false;
  if (match.madeByProvider !== undefined && backup.madeByProvider !== match.madeByProvider) return false;
  if (match.marker !== undefined && !hasMarker(text, match.marker)) return false;
  if (match.descriptionContains !== undefined && !(text ?? "").includes(match.descriptionContains)) return false;
  if (match.descriptionPrefix !== undefined && !(text ?? "").startsWith(match.descriptionPrefix)) return false;
  if (
    match.descriptionPattern !== undefined &&
    (text === undefined || !new RegExp(match.descriptionPattern).test(text))
  )
    return false;
  return true;
}

async function listTarget(target: TargetInput, account: string | undefined) {
  const targetKey = targetKeyOf(target);
  // A list asked for no earlier than this call (one still in flight is shared): a function asked
  // after a resource changed the target (in another process, on the dynamic path) sees the change.
  const backups = await listBackupsShared(vendorNamed(target.vendor), target, account, false, 0);
  return { targetKey, backups: backups.map((backup) => listed(targetKey, backup)) };
}

/** The target's backups matching `match`, newest first. */
export async function getBackups(args: unknown): Promise<GetBackupsResult> {
  const checked = checkArgs("getBackups", getBackupsArgsSchema, args);
  const { targetKey, backups } = await listTarget(checked.target, checked.account);
  return {
    targetKey,
    backups: backups.filter((b) => matches(b, checked.match)).sort((a, b) => when(b.createdAt) - when(a.createdAt)),
  };
}

/**
 * The newest completed backup matching `match` (by completion time, else creation time, as
 * `RestoreOperation`'s `backup: { latest: true }` picks); an error naming the target and the
 * filter when there is none.
 */
export async function getLatestBackup(args: unknown): Promise<GetLatestBackupResult> {
  const checked = checkArgs("getLatestBackup", getLatestBackupArgsSchema, args);
  const { targetKey, backups } = await listTarget(checked.target, checked.account);
  const newest = backups
    .filter((b) => b.status === "completed" && matches(b, checked.match))
    .sort((a, b) => when(b.completedAt ?? b.createdAt) - when(a.completedAt ?? a.createdAt))[0];
  if (!newest) {
    const filter = checked.match ? ` matching ${JSON.stringify(checked.match)}` : "";
    const completed = backups.filter((b) => b.status === "completed").length;
    throw new ValidationError(
      checked.match ? "match" : "target",
      `no completed backup of ${targetKey}${filter} (${backups.length} backups listed, ${completed} completed) (getLatestBackup)`,
    );
  }
  return { targetKey, ...newest };
}
