/**
 * Vendor clients for the resource providers. One provider process serves every dynamic
 * resource of a Pulumi command, so clients and short-lived backup lists are shared here:
 * a `refresh` of 200 backups on one target costs a couple of list calls, not 200 reads.
 */
import { resolveAccount } from "../../config/accounts";
import type { VendorBackup, VendorClient, VendorModule } from "../../vendors/vendor";
import { targetFields, type TargetInput } from "./target";

const clientCache = new Map<string, VendorClient>();

/** The client of the account a resource uses (its named `account`, or the vendor default). */
export function clientFor(vendor: VendorModule, account?: string): VendorClient {
  const key = `${vendor.name}|${account ?? ""}`;
  let client = clientCache.get(key);
  if (!client) {
    client = vendor.createClient(resolveAccount(vendor, account));
    clientCache.set(key, client);
  }
  return client;
}

/** How long a fetched backup list answers later reads of the same target. */
const LIST_TTL_MS = 3_000;
const listCache = new Map<string, SharedList>();

/** A target's backups, and when the list was asked for (its answer is at least that recent). */
export interface SharedList {
  at: number;
  backups: Promise<VendorBackup[]>;
  /** Still waiting for its answer (possibly queued in the account's budget). */
  pending: boolean;
}

/**
 * Lists a target's backups, sharing one in-flight or recent (≤ `maxAgeMs`, default 3 s)
 * request among all callers in this process. `fresh` skips the cache (used before deciding
 * to create or delete).
 */
export function listBackupsShared(
  vendor: VendorModule,
  target: TargetInput,
  account?: string,
  fresh = false,
  maxAgeMs = LIST_TTL_MS,
): Promise<VendorBackup[]> {
  return sharedBackupList(vendor, target, account, fresh, maxAgeMs).backups;
}

/** {@link listBackupsShared}, with the time the list was asked for. */
export function sharedBackupList(
  vendor: VendorModule,
  target: TargetInput,
  account: string | undefined,
  fresh: boolean,
  maxAgeMs: number,
): SharedList {
  const key = `${vendor.name}|${account ?? ""}|${vendor.targetKey(targetFields(target))}`;
  const cached = listCache.get(key);
  // A list still waiting for its turn in the account's budget is shared whatever its age:
  // asking again would only queue a second one.
  if (!fresh && cached && (cached.pending || Date.now() - cached.at < maxAgeMs)) return cached;
  const entry: SharedList = {
    at: Date.now(),
    backups: clientFor(vendor, account).listBackups(targetFields(target)),
    pending: true,
  };
  listCache.set(key, entry);
  entry.backups.then(
    () => (entry.pending = false),
    // A failed list must not answer later callers.
    () => listCache.get(key) === entry && listCache.delete(key),
  );
  return entry;
}

/** Forgets cached lists of a target after this process changed its backups. */
export function invalidateBackupList(vendor: VendorModule, target: TargetInput, account?: string): void {
  listCache.delete(`${vendor.name}|${account ?? ""}|${vendor.targetKey(targetFields(target))}`);
}
