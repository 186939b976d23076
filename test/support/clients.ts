/**
 * Driving a vendor client against the sandbox (contract tests): fast completions, and waits
 * for a backup or restore to finish.
 */
import { waitUntil } from "../../provider/core/poll";
import type { BackupProgress, RestoreProgress, VendorClient } from "../../provider/vendors/vendor";

/** Sandbox completion delays for client tests: long enough to see a backup in progress. */
export const FAST_COMPLETION = { backupMs: 300, restoreMs: 300 };

export async function waitForBackup<T>(
  client: VendorClient<T>,
  target: T,
  pending: Parameters<VendorClient<T>["checkBackup"]>[1],
  description: string,
) {
  return waitUntil<BackupProgress>(
    async () => {
      const progress = await client.checkBackup(target, pending, description);
      return progress.state === "completed" || progress.state === "failed" ? progress : undefined;
    },
    { deadline: Date.now() + 15_000, what: "backup", initialIntervalMs: 100, maxIntervalMs: 300 },
  );
}

export async function waitForRestore<T>(
  client: VendorClient<T>,
  target: T,
  pending: Parameters<VendorClient<T>["checkRestore"]>[1],
) {
  return waitUntil<RestoreProgress>(
    async () => {
      const progress = await client.checkRestore(target, pending);
      return progress.state === "pending" || progress.state === "running" ? undefined : progress;
    },
    { deadline: Date.now() + 15_000, what: "restore", initialIntervalMs: 100, maxIntervalMs: 300 },
  );
}

/** Resolves the rejection of `promise` (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: Error) => error,
  );
}
