/**
 * What the stacks declare, read from their exported state: every `Backup`, `BackupPolicy` and
 * `RestoreOperation` (the dynamic resources of the TypeScript SDK and the provider plugin's
 * `hostingbackups:index:*` alike), with the outputs the report needs. Pure: no I/O.
 */
import { targetSchema } from "../vendors/registry";
import type { TargetInput } from "../resources/shared/target";
import { targetKeyOf } from "../resources/shared/context";

/** One stack's exported deployment, as `pulumi stack export` writes it (the parts read here). */
export interface StackExport {
  /** The stack's fully qualified name (`organization/project/stack` on a self-managed backend). */
  name: string;
  resources: ExportedResource[];
}

export interface ExportedResource {
  urn: string;
  type: string;
  id?: string;
  outputs?: Record<string, unknown>;
  inputs?: Record<string, unknown>;
}

interface Declared {
  stack: string;
  /** The resource's name (the last part of its URN). */
  name: string;
  target: TargetInput;
  targetKey: string;
  account?: string;
}

export interface DeclaredBackup extends Declared {
  marker?: string;
  backupId?: string;
  status?: string;
  completedAt?: string;
  deletionPolicy?: string;
}

export interface DeclaredPolicy extends Declared {
  maxAgeHours?: number;
  retention?: { keepLast?: number; maxAgeDays?: number };
  scheduleIds: string[];
}

export interface DeclaredRestore extends Declared {
  status?: string;
  startedAt?: string;
  completedAt?: string;
  restoredBackupId?: string;
  failureReason?: string;
  /** The restore's `confirm` input (a production target needs the target's id there). */
  confirm?: string;
}

export interface Declarations {
  backups: DeclaredBackup[];
  policies: DeclaredPolicy[];
  restores: DeclaredRestore[];
}

/** `pulumi-nodejs:dynamic/hostingbackups:Backup` (SDK) or `hostingbackups:index:Backup` (plugin). */
const RESOURCE_TYPE =
  /^(?:pulumi-nodejs:dynamic\/hostingbackups|hostingbackups:index):(Backup|BackupPolicy|RestoreOperation)$/;

/** A Pulumi secret in exported state: never read (the report needs no secret value). */
const isSecret = (value: unknown) =>
  typeof value === "object" && value !== null && "4dabf18193072939515e22adb298388d" in value;

const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);
const num = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : undefined);
const record = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && !isSecret(value)
    ? (value as Record<string, unknown>)
    : {};

/** The resource types the report reads, e.g. for a policy pack's or a test's reference. */
export function resourceKind(type: string): "Backup" | "BackupPolicy" | "RestoreOperation" | undefined {
  const match = RESOURCE_TYPE.exec(type);
  return match ? (match[1] as "Backup" | "BackupPolicy" | "RestoreOperation") : undefined;
}

/** Every resource of this provider the stacks hold. Resources without a valid `target` are skipped. */
export function declarationsOf(stacks: StackExport[]): Declarations {
  const found: Declarations = { backups: [], policies: [], restores: [] };
  for (const stack of stacks) {
    for (const resource of stack.resources) {
      const kind = resourceKind(resource.type);
      if (!kind) continue;
      // Dynamic resources keep inputs and outputs together in `outputs`; the plugin's too.
      const props = { ...record(resource.inputs), ...record(resource.outputs) };
      const target = targetSchema.safeParse(props.target);
      if (!target.success) continue;
      const base: Declared = {
        stack: stack.name,
        name: resource.urn.split("::").pop() ?? resource.urn,
        target: target.data,
        targetKey: targetKeyOf(target.data),
        account: text(props.account),
      };
      if (kind === "Backup") {
        found.backups.push({
          ...base,
          marker: text(props.marker),
          backupId: text(props.backupId),
          status: text(props.status),
          completedAt: text(props.completedAt),
          deletionPolicy: text(props.deletionPolicy),
        });
      } else if (kind === "BackupPolicy") {
        const retention = record(props.retention);
        const scheduleIds = Array.isArray(props.scheduleIds)
          ? props.scheduleIds.filter((id) => typeof id === "string")
          : [];
        found.policies.push({
          ...base,
          maxAgeHours: num(record(props.freshness).maxAgeHours),
          retention:
            props.retention === undefined
              ? undefined
              : { keepLast: num(retention.keepLast), maxAgeDays: num(retention.maxAgeDays) },
          scheduleIds,
        });
      } else {
        found.restores.push({
          ...base,
          status: text(props.status),
          startedAt: text(props.startedAt),
          completedAt: text(props.completedAt),
          restoredBackupId: text(props.restoredBackupId),
          failureReason: text(props.failureReason),
          confirm: text(props.confirm),
        });
      }
    }
  }
  return found;
}
