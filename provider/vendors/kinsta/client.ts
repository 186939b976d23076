/**
 * Kinsta client. Every mutation answers 202, usually with an `operation_id` whose HTTP status
 * is its state (the id is optional in API 1.87.0). A manual backup's id is only known once it
 * appears in the backups list, so a new backup is found by the provider's marker in its tag.
 */
import { isErrorOf, NotFoundError, OperationFailedError, VendorApiError } from "../../core/errors";
import { createHttpClient, type HttpClient } from "../../core/http";
import { sleep, waitUntil } from "../../core/poll";
import type {
  BackupProgress,
  PendingBackup,
  PendingRestore,
  RestoreProgress,
  VendorAccount,
  VendorBackup,
  VendorClient,
} from "../vendor";
import { hasMarker, markersIn } from "../marker";
import { numericId } from "../shared/ids";
import { parseOptions } from "../shared/parse-options";
import { callRoute } from "../shared/routes";
import { routes, type KinstaBackupPayload } from "./contract";
import { restoreOptionsSchema, type KinstaTarget } from "./schemas";

/** Epoch milliseconds → ISO-8601. */
const isoFromEpochMs = (ms: number) => new Date(ms).toISOString();

export const DISPLAY_NAME = "Kinsta";

/** Clocks differ: a backup may carry a `created_at` slightly before our `requestedAt`. */
const CLOCK_SLACK_MS = 5 * 60_000;
/**
 * Kinsta answers 404 for an operation during its first seconds. Past this age a 404 means
 * the operation is gone (they expire), and we decide from the backups list instead.
 */
const OPERATION_UNKNOWN_AFTER_MS = 10 * 60_000;
const DELETE_DEADLINE_MS = 10 * 60_000;
/** After an operation reported done, how often (and how far apart) the list is read for the new backup. */
const LIST_LAG_READS = 3;
const LIST_LAG_INTERVAL_MS = 2_000;
/**
 * Kinsta answers a delete of a backup it does not know with a 400 (the spec lists no 404);
 * these words in its message mean "already gone", any other 400 is a real refusal.
 */
const GONE_MESSAGE = /not found|does not exist|doesn't exist|no such|could not find|unknown backup/i;

type OperationState = { state: "running" | "done" | "unknown" } | { state: "failed"; reason: string };

export function errorMessage(body: unknown): string | undefined {
  if (!body || typeof body !== "object") return undefined;
  const { message, error } = body as { message?: unknown; error?: unknown };
  if (typeof message === "string" && message) return message;
  return typeof error === "string" && error ? error : undefined;
}

/**
 * Where a backup's tag shows up is not documented (1.87.0 lists `name` and `note`; some
 * answers may carry `tag`): the text that carries a provider marker wins, else `note`.
 */
export function tagOf(backup: KinstaBackupPayload): string | undefined {
  const texts = [backup.tag, backup.note, backup.name];
  return texts.find((text) => markersIn(text).length > 0) ?? backup.note ?? undefined;
}

/** A Kinsta backup list item as a neutral backup. Listed backups are finished: Kinsta has no status field. */
export function toVendorBackup(backup: KinstaBackupPayload): VendorBackup {
  return {
    id: String(backup.id),
    state: "completed",
    vendorStatus: "completed",
    description: tagOf(backup),
    backupType: backup.type,
    manual: backup.type === "manual",
    createdAt: isoFromEpochMs(backup.created_at),
  };
}

/**
 * The newest manual backup carrying the marker of `description` (or, for a description
 * without one, exactly that text), created after `requestedAt` (minus clock slack).
 */
export function findTaggedBackup(
  backups: VendorBackup[],
  description: string,
  requestedAt?: string,
): VendorBackup | undefined {
  const since = requestedAt ? Date.parse(requestedAt) - CLOCK_SLACK_MS : Number.NEGATIVE_INFINITY;
  const [found] = markersIn(description);
  const carries = (text: string | undefined) =>
    text !== undefined && (found ? hasMarker(text, found.marker) : text === description);
  return backups
    .filter(
      (b) =>
        b.manual &&
        carries(b.description) &&
        Date.parse(b.createdAt ?? "") >= (Number.isNaN(since) ? Number.NEGATIVE_INFINITY : since),
    )
    .sort((a, b) => (b.createdAt ?? "").localeCompare(a.createdAt ?? ""))[0];
}

export function createKinstaClient(account: VendorAccount<"apiKey">): VendorClient<KinstaTarget> {
  const http: HttpClient = createHttpClient({
    vendor: DISPLAY_NAME,
    baseUrl: account.baseUrl,
    auth: { type: "bearer", token: account.credentials.apiKey },
    timeoutMs: account.requestTimeoutMs,
    rateLimit: account.rateLimit,
    errorMessage,
  });

  async function listBackups(target: KinstaTarget): Promise<VendorBackup[]> {
    const { data } = await callRoute(http, routes.listBackups, { params: { env_id: target.environmentId } });
    return data.environment.backups.map(toVendorBackup);
  }

  async function readOperation(operationId: string): Promise<OperationState> {
    const { status, data } = await callRoute(http, routes.getOperation, { params: { operation_id: operationId } });
    if (status === 200) return { state: "done" };
    if (status === 202) return { state: "running" };
    if (status === 404) return { state: "unknown" };
    return { state: "failed", reason: data.message || `operation ${operationId} failed` };
  }

  const ageOf = (iso: string) => Date.now() - (Date.parse(iso) || Date.now());

  /** The new backup, read a few times: the list can lag the operation by a moment. */
  async function findAfterOperation(target: KinstaTarget, description: string, requestedAt: string) {
    for (let read = 1; ; read++) {
      const backup = findTaggedBackup(await listBackups(target), description, requestedAt);
      if (backup || read >= LIST_LAG_READS) return backup;
      await sleep(LIST_LAG_INTERVAL_MS);
    }
  }

  return {
    listBackups,

    async startBackup(target, request) {
      const requestedAt = new Date().toISOString();
      const { data } = await callRoute(http, routes.createManualBackup, {
        params: { env_id: target.environmentId },
        body: { tag: request.description },
      });
      return { operationId: data.operation_id, requestedAt };
    },

    async checkBackup(target, pending: PendingBackup, description): Promise<BackupProgress> {
      if (!pending.operationId && !pending.backupId) {
        // Accepted without an operation id (optional in 1.87.0): the list is all there is.
        // Kinsta lists a manual backup only once it is done, so absence means "running" until
        // the age past which an operation would have been forgotten too.
        const backup = findTaggedBackup(await listBackups(target), description, pending.requestedAt);
        if (backup) return { state: "completed", backup };
        if (ageOf(pending.requestedAt) < OPERATION_UNKNOWN_AFTER_MS) return { state: "running" };
        return {
          state: "failed",
          reason: `Kinsta accepted the backup without an operation id, and no manual backup carrying "${description}" (in its name, note or tag) appeared within ${OPERATION_UNKNOWN_AFTER_MS / 60_000} minutes`,
        };
      }
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

      const backup = await findAfterOperation(target, description, pending.requestedAt);
      if (backup) return { state: "completed", backup };
      if (operation.state === "unknown") {
        return {
          state: "failed",
          reason: `Kinsta no longer knows operation ${pending.operationId} and no backup tagged "${description}" appeared`,
        };
      }
      // Succeeded, yet no listed manual backup carries the marker: waiting cannot change that.
      return {
        state: "failed",
        reason: `Kinsta reports operation ${pending.operationId} completed, but no manual backup carrying "${description}" (in its name, note or tag) is listed for environment ${target.environmentId}; the backup cannot be identified`,
      };
    },

    async getBackup(target, backupId) {
      return (await listBackups(target)).find((b) => b.id === backupId);
    },

    async deleteBackup(target, backupId) {
      const id = numericId(backupId, "backupId", DISPLAY_NAME);
      let operationId: string | undefined;
      try {
        ({
          data: { operation_id: operationId },
        } = await callRoute(http, routes.deleteBackup, { params: { backup_id: id } }));
      } catch (error) {
        // A 404 is not in the spec, but a proxy may still answer one: gone either way.
        if (isErrorOf(error, NotFoundError)) return;
        if (isErrorOf(error, VendorApiError) && error.status === 400 && GONE_MESSAGE.test(error.vendorMessage ?? ""))
          return;
        if (isErrorOf(error, VendorApiError) && error.status === 500) {
          // The HTTP core already retried the (idempotent) delete with backoff.
          throw new VendorApiError(
            {
              vendor: DISPLAY_NAME,
              operation: "deleteBackup",
              status: 500,
              vendorMessage: error.vendorMessage,
              retryable: true,
            },
            `Kinsta kept answering HTTP 500 to the delete, after retries with backoff; backup ${backupId} may still exist, run the update again later`,
          );
        }
        throw error;
      }
      const startedAt = new Date().toISOString();
      await waitUntil(
        async () => {
          if (operationId === undefined) {
            // No operation to follow (the id is optional in 1.87.0): the list decides.
            return (await listBackups(target)).some((b) => b.id === backupId) ? undefined : true;
          }
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
        params: { target_env_id: target.environmentId },
        body: {
          backup_id: numericId(request.backupId, "backupId", DISPLAY_NAME),
          notified_user_id: options.notifiedUserId,
        },
      });
      return { operationId: data.operation_id, backupId: request.backupId, startedAt };
    },

    async checkRestore(_target, pending): Promise<RestoreProgress> {
      // Accepted without an operation id (optional in 1.87.0): nothing to follow, like WP Engine.
      if (!pending.operationId) return { state: "accepted" };
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
