/**
 * Where a backup is taken or restored: one shape per vendor, told apart by `vendor`. The
 * shapes are the vendors' target schemas (provider/vendors/<vendor>/schemas.ts, docs there).
 */
import type { BackupTarget as AnyTarget } from "../provider/vendors/registry";

/** Any supported backup target. */
export type BackupTarget = AnyTarget;

/** The vendors this package supports. */
export type Vendor = BackupTarget["vendor"];

/** A Kinsta WordPress site environment. */
export type KinstaTarget = Extract<BackupTarget, { vendor: "kinsta" }>;
/** A WP Engine install (environment). */
export type WpEngineTarget = Extract<BackupTarget, { vendor: "wpengine" }>;
/** A VPS.org server. */
export type VpsOrgTarget = Extract<BackupTarget, { vendor: "vpsorg" }>;
/** A Northflank database addon. */
export type NorthflankTarget = Extract<BackupTarget, { vendor: "northflank" }>;
