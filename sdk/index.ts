/**
 * pulumi-hosting-backups: hosting backups as code.
 * The public surface, named one by one.
 */
export { Backup } from "./backup";
export type { BackupArgs, NorthflankAdditionalDestination } from "./backup";
export { BackupGate } from "./backup-gate";
export type { BackupGateArgs, BackupGateCompletedBackup, BackupGateEntry } from "./backup-gate";
export { RestoreOperation } from "./restore-operation";
export type { RestoreOperationArgs } from "./restore-operation";
export {
  BackupPolicy,
  type BackupPolicyArgs,
  type BackupPolicyFreshness,
  type BackupPolicyMatch,
  type BackupPolicyRetention,
  type BackupPolicySchedule,
} from "./backup-policy";
export type { BackupTarget, KinstaTarget, NorthflankTarget, Vendor, VpsOrgTarget, WpEngineTarget } from "./target";
export { getBackups, getBackupsOutput, getLatestBackup, getLatestBackupOutput } from "./functions";
export type {
  FunctionOutputOptions,
  GetBackupsArgs,
  GetBackupsMatch,
  GetBackupsOutputArgs,
  GetBackupsResult,
  GetLatestBackupArgs,
  GetLatestBackupMatch,
  GetLatestBackupOutputArgs,
  GetLatestBackupResult,
  ListedBackup,
} from "./functions";
