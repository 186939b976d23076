/** The whole sandbox state: one section per vendor, each plain JSON. */
import type { FleetAccount } from "./fleet-account";
import { seedKinsta, type KinstaState } from "../vendors/kinsta/seed";
import { seedNorthflank, type NorthflankState } from "../vendors/northflank/seed";
import { seedVpsorg, type VpsorgState } from "../vendors/vpsorg/seed";
import { seedWpengine, type WpengineState } from "../vendors/wpengine/seed";

export interface SandboxState {
  kinsta: KinstaState;
  wpengine: WpengineState;
  vpsorg: VpsorgState;
  northflank: NorthflankState;
  /** Accounts added by fleet seeding (`POST /_admin/fleet`, `--fleet`); absent before any. */
  fleet?: FleetAccount[];
}

export function seedState(now: number): SandboxState {
  return {
    kinsta: seedKinsta(now),
    wpengine: seedWpengine(now),
    vpsorg: seedVpsorg(now),
    northflank: seedNorthflank(now),
  };
}
