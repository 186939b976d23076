/**
 * Backups the provider takes carry a marker (` hb:<8 hex>`) at the end of their description,
 * so a run can recognise its own backup: after an interrupted run, and after a request that
 * may have reached the vendor but got no answer. Used by `Backup` and by `BackupPolicy`'s
 * freshness backup.
 */
import { AmbiguousRequestError, isErrorOf } from "../../core/errors";
import { logInfo } from "../../core/log";
import { lookFor, withDeadline } from "../../core/poll";
import { hasMarker } from "../../vendors/marker";
import type { BackupRequest, PendingBackup, VendorBackup } from "../../vendors/vendor";
import { listBackupsShared } from "./clients";
import type { ResourceContext } from "./context";

export type MarkedBackupContext = Pick<ResourceContext, "vendor" | "target" | "fields" | "client" | "account">;

export { hasMarker, markedDescription } from "../../vendors/marker";

/** The marker a backup's text carries (the last one, where `hasMarker` would find it), lowercased; undefined when none. */
export function markerOf(description: string | undefined): string | undefined {
  const found = [...(description ?? "").matchAll(/(?:^|[^0-9a-z])hb:([0-9a-f]{8})(?![0-9a-z])/gi)].pop();
  return found?.[1].toLowerCase();
}

/**
 * The newest backup carrying `marker` that has not failed. `fresh` skips the shared list
 * cache; `maxAgeMs` bounds how old a shared list may be (default 3 s).
 */
export async function findMarkedBackup(
  ctx: MarkedBackupContext,
  marker: string,
  fresh: boolean,
  maxAgeMs?: number,
): Promise<VendorBackup | undefined> {
  const backups = await listBackupsShared(ctx.vendor, ctx.target, ctx.account, fresh, maxAgeMs);
  return backups
    .filter((b) => hasMarker(b.description, marker) && b.state !== "failed")
    .sort((a, b) => (b.createdAt ?? "").localeCompare(a.createdAt ?? ""))[0];
}

/**
 * Starts a backup whose description ends with `hb:<marker>`. When the request may have reached
 * the vendor but no answer came back, it is not sent again blindly: the marked backup is
 * looked for first.
 */
export async function startMarkedBackup(
  ctx: MarkedBackupContext,
  request: BackupRequest,
  marker: string,
  deadline: number,
  timeout: string,
): Promise<PendingBackup> {
  try {
    return await withDeadline(deadline, () => ctx.client.startBackup(ctx.fields, request));
  } catch (error) {
    if (!isErrorOf(error, AmbiguousRequestError)) throw error;
    logInfo(
      `${ctx.vendor.displayName} gave no usable answer to the backup request; looking for backup hb:${marker} before asking again`,
    );
    // Where the list shows backups in progress, 30 s without the marked backup means the
    // request did not arrive, and asking again is safe. Kinsta lists a backup only once it
    // completed: 30 s of absence proves nothing there (resending after it took a duplicate,
    // found by test/reliability/ambiguous.test.ts), so look until the resource's own
    // deadline and never resend blindly; the next `up` looks for the marker again first.
    const listsPending = ctx.vendor.capabilities.listsPendingBackups !== false;
    const lookUntil = listsPending ? Math.min(deadline, Date.now() + 30_000) : deadline;
    const found = await lookFor(() => findMarkedBackup(ctx, marker, true), lookUntil);
    if (found) return { backupId: found.id, requestedAt: found.createdAt ?? new Date().toISOString() };
    if (!listsPending) {
      throw new AmbiguousRequestError(
        { vendor: ctx.vendor.displayName, operation: "startBackup", retryable: false },
        `no answer to the backup request, and no backup marked hb:${marker} appeared within ${timeout}; it was not sent again, to avoid a duplicate. Run \`pulumi up\` again: it adopts the backup if ${ctx.vendor.displayName} took it, or takes one`,
      );
    }
    return await ctx.client.startBackup(ctx.fields, request);
  }
}
