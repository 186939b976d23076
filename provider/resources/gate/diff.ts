/**
 * `diff` for BackupGate: no API call. Another list of backups is another gate (replacement:
 * it waits for them); so is a gate a refresh found `incomplete`. The timeout changes in place.
 * A Kinsta backup the gate waited for by its operation, whose `Backup` a refresh has since
 * resolved to the very backup id the gate saw complete, is the same backup: no new gate.
 */
import { canonicalJson } from "../shared/json";
import { parseResourceId } from "../shared/target";

type Entry = Record<string, unknown>;

/** `next` names the backup the gate saw as `seenId` when it waited for `previous` by its operation. */
function resolvedTo(previous: Entry, next: Entry, seenId: unknown): boolean {
  if (!previous.operationId || next.operationId || typeof seenId !== "string") return false;
  const before = parseResourceId(String(previous.id));
  const after = parseResourceId(String(next.id));
  if (!before || !after || after.last !== seenId) return false;
  const { id: _a, operationId: _b, createdAt: _c, ...restBefore } = previous;
  const { id: _d, operationId: _e, createdAt: _f, ...restAfter } = next;
  return (
    canonicalJson(before.target) === canonicalJson(after.target) &&
    canonicalJson(restBefore) === canonicalJson(restAfter)
  );
}

function sameBackups(olds: Record<string, unknown>, news: Record<string, unknown>): boolean {
  const before = Array.isArray(olds.backups) ? (olds.backups as Entry[]) : [];
  const after = Array.isArray(news.backups) ? (news.backups as Entry[]) : undefined;
  if (!after || before.length !== after.length) return canonicalJson(olds.backups) === canonicalJson(news.backups);
  const seen = Array.isArray(olds.completedBackups) ? (olds.completedBackups as Entry[]) : [];
  // `createdAt` only helps find a Kinsta backup; a refresh rewrites it with the vendor's own time.
  const identity = ({ createdAt: _createdAt, ...entry }: Entry) => canonicalJson(entry);
  return before.every(
    (entry, i) => identity(entry) === identity(after[i]) || resolvedTo(entry, after[i], seen[i]?.backupId),
  );
}

export function diffGate(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): { changes: boolean; replaces: string[]; deleteBeforeReplace: boolean } {
  const replaces: string[] = [];
  if (!sameBackups(olds, news)) replaces.push("backups");
  if (olds.status !== undefined && olds.status !== "completed") replaces.push("status");
  const updates = canonicalJson(olds.timeout) !== canonicalJson(news.timeout) ? ["timeout"] : [];
  return { changes: replaces.length > 0 || updates.length > 0, replaces, deleteBeforeReplace: false };
}
