/**
 * The vendor calls tests fault and count, taken from the vendor contracts (one route per
 * vendor and operation), as `{ method, path }` with `path` a regular expression over the full
 * request path (sandbox vendor prefix included, no query): the form `/_admin/faults` takes
 * and the request log shows.
 */
import type { Route } from "../../provider/vendors/shared/routes";
import { routes as kinsta } from "../../provider/vendors/kinsta/contract";
import { routes as northflank } from "../../provider/vendors/northflank/contract";
import { routes as vpsorg } from "../../provider/vendors/vpsorg/contract";
import { routes as wpengine } from "../../provider/vendors/wpengine/contract";
import { VENDORS as SANDBOX_VENDORS } from "../../sandbox";
import { patternOf, type CallPattern, type VendorName } from "./admin";

export { matching, type CallPattern } from "./admin";

const prefixOf = (vendor: VendorName) => SANDBOX_VENDORS.find((v) => v.name === vendor)!.prefix;

const byVendor = <V extends VendorName>(routes: Record<V, Route>) =>
  Object.fromEntries(Object.entries<Route>(routes).map(([v, r]) => [v, patternOf(prefixOf(v as V), r)])) as Record<
    V,
    CallPattern
  >;

/** Each vendor's list of a target's backups. */
const TARGET_LISTS = byVendor({
  kinsta: kinsta.listBackups,
  wpengine: wpengine.listBackups,
  vpsorg: vpsorg.listBackups,
  northflank: northflank.listBackups,
});

/** What each provider operation calls, per vendor. */
export const CALLS = {
  createBackup: byVendor({
    kinsta: kinsta.createManualBackup,
    wpengine: wpengine.createBackup,
    vpsorg: vpsorg.createBackup,
    northflank: northflank.createBackup,
  }),
  /** What `refresh` (read) calls: the shared list on every vendor. */
  listBackups: TARGET_LISTS,
  /**
   * What create polls while it waits for the backup: the same shared list (one list answers
   * every backup in flight; a vendor's own read of one backup or operation is made only when
   * a newer list lacks it, at most once a minute).
   */
  pollBackup: TARGET_LISTS,
  /** WP Engine's API deletes no backups. */
  deleteBackup: byVendor({
    kinsta: kinsta.deleteBackup,
    vpsorg: vpsorg.deleteBackup,
    northflank: northflank.deleteBackup,
  }),
  startRestore: byVendor({
    kinsta: kinsta.restoreBackup,
    wpengine: wpengine.restoreBackup,
    vpsorg: vpsorg.restoreServer,
    northflank: northflank.restoreBackup,
  }),
  /** What a restore polls while it waits (WP Engine reports restores by email only). */
  pollRestore: byVendor({
    kinsta: kinsta.getOperation,
    vpsorg: vpsorg.getServer,
    northflank: northflank.listBackupRestores,
  }),
};

export type Operation = keyof typeof CALLS;

/** What `operation` calls on `vendor`; throws for a call the vendor's API does not have. */
export function callOf(operation: Operation, vendor: VendorName): CallPattern {
  const pattern = (CALLS[operation] as Partial<Record<VendorName, CallPattern>>)[vendor];
  if (!pattern) throw new Error(`${vendor} has no ${operation} call`);
  return pattern;
}
