/**
 * What the vendors hold: one backup list per target (and Northflank's native schedules),
 * through the provider's own vendor clients, with credentials and the per-account request
 * budget exactly as the resources use them. Requests are counted per target.
 */
import { countingRequests } from "../core/request-budget";
import { clientFor } from "../resources/shared/clients";
import { targetFields, type TargetInput } from "../resources/shared/target";
import { vendorNamed } from "../vendors/registry";
import type { NativeSchedule, VendorBackup, VendorClient, VendorModule } from "../vendors/vendor";
import { accountFromCredentials, type CredentialsOf } from "./credentials";
import { mapLimited } from "./stacks";

export interface TargetToList {
  targetKey: string;
  target: TargetInput;
  account?: string;
  /** The stack whose credentials read it (with `--credentials`). */
  stack: string;
}

export interface TargetHoldings {
  targetKey: string;
  backups: VendorBackup[];
  /** Native schedules, where the vendor has them (Northflank). */
  schedules?: NativeSchedule[];
  /** HTTP requests sent for this target (retries included). */
  requests: number;
  /** Why the vendor could not be read (credentials, outage…); then `backups` is empty. */
  error?: string;
}

export async function readHoldings(
  targets: TargetToList[],
  options: {
    concurrency?: number;
    onTarget?(done: number, total: number, key: string): void;
    /** Per-stack credentials (`--credentials`); else the environment's, or the named `account`'s. */
    credentialsOf?: CredentialsOf;
  } = {},
): Promise<TargetHoldings[]> {
  let done = 0;
  const clients = new Map<string, VendorClient>();
  /** The client a resource of that stack would use. */
  const clientOf = (vendor: VendorModule, account: string | undefined, stack: string): VendorClient => {
    const credentials = options.credentialsOf?.(stack)?.[vendor.name];
    if (!credentials || account) return clientFor(vendor, account);
    const key = `${vendor.name}|${JSON.stringify(credentials)}`;
    let client = clients.get(key);
    if (!client) {
      client = vendor.createClient(accountFromCredentials(vendor, credentials, stack));
      clients.set(key, client);
    }
    return client;
  };
  // Many at once: each account's budget queues its own requests within the vendor's limit.
  return mapLimited(targets, options.concurrency ?? 16, async ({ targetKey, target, account, stack }) => {
    const vendor = vendorNamed(target.vendor);
    const fields = targetFields(target);
    const { result, requests } = await countingRequests(async () => {
      try {
        const client = clientOf(vendor, account, stack);
        // Schedules first: Northflank's backup list reads them too (to tell scheduled backups
        // from manual ones) and reuses this answer, so the target costs two requests, not three.
        const schedules =
          vendor.capabilities.schedules && client.schedules ? await client.schedules.list(fields) : undefined;
        const backups = await client.listBackups(fields);
        return { backups, schedules };
      } catch (error) {
        return { backups: [], error: (error as Error).message };
      }
    });
    const holdings: TargetHoldings = { targetKey, ...result, requests };
    options.onTarget?.(++done, targets.length, targetKey);
    return holdings;
  });
}
