/** The shape of a seeded fleet account, shared by the fleet seeding and each vendor's part of it. */
import type { VendorName } from "./vendor";

/**
 * One seeded account: `account` is exactly an entry of the provider's
 * `hosting-backups:accounts` config (add `baseUrl`), `targets` are `Backup` targets.
 */
export interface FleetAccount {
  name: string;
  account: { vendor: VendorName } & Record<string, string>;
  targets: ({ vendor: VendorName } & Record<string, string>)[];
}

/** What each vendor's fleet module does: add (or complete) account number `n` with `targets` targets. */
export type AddFleetAccount<S> = (state: S, n: number, targets: number, now: number) => FleetAccount;

/** `n` as the last `width` hex digits of a UUID group. */
export const hexId = (n: number, width: number): string => n.toString(16).padStart(width, "0").slice(-width);
