/**
 * create / read / update / delete of a `Backup`.
 */
import {
  isErrorOf,
  OperationFailedError,
  ResourceInitFailure,
  ValidationError,
  WaitTimeoutError,
} from "../../core/errors";
import { logInfo } from "../../core/log";
import { waitUntil } from "../../core/poll";
import type { BackupProgress, PendingBackup, VendorBackup } from "../../vendors/vendor";
import { invalidateBackupList, listBackupsShared } from "../shared/clients";
import { resourceContext, type ResourceContext } from "../shared/context";
import { parseDuration } from "../shared/duration";
import { dropUndefined } from "../shared/json";
import { parseResourceId } from "../shared/target";
import { findMarkedBackup, markedDescription, startMarkedBackup } from "../shared/marked-backup";
import { backupMarker, vendorOptions } from "./inputs";
import { BACKUP_INPUT_KEYS, type BackupInputs, type BackupOutputs } from "./schema";

type State = BackupInputs & BackupOutputs & { __provider?: string };

type Context = ResourceContext;

const resourceId = (ctx: Context, backupId: string) => `${ctx.targetKey}/${backupId}`;

function outputsOf(ctx: Context, backup: VendorBackup, marker: string): BackupOutputs {
  return {
    backupId: backup.id,
    status: backup.state,
    vendorStatus: backup.vendorStatus,
    createdAt: backup.createdAt,
    completedAt: backup.completedAt,
    sizeBytes: backup.sizeBytes,
    expiresAt: backup.expiresAt,
    backupKind: backup.backupType,
    wordpressVersion: backup.wordpressVersion,
    addonVersion: backup.addonVersion,
    downloadUrl: backup.downloadUrl,
    failureReason: backup.failureReason,
    marker,
    targetKey: ctx.targetKey,
  };
}

export async function createBackup(inputs: BackupInputs & { __provider?: string }) {
  const ctx = resourceContext(inputs);
  const marker = backupMarker(inputs);
  const description = markedDescription(inputs.description, marker);
  const deadline = Date.now() + parseDuration(inputs.timeout);

  let pending: PendingBackup;
  let known: VendorBackup | undefined;
  if (inputs.adoptBackupId) {
    known = await ctx.client.getBackup(ctx.fields, inputs.adoptBackupId);
    if (!known) {
      throw new ValidationError("adoptBackupId", `no backup "${inputs.adoptBackupId}" exists at ${ctx.targetKey}`);
    }
    logInfo(`adopting existing ${ctx.vendor.displayName} backup ${known.id}`);
    pending = { backupId: known.id, requestedAt: new Date().toISOString() };
  } else {
    known = await findMarkedBackup(ctx, marker, false);
    if (known) {
      logInfo(
        `found backup ${known.id} marked hb:${marker} from an earlier, interrupted run; adopting it instead of taking another`,
      );
      pending = { backupId: known.id, requestedAt: known.createdAt ?? new Date().toISOString() };
    } else {
      const request = { description, options: vendorOptions(inputs) };
      pending = await startMarkedBackup(ctx, request, marker, deadline, inputs.timeout);
      invalidateBackupList(ctx.vendor, ctx.target, inputs.account);
    }
  }

  // Kinsta reveals the backup id only when its operation ends, so it is always awaited.
  const mustWait = inputs.waitForCompletion || !pending.backupId;
  let backup: VendorBackup;
  if (known && (known.state === "completed" || !mustWait)) {
    backup = known;
  } else if (mustWait) {
    backup = await waitForBackup(ctx, inputs, pending, description, deadline, marker);
  } else {
    backup = {
      id: pending.backupId!,
      state: "pending",
      vendorStatus: "requested",
      manual: true,
      createdAt: pending.requestedAt,
    };
  }
  const outs: State = dropUndefined({ ...inputs, ...outputsOf(ctx, backup, marker) });
  return { id: resourceId(ctx, backup.id), outs };
}

async function waitForBackup(
  ctx: Context,
  inputs: BackupInputs,
  pending: PendingBackup,
  description: string,
  deadline: number,
  marker: string,
): Promise<VendorBackup> {
  let last: BackupProgress | undefined;
  try {
    const done = await waitUntil(
      async () => {
        last = await ctx.client.checkBackup(ctx.fields, pending, description);
        return last.state === "completed" || last.state === "failed" ? last : undefined;
      },
      { deadline, what: `${ctx.vendor.displayName} backup ${pending.backupId ?? pending.operationId ?? ""}`.trim() },
    );
    if (done.state === "failed") {
      throw new OperationFailedError(
        { vendor: ctx.vendor.displayName, operation: "createBackup", vendorMessage: done.reason },
        `backup ${done.backup?.id ?? pending.backupId ?? ""} failed at the vendor`.replace("  ", " "),
      );
    }
    return (done as Extract<BackupProgress, { state: "completed" }>).backup;
  } catch (error) {
    const backupId = pending.backupId ?? last?.backup?.id;
    if (isErrorOf(error, WaitTimeoutError) && backupId) {
      // The vendor has the backup; keep it in the state so the next `up` keeps waiting.
      const backup = last?.backup ?? {
        id: backupId,
        state: "running" as const,
        vendorStatus: "in progress",
        manual: true,
      };
      const properties = dropUndefined({ ...inputs, ...outputsOf(ctx, backup, marker) });
      throw new ResourceInitFailure(
        `${ctx.vendor.displayName} backup ${backupId} did not complete within timeout ${inputs.timeout}; it stays in the state and the next \`pulumi up\` waits for it again`,
        resourceId(ctx, backupId),
        properties,
      );
    }
    throw error;
  }
}

export async function readBackup(id: string, props: State) {
  if (!props.backupId || !props.target) {
    // `Backup.get(name, id)`: nothing but the id is known; read that backup, unmanaged.
    const parsed = parseResourceId(id);
    if (!parsed) return { id, props, inputs: pickInputs(props) };
    props = {
      ...props,
      target: parsed.target,
      backupId: parsed.last,
      adoptBackupId: parsed.last,
      deletionPolicy: "retain",
    };
    props.description = props.description ?? "pulumi backup";
  }
  const inputs = pickInputs(props);
  const ctx = resourceContext(props);
  const backups = await listBackupsShared(ctx.vendor, ctx.target, props.account);
  const backup = backups.find((b) => b.id === props.backupId);
  if (!backup) {
    logInfo(`${ctx.vendor.displayName} backup ${props.backupId} no longer exists; it leaves the state`);
    return { id: "", props: {}, inputs: {} };
  }
  const outs = dropUndefined({ ...inputs, ...outputsOf(ctx, backup, props.marker) });
  // Lists carry no download link (Northflank: one call per backup would spend the hourly
  // budget), so the link read with the backup stays; its absence in a list is no removal.
  if (outs.downloadUrl === undefined && backup.state === "completed" && props.downloadUrl !== undefined)
    outs.downloadUrl = props.downloadUrl;
  return { id, props: outs, inputs };
}

export async function updateBackup(id: string, olds: State, news: BackupInputs) {
  const ctx = resourceContext(news);
  let outs: State = dropUndefined({ ...olds, ...news });
  // Still running (an earlier timeout, or waitForCompletion just switched on): wait now.
  if (news.waitForCompletion && olds.status !== "completed") {
    const deadline = Date.now() + parseDuration(news.timeout);
    const description = markedDescription(olds.description, olds.marker);
    const backup = await waitForBackup(
      ctx,
      news,
      { backupId: olds.backupId, requestedAt: olds.createdAt ?? "" },
      description,
      deadline,
      olds.marker,
    );
    outs = dropUndefined({ ...outs, ...outputsOf(ctx, backup, olds.marker) });
  }
  return { outs };
}

export async function deleteBackup(_id: string, props: State) {
  if (props.deletionPolicy !== "delete" || !props.backupId) {
    logInfo(`retaining backup ${props.backupId ?? ""} at the vendor (deletionPolicy "retain")`);
    return;
  }
  const ctx = resourceContext(props);
  await ctx.client.deleteBackup(ctx.fields, props.backupId);
  invalidateBackupList(ctx.vendor, ctx.target, props.account);
}

function pickInputs(props: State): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const key of BACKUP_INPUT_KEYS) if (props[key] !== undefined) picked[key] = props[key];
  return picked;
}

export { vendorOptions };
