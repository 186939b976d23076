/**
 * Vendor clients for the resource providers. One provider process serves every dynamic
 * resource of a Pulumi command, so clients and short-lived backup lists are shared here:
 * a `refresh` of 200 backups on one target costs a couple of list calls, not 200 reads.
 */
import { resolveAccount } from "../../config/accounts";
import { budgetBoundBy, type RequestBudget } from "../../core/request-budget";
import type { VendorBackup, VendorClient, VendorModule } from "../../vendors/vendor";
import { targetFields, type TargetInput } from "./target";

const clientCache = new Map<string, { client: VendorClient; budget?: RequestBudget }>();

function accountClient(vendor: VendorModule, account?: string) {
  const key = `${vendor.name}|${account ?? ""}`;
  let entry = clientCache.get(key);
  if (!entry) {
    const { value: client, budget } = budgetBoundBy(() => vendor.createClient(resolveAccount(vendor, account)));
    entry = { client, budget };
    clientCache.set(key, entry);
  }
  return entry;
}

/** The client of the account a resource uses (its named `account`, or the vendor default). */
export function clientFor(vendor: VendorModule, account?: string): VendorClient {
  return accountClient(vendor, account).client;
}

/** The request budget of that account (`undefined` when budgets are off). */
export function budgetOf(vendor: VendorModule, account?: string): RequestBudget | undefined {
  return accountClient(vendor, account).budget;
}

/** How long a fetched backup list answers later reads of the same target. */
const LIST_TTL_MS = 3_000;
const listCache = new Map<string, SharedList>();

/** A target's backups, and when the list was asked for (its answer is at least that recent). */
export interface SharedList {
  at: number;
  /** Its place among the lists this process asked for (see {@link listsAskedSoFar}). */
  seq: number;
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
  return sharedBackupList(vendor, target, account, { fresh, maxAgeMs }).backups;
}

let listsAsked = 0;

/**
 * How many lists this process has asked for: a list whose `seq` is greater was asked for
 * after this call (exact, where two times in the same millisecond are not).
 */
export function listsAskedSoFar(): number {
  return listsAsked;
}

/**
 * Which cached list may answer: none (`fresh`), one asked for after `askedAfter` (a
 * {@link listsAskedSoFar} value), or one at most `maxAgeMs` old (default 3 s).
 */
export type ListFreshness = { fresh?: boolean; maxAgeMs?: number; askedAfter?: number };

/**
 * {@link listBackupsShared}, with the time the list was asked for. With `askedAfter`, only a
 * list asked for after that point (in flight or answered) is shared, else a new one is asked
 * for; with `maxAgeMs`, a list that young, or one still in flight, is shared.
 */
export function sharedBackupList(
  vendor: VendorModule,
  target: TargetInput,
  account: string | undefined,
  freshness: ListFreshness,
): SharedList {
  const key = `${vendor.name}|${account ?? ""}|${vendor.targetKey(targetFields(target))}`;
  const cached = listCache.get(key);
  const now = Date.now();
  const usable =
    cached !== undefined &&
    !freshness.fresh &&
    (freshness.askedAfter !== undefined
      ? cached.seq > freshness.askedAfter
      : // A list still waiting for its turn in the account's budget is shared whatever its age:
        // asking again would only queue a second one.
        cached.pending || now - cached.at < (freshness.maxAgeMs ?? LIST_TTL_MS));
  if (usable) return cached;
  const entry: SharedList = {
    at: now,
    seq: ++listsAsked,
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
