/**
 * Kinsta client. Every mutation answers 202 with an `operation_id`; the operation's HTTP
 * status is its state. A manual backup's id is only known once it appears in the backups
 * list, so a new backup is found by its tag (the marked description) after the operation.
 */
import { isErrorOf, NotFoundError, OperationFailedError } from "../../core/errors";
import { createHttpClient, type HttpClient } from "../../core/http";
import { waitUntil } from "../../core/poll";
import type {
  BackupProgress,
  PendingBackup,
  PendingRestore,
  RestoreProgress,
  VendorAccount,
  VendorBackup,
  VendorClient,
} from "../../core/vendor";
import { isoFromEpochMs, numericId, parseOptions } from "../shared/options";
import { callRoute } from "../shared/routes";
import { routes } from "./routes";
import { restoreOptionsSchema, type KinstaBackupPayload, type KinstaTarget } from "./schemas";

export const DISPLAY_NAME = "Kinsta";

/** Clocks differ: a backup may carry a `created_at` slightly before our `requestedAt`. */
const CLOCK_SLACK_MS = 5 * 60_000;
/**
 * Kinsta answers 404 for an operation during its first seconds. Past this age a 404 means
 * the operation is gone (they expire), and we decide from the backups list instead.
 */
const OPERATION_UNKNOWN_AFTER_MS = 10 * 60_000;
const DELETE_DEADLINE_MS = 10 * 60_000;

type OperationState = { state: "running" | "done" | "unknown" } | { state: "failed"; reason: string };

export function errorMessage(body: unknown): string | undefined {
  if (!body || typeof body !== "object") return undefined;
  const { message, error } = body as { message?: unknown; error?: unknown };
  if (typeof message === "string" && message) return message;
  return typeof error === "string" && error ? error : undefined;
}

/** A Kinsta backup list item as a neutral backup. Listed backups are finished: Kinsta has no status field. */
export function toVendorBackup(backup: KinstaBackupPayload): VendorBackup {
  return {
    id: String(backup.id),
    state: "completed",
    vendorStatus: "completed",
    description: backup.note ?? undefined,
    backupType: backup.type,
    manual: backup.type === "manual",
    createdAt: isoFromEpochMs(backup.created_at),
  };
}

/** The newest manual backup tagged `description`, created after `requestedAt` (minus clock slack). */
export function findTaggedBackup(
  backups: VendorBackup[],
  description: string,
  requestedAt?: string,
): VendorBackup | undefined {
  const since = requestedAt ? Date.parse(requestedAt) - CLOCK_SLACK_MS : Number.NEGATIVE_INFINITY;
  return backups
    .filter(
      (b) =>
        b.manual &&
        b.description === description &&
        Date.parse(b.createdAt ?? "") >= (Number.isNaN(since) ? Number.NEGATIVE_INFINITY : since),
    )
    .sort((a, b) => (b.createdAt ?? "").localeCompare(a.createdAt ?? ""))[0];
}

export function createKinstaClient(account: VendorAccount): VendorClient<KinstaTarget> {
  const http: HttpClient = createHttpClient({
    vendor: DISPLAY_NAME,
    baseUrl: account.baseUrl,
    auth: { type: "bearer", token: account.credentials.apiKey },
    timeoutMs: account.requestTimeoutMs,
    errorMessage,
  });

  async function listBackups(target: KinstaTarget): Promise<VendorBackup[]> {
    const { data } = await callRoute(http, routes.listBackups, { params: { envId: target.environmentId } });
    return data.environment.backups.map(toVendorBackup);
  }

  async function readOperation(operationId: string): Promise<OperationState> {
    const { status, data } = await callRoute(http, routes.getOperation, { params: { operationId } });
    if (status === 200) return { state: "done" };
    if (status === 202) return { state: "running" };
    if (status === 404) return { state: "unknown" };
    return { state: "failed", reason: data?.message ?? `operation ${operationId} failed` };
  }

  const ageOf = (iso: string) => Date.now() - (Date.parse(iso) || Date.now());

  return {
    listBackups,

    async startBackup(target, request) {
      const requestedAt = new Date().toISOString();
      const { data } = await callRoute(http, routes.createManualBackup, {
        params: { envId: target.environmentId },
        body: { tag: request.description },
      });
      return { operationId: data.operation_id, requestedAt };
    },

    async checkBackup(target, pending: PendingBackup, description): Promise<BackupProgress> {
      if (!pending.operationId) {
        // Adopted, or resumed from state: the backup id is known, and listed backups are finished.
        const backups = await listBackups(target);
        const backup = pending.backupId
          ? backups.find((b) => b.id === pending.backupId)
          : findTaggedBackup(backups, description, pending.requestedAt);
        if (backup) return { state: "completed", backup };
        return {
          state: "failed",
          reason: `Kinsta no longer lists backup ${pending.backupId ?? `tagged "${description}"`}`,
        };
      }
      const operation = await readOperation(pending.operationId);
      if (operation.state === "failed") return { state: "failed", reason: operation.reason };
      if (operation.state === "running") return { state: "running" };
      if (operation.state === "unknown" && ageOf(pending.requestedAt) < OPERATION_UNKNOWN_AFTER_MS)
        return { state: "running" };

      const backup = findTaggedBackup(await listBackups(target), description, pending.requestedAt);
      if (backup) return { state: "completed", backup };
      if (operation.state === "unknown") {
        return {
          state: "failed",
          reason: `Kinsta no longer knows operation ${pending.operationId} and no backup tagged "${description}" appeared`,
        };
      }
      // Done, but not listed yet: the list can lag the operation by a moment.
      return { state: "running" };
    },

    async getBackup(target, backupId) {
      return (await listBackups(target)).find((b) => b.id === backupId);
    },

    async deleteBackup(target, backupId) {
      const id = numericId(backupId, "backupId", DISPLAY_NAME);
      let operationId: string;
      try {
        ({
          data: { operation_id: operationId },
        } = await callRoute(http, routes.deleteBackup, { params: { backupId: id } }));
      } catch (error) {
        if (isErrorOf(error, NotFoundError)) return; // already gone
        throw error;
      }
      const startedAt = new Date().toISOString();
      await waitUntil(
        async () => {
          const operation = await readOperation(operationId);
          if (operation.state === "done") return true;
          if (operation.state === "failed") {
            throw new OperationFailedError(
              { vendor: DISPLAY_NAME, operation: "deleteBackup", vendorMessage: operation.reason },
              `deleting backup ${backupId} failed`,
            );
          }
          if (operation.state === "unknown" && ageOf(startedAt) > 60_000) {
            // The operation is not (or no longer) known: the list decides.
            if (!(await listBackups(target)).some((b) => b.id === backupId)) return true;
          }
          return undefined;
        },
        {
          deadline: Date.now() + DELETE_DEADLINE_MS,
          what: `Kinsta deletion of backup ${backupId}`,
          initialIntervalMs: 500,
        },
      );
    },

    async startRestore(target, request): Promise<PendingRestore> {
      const options = parseOptions(restoreOptionsSchema, request.options, "restore options");
      const startedAt = new Date().toISOString();
      const { data } = await callRoute(http, routes.restoreBackup, {
        params: { envId: target.environmentId },
        body: {
          backup_id: numericId(request.backupId, "backupId", DISPLAY_NAME),
          notified_user_id: options.notifiedUserId,
        },
      });
      return { operationId: data.operation_id, backupId: request.backupId, startedAt };
    },

    async checkRestore(_target, pending): Promise<RestoreProgress> {
      if (!pending.operationId)
        return { state: "failed", reason: "no Kinsta operation id was recorded for this restore" };
      const operation = await readOperation(pending.operationId);
      switch (operation.state) {
        case "done":
          return { state: "completed" };
        case "failed":
          return { state: "failed", reason: operation.reason };
        case "running":
          return { state: "running" };
        case "unknown":
          if (ageOf(pending.startedAt) < OPERATION_UNKNOWN_AFTER_MS) return { state: "running" };
          return {
            state: "failed",
            reason: `Kinsta no longer knows operation ${pending.operationId}; the outcome of the restore is unknown`,
          };
      }
    },
  };
}
