/**
 * WP Engine client. Create answers 202 with the backup (status `requested`), which is then
 * polled; restores are fire-and-forget (WP Engine only emails), and there is no delete.
 */
import { isErrorOf, NotFoundError, UnsupportedFeatureError } from "../../core/errors";
import { createHttpClient } from "../../core/http";
import type { BackupState, PendingRestore, VendorAccount, VendorBackup, VendorClient } from "../vendor";
import { MAX_PAGES } from "../shared/pagination";
import { parseOptions } from "../shared/parse-options";
import { callRoute } from "../shared/routes";
import { errorSchema, PAGE_SIZE, routes, type WpengineBackupPayload } from "./contract";
import { backupOptionsSchema, restoreOptionsSchema, type WpengineTarget } from "./schemas";

export const DISPLAY_NAME = "WP Engine";

const STATES: Record<WpengineBackupPayload["status"], BackupState> = {
  requested: "pending",
  in_progress: "running",
  initiated: "running",
  completed: "completed",
  aborted: "failed",
};

/** `message`, then each `errors[]` entry (field and message), e.g. WP Engine's 400 details. */
export function errorMessage(body: unknown): string | undefined {
  const parsed = errorSchema.partial().safeParse(body);
  if (!parsed.success) return undefined;
  const details = (parsed.data.errors ?? [])
    .map((e) => [e.field, e.message].filter(Boolean).join(": "))
    .filter((text) => text !== "");
  const parts = [parsed.data.message, ...details].filter((text): text is string => Boolean(text));
  return parts.length > 0 ? parts.join("; ") : undefined;
}

/**
 * The API tells no manual backup from an automatic one (and whether nightly checkpoints
 * are listed at all is unknown): we report every backup as manual.
 */
export function toVendorBackup(backup: WpengineBackupPayload): VendorBackup {
  const state = STATES[backup.status];
  return {
    id: backup.id,
    state,
    vendorStatus: backup.status,
    description: backup.description ?? undefined,
    manual: true,
    createdAt: backup.create_time ?? undefined,
    completedAt: backup.complete_time ?? undefined,
    wordpressVersion: backup.wordpress_version ?? undefined,
    failureReason: state === "failed" ? "WP Engine aborted the backup" : undefined,
  };
}

export function createWpengineClient(account: VendorAccount<"user" | "password">): VendorClient<WpengineTarget> {
  const http = createHttpClient({
    vendor: DISPLAY_NAME,
    baseUrl: account.baseUrl,
    auth: { type: "basic", user: account.credentials.user, password: account.credentials.password },
    timeoutMs: account.requestTimeoutMs,
    rateLimit: account.rateLimit,
    errorMessage,
  });

  async function getBackup(target: WpengineTarget, backupId: string): Promise<VendorBackup | undefined> {
    try {
      const { data } = await callRoute(http, routes.getBackup, {
        params: { install_id: target.installId, backup_id: backupId },
      });
      return toVendorBackup(data);
    } catch (error) {
      if (isErrorOf(error, NotFoundError)) return undefined;
      throw error;
    }
  }

  return {
    getBackup,

    async listBackups(target) {
      const backups: VendorBackup[] = [];
      for (let page = 0, offset = 0; page < MAX_PAGES; page++) {
        const { data } = await callRoute(http, routes.listBackups, {
          params: { install_id: target.installId },
          query: { limit: PAGE_SIZE, offset },
        });
        const results = data.results ?? [];
        backups.push(...results.map(toVendorBackup));
        if (!data.next || results.length === 0) break;
        offset += results.length;
      }
      return backups;
    },

    async startBackup(target, request) {
      const options = parseOptions(backupOptionsSchema, request.options, "backup options");
      const requestedAt = new Date().toISOString();
      const { data } = await callRoute(http, routes.createBackup, {
        params: { install_id: target.installId },
        body: { description: request.description, notification_emails: options.notificationEmails },
      });
      return { backupId: data.id, requestedAt };
    },

    async checkBackup(target, pending) {
      if (!pending.backupId) return { state: "failed", reason: "no WP Engine backup id was recorded" };
      const backup = await getBackup(target, pending.backupId);
      if (!backup) return { state: "failed", reason: `WP Engine no longer knows backup ${pending.backupId}` };
      if (backup.state === "completed") return { state: "completed", backup };
      if (backup.state === "failed") return { state: "failed", reason: backup.failureReason ?? "aborted", backup };
      return { state: backup.state, backup };
    },

    async deleteBackup() {
      throw new UnsupportedFeatureError(
        DISPLAY_NAME,
        "deleting backups",
        'its API has no delete-backup endpoint; use deletionPolicy "retain"',
      );
    },

    async startRestore(target, request): Promise<PendingRestore> {
      const options = parseOptions(restoreOptionsSchema, request.options, "restore options");
      const startedAt = new Date().toISOString();
      await callRoute(http, routes.restoreBackup, {
        params: { install_id: target.installId, backup_id: request.backupId },
        body: {
          notification_emails: options.notificationEmails,
          restore_database: options.restoreDatabase,
          create_checkpoint: options.createCheckpoint,
        },
      });
      return { backupId: request.backupId, startedAt };
    },

    async checkRestore() {
      // WP Engine has no restore-status resource: it emails when the restore is done.
      return { state: "accepted" };
    },
  };
}
