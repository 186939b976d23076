/**
 * Kinsta client. Every mutation answers 202, usually with an `operation_id` whose HTTP status
 * is its state (the id is optional in API 1.87.0). A manual backup's id is only known once it
 * appears in the backups list, so a new backup is found by the provider's marker in its tag.
 */
import {
  AmbiguousRequestError,
  isErrorOf,
  NotFoundError,
  OperationFailedError,
  VendorApiError,
  WaitTimeoutError,
} from "../../core/errors";
import { logInfo } from "../../core/log";
import { createHttpClient, type HttpClient } from "../../core/http";
import { currentDeadline, waitUntil } from "../../core/poll";
import type {
  BackupProgress,
  PendingBackup,
  PendingRestore,
  RestoreProgress,
  VendorAccount,
  VendorBackup,
  VendorClient,
} from "../vendor";
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
/**
 * How long after its operation completed a manual backup may take to be listed (1.87.0 says
 * nothing; the sandbox's `kinsta.listLagMs` variant goes to 60 s). Within the resource's
 * `timeout`, the provider waits this long before it calls the backup unidentifiable.
 */
export const LIST_LAG_ALLOWANCE_MS = 5 * 60_000;
/** A check this close to the resource's deadline is the last one: it reports instead of waiting. */
const LAST_CHECK_MARGIN_MS = 5_000;
/**
 * Kinsta answers a delete of a backup it does not know with a 400 (the spec lists no 404);
 * these words mean "already gone". Any other 400 is checked against the list.
 */
const GONE_MESSAGE = /not found|does not exist|doesn't exist|no such|could not find|unknown backup/i;

type OperationState = { state: "running" | "done" | "unknown" } | { state: "failed"; reason: string };

export function errorMessage(body: unknown): string | undefined {
  if (!body || typeof body !== "object") return undefined;
  const { message, error } = body as { message?: unknown; error?: unknown };
  if (typeof message === "string" && message) return message;
  return typeof error === "string" && error ? error : undefined;
}

const MARKER = /hb:[0-9a-f]{8}(?![0-9a-z])/i;

/**
 * Where a backup's tag shows up is not documented (1.87.0 lists `name` and `note`; some
 * answers may carry `tag`): the text that carries a provider marker wins, else `note`.
 */
export function tagOf(backup: KinstaBackupPayload): string | undefined {
  const texts = [backup.tag, backup.note, backup.name];
  return texts.find((text) => text && MARKER.test(text)) ?? backup.note ?? undefined;
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
  const marker = MARKER.exec(description)?.[0];
  const carries = (text: string | undefined) =>
    text !== undefined && (marker ? text.includes(marker) : text === description);
  return backups
    .filter(
      (b) =>
        b.manual &&
        carries(b.description) &&
        Date.parse(b.createdAt ?? "") >= (Number.isNaN(since) ? Number.NEGATIVE_INFINITY : since),
    )
    .sort((a, b) => (b.createdAt ?? "").localeCompare(a.createdAt ?? ""))[0];
}

/** A sleep that does not keep the process alive (a turn may wait minutes). */
const unrefSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** A create this client sent whose backup is not identified yet. */
interface OpenCreate {
  environmentId: string;
  description: string;
  requestedAt: string;
  operationId?: string;
  /** Ids of the manual backups listed just before the create. */
  before: Set<string>;
  /** Two or more new backups carry no marker: which one is ours cannot be told. */
  ambiguous?: string[];
  /** Lets the next create on the environment go (creates wait their turn until the marker shows). */
  release: () => void;
}

/**
 * Where Kinsta shows a backup's tag is undocumented. When it shows the marker, a new backup is
 * found by it. When it shows it nowhere, the one new manual backup that carries no marker
 * (against the list taken just before the create) is ours once the create's operation is
 * over; creates on one environment then go one at a time, so a second new backup is never our
 * own, and two or more candidates are reported, never guessed.
 */
export function createKinstaClient(account: VendorAccount<"apiKey">): VendorClient<KinstaTarget> {
  const http: HttpClient = createHttpClient({
    vendor: DISPLAY_NAME,
    baseUrl: account.baseUrl,
    auth: { type: "bearer", token: account.credentials.apiKey },
    timeoutMs: account.requestTimeoutMs,
    rateLimit: account.rateLimit,
    errorMessage,
  });

  /** Whether this account's lists show the marker (learnt from the first backup identified). */
  let markerShows: boolean | undefined;
  /** Open creates by their marked description. */
  const openCreates = new Map<string, OpenCreate>();
  /** Backups identified without a visible marker: id → the description they were made with. */
  const claimed = new Map<string, string>();
  /** When each create's operation was first seen completed (the list may lag it). */
  const doneSince = new Map<string, number>();
  /** Per environment, the create whose backup is not identified yet (while the marker may not show). */
  const turns = new Map<string, Promise<void>>();

  async function listBackups(target: KinstaTarget): Promise<VendorBackup[]> {
    const { data } = await callRoute(http, routes.listBackups, { params: { env_id: target.environmentId } });
    const backups = data.environment.backups.map(toVendorBackup);
    await identifyOpenCreates(target, backups);
    return backups.map((b) => (claimed.has(b.id) ? { ...b, description: claimed.get(b.id) } : b));
  }

  async function readOperation(operationId: string): Promise<OperationState> {
    const { status, data } = await callRoute(http, routes.getOperation, { params: { operation_id: operationId } });
    if (status === 200) return { state: "done" };
    if (status === 202) return { state: "running" };
    if (status === 404) return { state: "unknown" };
    return { state: "failed", reason: data.message || `operation ${operationId} failed` };
  }

  const ageOf = (iso: string) => Date.now() - (Date.parse(iso) || Date.now());

  function settle(open: OpenCreate) {
    openCreates.delete(open.description);
    open.release();
  }

  /** Matches the open creates of the environment against a fresh list (see createKinstaClient). */
  async function identifyOpenCreates(target: KinstaTarget, backups: VendorBackup[]) {
    for (const open of [...openCreates.values()]) {
      if (open.environmentId !== target.environmentId || open.ambiguous) continue;
      if (findTaggedBackup(backups, open.description, open.requestedAt)) {
        markerShows = true;
        settle(open);
        continue;
      }
      if (markerShows === true) continue;
      const since = Date.parse(open.requestedAt) - CLOCK_SLACK_MS;
      const candidates = backups.filter(
        (b) =>
          b.manual &&
          !open.before.has(b.id) &&
          !claimed.has(b.id) &&
          !MARKER.test(b.description ?? "") &&
          Date.parse(b.createdAt ?? "") >= since,
      );
      if (candidates.length === 0) continue;
      // A new backup may be someone else's while ours still runs: only an ended create claims one.
      if (open.operationId) {
        const operation = await readOperation(open.operationId);
        if (operation.state === "running" || operation.state === "failed") continue;
        if (operation.state === "unknown" && ageOf(open.requestedAt) < OPERATION_UNKNOWN_AFTER_MS) continue;
      }
      if (candidates.length > 1) {
        open.ambiguous = candidates.map((b) => b.id);
        open.release();
        continue;
      }
      if (markerShows === undefined) {
        // Said once: what a list without markers means beyond this create.
        logInfo(
          `Kinsta's backups list shows the tag of a manual backup nowhere (not in name or note): new backups are identified as the one new manual backup of their environment, one create at a time; a later run cannot recognise this provider's backups, so a BackupPolicy's default match manages none of them (docs/vendors.md)`,
        );
      }
      markerShows = false;
      claimed.set(candidates[0].id, open.description);
      logInfo(
        `Kinsta lists no marker for backup ${candidates[0].id}; it is the one new manual backup of environment ${target.environmentId} since the create, and is taken as "${open.description}"`,
      );
      settle(open);
    }
  }

  /** Waits for the environment's previous create to be identified, unless the marker is known to show. */
  async function takeTurn(environmentId: string): Promise<() => void> {
    for (;;) {
      if (markerShows === true) return () => undefined;
      const busy = turns.get(environmentId);
      if (!busy) break;
      const deadline = currentDeadline() ?? Date.now() + OPERATION_UNKNOWN_AFTER_MS;
      if (Date.now() >= deadline) {
        throw new WaitTimeoutError(
          `timed out waiting for the previous Kinsta backup of environment ${environmentId} to be identified (creates on one environment go one at a time until Kinsta's list shows the provider's marker)`,
        );
      }
      await Promise.race([busy, unrefSleep(deadline - Date.now())]);
    }
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    turns.set(environmentId, turn);
    const done = () => {
      clearTimeout(timer);
      if (turns.get(environmentId) === turn) turns.delete(environmentId);
      release();
    };
    // A create whose resource stopped waiting must not hold the environment for ever.
    const timer = setTimeout(done, OPERATION_UNKNOWN_AFTER_MS);
    timer.unref();
    return done;
  }

  /** The new backup of a create, once listed: by its marker, or as the one new backup without one. */
  async function identified(target: KinstaTarget, pending: PendingBackup, description: string) {
    return findTaggedBackup(await listBackups(target), description, pending.requestedAt);
  }

  /** After the create's operation ended: wait for the listing (it may lag), within the allowance and the timeout. */
  function notListedYet(operationId: string, description: string, target: KinstaTarget): BackupProgress {
    const open = openCreates.get(description);
    if (open?.ambiguous) {
      settle(open);
      return {
        state: "failed",
        reason: `Kinsta lists no marker on its backups, and ${open.ambiguous.length} new manual backups of environment ${target.environmentId} appeared since the create (${open.ambiguous.join(", ")}): which one is "${description}" cannot be told. Adopt the right one with \`adoptBackupId\` and delete the other(s)`,
      };
    }
    const doneAt = doneSince.get(operationId) ?? Date.now();
    doneSince.set(operationId, doneAt);
    const giveUpAt = Math.min(doneAt + LIST_LAG_ALLOWANCE_MS, currentDeadline() ?? Number.POSITIVE_INFINITY);
    if (Date.now() + LAST_CHECK_MARGIN_MS < giveUpAt) return { state: "running" };
    if (open) settle(open);
    doneSince.delete(operationId);
    const waited = Math.round((Date.now() - doneAt) / 1000);
    return {
      state: "failed",
      reason: `Kinsta reports operation ${operationId} completed, but no manual backup carrying "${description}" (in its name, note or tag) is listed for environment ${target.environmentId} ${waited} s later, and no single new unmarked one either; the backup cannot be identified`,
    };
  }

  return {
    listBackups,

    async startBackup(target, request) {
      const release = await takeTurn(target.environmentId);
      try {
        const before =
          markerShows === true
            ? new Set<string>()
            : new Set((await listBackups(target)).filter((b) => b.manual).map((b) => b.id));
        const requestedAt = new Date().toISOString();
        const open: OpenCreate = {
          environmentId: target.environmentId,
          description: request.description,
          requestedAt,
          before,
          release,
        };
        // Registered before the request: an unanswered one may still have made the backup.
        if (markerShows !== true) openCreates.set(request.description, open);
        try {
          const { data } = await callRoute(http, routes.createManualBackup, {
            params: { env_id: target.environmentId },
            body: { tag: request.description },
          });
          open.operationId = data.operation_id;
          if (markerShows === true) release();
          return { operationId: data.operation_id, requestedAt };
        } catch (error) {
          if (!isErrorOf(error, AmbiguousRequestError)) settle(open);
          throw error;
        }
      } catch (error) {
        if (!isErrorOf(error, AmbiguousRequestError)) release();
        throw error;
      }
    },

    async checkBackup(target, pending: PendingBackup, description): Promise<BackupProgress> {
      if (!pending.operationId && !pending.backupId) {
        // Accepted without an operation id (optional in 1.87.0): the list is all there is.
        // Kinsta lists a manual backup only once it is done, so absence means "running" until
        // the age past which an operation would have been forgotten too.
        const backup = await identified(target, pending, description);
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
      if (operation.state === "failed") {
        const open = openCreates.get(description);
        if (open) settle(open);
        return { state: "failed", reason: operation.reason };
      }
      if (operation.state === "running") return { state: "running" };
      if (operation.state === "unknown" && ageOf(pending.requestedAt) < OPERATION_UNKNOWN_AFTER_MS)
        return { state: "running" };

      const backup = await identified(target, pending, description);
      if (backup) {
        doneSince.delete(pending.operationId);
        return { state: "completed", backup };
      }
      if (operation.state === "unknown") {
        const open = openCreates.get(description);
        if (open) settle(open);
        return {
          state: "failed",
          reason: `Kinsta no longer knows operation ${pending.operationId} and no backup tagged "${description}" appeared`,
        };
      }
      return notListedYet(pending.operationId, description, target);
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
        if (isErrorOf(error, VendorApiError) && error.status === 400) {
          // The 400's wording is undocumented (the spec's example is "Bad request format"): a
          // backup the environment no longer lists is gone whatever the message says.
          if (GONE_MESSAGE.test(error.vendorMessage ?? "")) return;
          if (!(await listBackups(target)).some((b) => b.id === backupId)) return;
        }
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
