/**
 * Where a backup is taken or restored: one shape per vendor, told apart by `vendor`.
 */

/** A Kinsta WordPress site environment. */
export interface KinstaTarget {
  /** `"kinsta"`: the target is at Kinsta. */
  vendor: "kinsta";
  /** The environment's UUID (MyKinsta → Site → environment, or `GET /sites/{id}/environments`). */
  environmentId: string;
}

/** A WP Engine install (environment). */
export interface WpEngineTarget {
  /** `"wpengine"`: the target is at WP Engine. */
  vendor: "wpengine";
  /** The install's UUID (`GET /installs`). */
  installId: string;
}

/** A VPS.org server. */
export interface VpsOrgTarget {
  /** `"vpsorg"`: the target is at VPS.org. */
  vendor: "vpsorg";
  /** The server id (digits in VPS.org's docs; kept as a string). */
  serverId: string;
}

/** A Northflank database addon. */
export interface NorthflankTarget {
  /** `"northflank"`: the target is at Northflank. */
  vendor: "northflank";
  /** The project id. */
  projectId: string;
  /** The addon id within the project. */
  addonId: string;
}

/** Any supported backup target. */
export type BackupTarget = KinstaTarget | WpEngineTarget | VpsOrgTarget | NorthflankTarget;

/** The vendors this package supports. */
export type Vendor = BackupTarget["vendor"];
