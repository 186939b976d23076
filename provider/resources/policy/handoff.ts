/**
 * The refresh's backup list, handed to the plan of the same `pulumi preview --refresh` when
 * the engine runs them in two provider processes. It does that when the provider's
 * configuration changed since the state was written (the refresh reads with the stored
 * provider, the plan checks with the new one): the in-process list cache (shared/clients.ts)
 * cannot reach across, and the preview listed every target twice.
 *
 * `read` (refresh) writes the list it observed; the next `check` of the same target takes it
 * (and removes it) if it is at most {@link HANDOFF_MAX_AGE_MS} old, instead of listing again.
 * Sound for the same reason the in-process sharing is: `create`/`update` re-list fresh before
 * acting and do no more than the plan named, so an older list can only make `up` do less.
 * Files live in a per-user directory (mode 0700, files 0600) and carry what a list shows
 * (ids, dates, descriptions, states); download links, the one secret a backup may carry, are
 * dropped.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import type { VendorBackup } from "../../vendors/vendor";

/** How old a refresh's list a plan still takes. Same as the in-process sharing. */
export const HANDOFF_MAX_AGE_MS = 60_000;

const directory = () => path.join(tmpdir(), `pulumi-hosting-backups-${userInfo().uid}`);

/** One file per vendor endpoint, account and target. */
function fileOf(scope: string): string {
  return path.join(directory(), `list-${createHash("sha256").update(scope).digest("hex").slice(0, 32)}.json`);
}

export function handOver(scope: string, backups: VendorBackup[]): void {
  try {
    mkdirSync(directory(), { recursive: true, mode: 0o700 });
    const file = fileOf(scope);
    const listed = backups.map(({ downloadUrl: _secret, ...backup }) => backup);
    // Written whole, then renamed: a reader never sees half a list.
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify({ scope, at: Date.now(), backups: listed }), { mode: 0o600 });
    renameSync(partial, file);
  } catch {
    // An unwritable temp directory only costs the plan its own list call.
  }
}

/** The list a refresh of `scope` handed over, if fresh; removed either way. */
export function takeOver(scope: string, now = Date.now()): VendorBackup[] | undefined {
  const file = fileOf(scope);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
    rmSync(file, { force: true });
  } catch {
    return undefined;
  }
  try {
    const handed = JSON.parse(text) as { scope: string; at: number; backups: VendorBackup[] };
    if (handed.scope !== scope || !(now - handed.at <= HANDOFF_MAX_AGE_MS) || !Array.isArray(handed.backups))
      return undefined;
    return handed.backups;
  } catch {
    return undefined;
  }
}
