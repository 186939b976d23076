/**
 * Fleet seeding: N accounts per vendor with M targets each, so scale tests and benchmarks
 * need no real accounts. Ids and credentials are derived from the account and target
 * numbers, so seeding twice with the same numbers changes nothing and a test can name them.
 * Each fleet account is a separate credential, so it has its own rate-limit budget.
 */
import { z } from "zod";
import type { SandboxState } from "./state";
import type { FleetAccount } from "./fleet-account";
import { VENDOR_NAMES } from "./vendor";
import { addKinstaFleetAccount } from "../vendors/kinsta/fleet";
import { addNorthflankFleetAccount } from "../vendors/northflank/fleet";
import { addVpsorgFleetAccount } from "../vendors/vpsorg/fleet";
import { addWpengineFleetAccount } from "../vendors/wpengine/fleet";

/** Upper bounds keep one call from building a state the sandbox cannot serve quickly. */
export const FLEET_MAX_ACCOUNTS = 20;
export const FLEET_MAX_TARGETS = 1000;

export const fleetSpecSchema = z
  .object({
    /** Accounts per vendor. */
    accounts: z.number().int().min(1).max(FLEET_MAX_ACCOUNTS),
    /** Sites (Kinsta environments, WP Engine installs), servers or addons per account. */
    targetsPerAccount: z.number().int().min(1).max(FLEET_MAX_TARGETS),
    /** Default: all four. */
    vendors: z.array(z.enum(VENDOR_NAMES)).min(1).optional(),
  })
  .strict();
export type FleetSpec = z.infer<typeof fleetSpecSchema>;
export type { FleetAccount } from "./fleet-account";

/** Parses `--fleet 2x100` (accounts per vendor × targets per account). */
export function parseFleetFlag(flag: string): FleetSpec {
  const match = /^(\d+)x(\d+)$/.exec(flag);
  const parsed =
    match && fleetSpecSchema.safeParse({ accounts: Number(match[1]), targetsPerAccount: Number(match[2]) });
  if (!parsed?.success) {
    throw new Error(
      `--fleet must be <accounts>x<targets>, e.g. 2x100 (1–${FLEET_MAX_ACCOUNTS} accounts per vendor, 1–${FLEET_MAX_TARGETS} targets each), got "${flag}"`,
    );
  }
  return parsed.data;
}

/** Adds the fleet to `state` (idempotent) and returns every fleet account it now holds. */
export function seedFleet(state: SandboxState, spec: FleetSpec, now: number): FleetAccount[] {
  const vendors = spec.vendors ?? VENDOR_NAMES;
  const added: FleetAccount[] = [];
  for (let n = 1; n <= spec.accounts; n++) {
    for (const vendor of vendors) {
      switch (vendor) {
        case "kinsta":
          added.push(addKinstaFleetAccount(state.kinsta, n, spec.targetsPerAccount, now));
          break;
        case "wpengine":
          added.push(addWpengineFleetAccount(state.wpengine, n, spec.targetsPerAccount, now));
          break;
        case "vpsorg":
          added.push(addVpsorgFleetAccount(state.vpsorg, n, spec.targetsPerAccount, now));
          break;
        case "northflank":
          added.push(addNorthflankFleetAccount(state.northflank, n, spec.targetsPerAccount, now));
          break;
      }
    }
  }
  // The listing keeps one entry per account, with its largest target list.
  const fleet = new Map((state.fleet ?? []).map((a) => [a.name, a]));
  for (const account of added) {
    const known = fleet.get(account.name);
    if (!known || known.targets.length < account.targets.length) fleet.set(account.name, account);
  }
  state.fleet = [...fleet.values()];
  return state.fleet;
}
