/**
 * The refresh → plan handoff (provider/resources/policy/handoff.ts): a plan takes the list a
 * refresh of the same target made, once, while it is fresh, and never a secret with it.
 */
import { statSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import type { VendorBackup } from "../../provider/vendors/vendor";
import { HANDOFF_MAX_AGE_MS, handOver, takeOver } from "../../provider/resources/policy/handoff";

const scope = (name: string) => `northflank|http://127.0.0.1:1/v1||northflank/p/${name}-${process.pid}-${Date.now()}`;
const backups: VendorBackup[] = [
  {
    id: "pre-migration",
    state: "completed",
    vendorStatus: "completed",
    description: "pre migration hb:0123abcd",
    manual: true,
    createdAt: "2026-12-01T10:00:00.000Z",
    downloadUrl: "https://example.invalid/pre-migration.tar.gz?token=secret-token",
  },
];

it("hands the list over once, without download links", () => {
  const key = scope("once");
  handOver(key, backups);
  const taken = takeOver(key);
  const { downloadUrl: _secret, ...listed } = backups[0];
  expect(taken).toEqual([listed]);
  expect(JSON.stringify(taken)).not.toContain("secret-token");
  expect(takeOver(key)).toBeUndefined();
});

it("refuses a list older than the limit, and another target's", () => {
  const key = scope("old");
  handOver(key, backups);
  expect(takeOver(key, Date.now() + HANDOFF_MAX_AGE_MS + 1)).toBeUndefined();
  // Removed even when refused: a stale list never answers a later plan.
  expect(takeOver(key)).toBeUndefined();
  handOver(key, backups);
  expect(takeOver(scope("other"))).toBeUndefined();
  expect(takeOver(key)).toHaveLength(1);
});

it("keeps the lists in a directory only the user can read", () => {
  handOver(scope("mode"), backups);
  const mode = statSync(path.join(tmpdir(), `pulumi-hosting-backups-${userInfo().uid}`)).mode & 0o777;
  expect(mode).toBe(0o700);
});
