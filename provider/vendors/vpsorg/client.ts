/**
 * VPS.org client. Create answers 201 with the backup `in_progress`; there is no
 * get-one endpoint, so progress is read by re-listing the server's backups.
 */
import { isErrorOf, NotFoundError, VendorApiError } from "../../core/errors";
import { logInfo } from "../../core/log";
import { currentDeadline } from "../../core/poll";
import { createHttpClient } from "../../core/http";
import type {
  BackupState,
  PendingRestore,
  RestoreProgress,
  VendorAccount,
  VendorBackup,
  VendorClient,
} from "../vendor";
import { MAX_PAGES, queryOfLink } from "../shared/pagination";
import { callRoute } from "../shared/routes";
import { routes, type VpsorgBackupPayload } from "./contract";
import type { VpsorgTarget } from "./schemas";

export const DISPLAY_NAME = "VPS.org";

const MIB = 1024 * 1024;

/**
 * Only `completed` and `in_progress` are documented. Failure words are guesses; any other
 * word counts as still running, so an unexpected status ends in a wait timeout (with the
 * backup kept in state) rather than a false success.
 */
export function stateOf(status: string): BackupState {
  if (status === "completed") return "completed";
  if (["failed", "error", "aborted", "cancelled", "canceled"].includes(status)) return "failed";
  if (["pending", "queued", "scheduled"].includes(status)) return "pending";
  return "running";
}

/** The docs' integer ids are sent as integers; anything else (a UUID) as a string. */
export const wireId = (id: string): number | string => (/^\d+$/.test(id) ? Number(id) : id);

/**
 * Whether a server id as the API returns it (an integer, or a UUID string in any case) is
 * the server an input names ("12345" or a UUID).
 */
export function sameServerId(fromApi: number | string, input: string): boolean {
  if (typeof fromApi === "number") return /^\d+$/.test(input) && Number(input) === fromApi;
  if (/^\d+$/.test(fromApi) && /^\d+$/.test(input)) return Number(fromApi) === Number(input);
  return fromApi.toLowerCase() === input.toLowerCase();
}

/** DRF error bodies: `{"detail": "…"}` or field errors `{"field": ["…"]}`. */
export function errorMessage(body: unknown): string | undefined {
  if (!body || typeof body !== "object" || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  if (typeof record.detail === "string") return record.detail;
  const fields = Object.entries(record)
    .map(([field, value]) => {
      const messages = Array.isArray(value)
        ? value.filter((m) => typeof m === "string")
        : typeof value === "string"
          ? [value]
          : [];
      if (messages.length === 0) return undefined;
      return field === "non_field_errors" ? messages.join(" ") : `${field}: ${messages.join(" ")}`;
    })
    .filter((text): text is string => text !== undefined);
  return fields.length > 0 ? fields.join("; ") : undefined;
}

/** Server statuses taken to mean "up again": the restore is over. */
const SERVER_UP = ["running", "active", "online"];
const SERVER_FAILED = ["error", "failed", "restore_failed"];

/**
 * The Servers API is undocumented: after a restore request we follow the server's `status`.
 * Only a status that says the server is up again completes the restore; `restoring`, and any
 * word we do not know, mean it is still running (the wait then ends in a timeout naming the
 * status, never in a false success).
 */
export function restoreProgressOf(serverStatus: string): RestoreProgress {
  const status = serverStatus.toLowerCase();
  if (SERVER_UP.includes(status)) return { state: "completed" };
  if (SERVER_FAILED.includes(status)) return { state: "failed", reason: `the server's status is "${serverStatus}"` };
  return { state: "running" };
}

/**
 * How long a restore is watched for the server to leave its "up" status. Before that, "up"
 * proves nothing: the server may not have started restoring yet (one variant changes status
 * only after 10 s). A restore never seen restoring ends `accepted`, never `completed`.
 */
export const RESTORE_OBSERVE_MS = 60_000;
/** A check this close to the resource's deadline is the last one. */
const LAST_CHECK_MARGIN_MS = 5_000;

export function toVendorBackup(backup: VpsorgBackupPayload): VendorBackup {
  const state = stateOf(backup.status);
  return {
    id: String(backup.id),
    state,
    vendorStatus: backup.status,
    description: backup.description ?? undefined,
    backupType: backup.backup_type,
    manual: backup.backup_type === "manual",
    createdAt: backup.created_at,
    expiresAt: backup.expires_at ?? undefined,
    sizeBytes: backup.size_mb === null || backup.size_mb === undefined ? undefined : backup.size_mb * MIB,
    failureReason: state === "failed" ? `VPS.org reports status "${backup.status}"` : undefined,
  };
}

export function createVpsorgClient(account: VendorAccount<"token">): VendorClient<VpsorgTarget> {
  const http = createHttpClient({
    vendor: DISPLAY_NAME,
    baseUrl: account.baseUrl,
    auth: { type: "bearer", token: account.credentials.token },
    timeoutMs: account.requestTimeoutMs,
    rateLimit: account.rateLimit,
    errorMessage,
  });

  async function listBackups(target: VpsorgTarget): Promise<VendorBackup[]> {
    const backups: VendorBackup[] = [];
    let query: Record<string, string | number> = { server_id: wireId(target.serverId) };
    for (let page = 0; page < MAX_PAGES; page++) {
      const { data } = await callRoute(http, routes.listBackups, { query });
      // Filter again client-side: a server that ignored `server_id` must not leak other servers' backups.
      backups.push(...data.results.filter((b) => sameServerId(b.server.id, target.serverId)).map(toVendorBackup));
      if (!data.next) break;
      query = { ...queryOfLink(data.next), server_id: wireId(target.serverId) };
    }
    return backups;
  }

  /** Restores (server|startedAt) seen leaving the "up" status: only those complete when it is up again. */
  const leftUp = new Set<string>();
  /** Servers whose read answered 404/405 (said once). */
  const serverReadMissing = new Set<string>();

  const findBackup = async (target: VpsorgTarget, backupId: string) =>
    (await listBackups(target)).find((b) => b.id === backupId);

  return {
    listBackups,
    getBackup: findBackup,

    async startBackup(target, request) {
      const requestedAt = new Date().toISOString();
      const { data } = await callRoute(http, routes.createBackup, {
        body: { server_id: wireId(target.serverId), description: request.description },
      });
      return { backupId: String(data.id), requestedAt };
    },

    async checkBackup(target, pending, description) {
      const backups = await listBackups(target);
      const backup = pending.backupId
        ? backups.find((b) => b.id === pending.backupId)
        : backups
            .filter((b) => b.description === description)
            .sort((a, b) => (b.createdAt ?? "").localeCompare(a.createdAt ?? ""))[0];
      if (!backup)
        return { state: "failed", reason: `VPS.org no longer lists backup ${pending.backupId ?? `"${description}"`}` };
      if (backup.state === "completed") return { state: "completed", backup };
      if (backup.state === "failed")
        return { state: "failed", reason: backup.failureReason ?? backup.vendorStatus, backup };
      return { state: backup.state, backup };
    },

    async deleteBackup(_target, backupId) {
      try {
        await callRoute(http, routes.deleteBackup, { params: { backup_id: backupId } });
      } catch (error) {
        if (isErrorOf(error, NotFoundError)) return; // already gone
        throw error;
      }
    },

    async startRestore(target, request): Promise<PendingRestore> {
      const startedAt = new Date().toISOString();
      const { data } = await callRoute(http, routes.restoreServer, {
        params: { server_id: target.serverId },
        body: { backup_id: wireId(request.backupId) },
      });
      const id = data?.restore_id ?? data?.task_id ?? data?.id;
      return { operationId: id === undefined ? undefined : String(id), backupId: request.backupId, startedAt };
    },

    async checkRestore(target, pending): Promise<RestoreProgress> {
      const key = `${target.serverId}|${pending.startedAt}`;
      let status: string;
      try {
        ({
          data: { status },
        } = await callRoute(http, routes.getServer, { params: { server_id: target.serverId } }));
      } catch (error) {
        // No Servers API document: the read may not exist. Then nothing shows the restore's
        // progress, and it is reported as accepted, as WP Engine's.
        if (isErrorOf(error, NotFoundError) || (isErrorOf(error, VendorApiError) && error.status === 405)) {
          if (!serverReadMissing.has(target.serverId)) {
            serverReadMissing.add(target.serverId);
            logInfo(
              `VPS.org answers HTTP ${isErrorOf(error, NotFoundError) ? 404 : 405} to GET /servers/${target.serverId}/, so the restore's progress cannot be followed; it is recorded as accepted (VPS.org emails when it ends)`,
            );
          }
          return { state: "accepted" };
        }
        throw error;
      }
      const progress = restoreProgressOf(status);
      if (progress.state !== "completed") {
        leftUp.add(key);
        return progress;
      }
      if (leftUp.has(key)) return progress;
      // "Up", but never seen restoring: not started yet, or the status does not show restores.
      const age = Date.now() - (Date.parse(pending.startedAt) || Date.now());
      const deadline = currentDeadline() ?? Number.POSITIVE_INFINITY;
      if (age < RESTORE_OBSERVE_MS && Date.now() + LAST_CHECK_MARGIN_MS < deadline) return { state: "running" };
      return { state: "accepted" };
    },
  };
}
