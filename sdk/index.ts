/**
 * pulumi-hosting-backups: hosting backups as code.
 * The public surface, named one by one.
 */
export { Backup } from "./backup";
export type { BackupArgs, NorthflankAdditionalDestination } from "./backup";
export { RestoreOperation } from "./restore-operation";
export type { RestoreOperationArgs } from "./restore-operation";
export type { BackupTarget, KinstaTarget, NorthflankTarget, Vendor, VpsOrgTarget, WpEngineTarget } from "./target";
