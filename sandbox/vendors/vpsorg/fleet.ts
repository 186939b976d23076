/** VPS.org fleet accounts: one API token per account, one server per target (integer ids from 1 000 000). */
import type { AddFleetAccount } from "../../core/fleet-account";
import type { VpsorgState } from "./seed";

export const addVpsorgFleetAccount: AddFleetAccount<VpsorgState> = (state, n, targets, now) => {
  const accountId = `vps-fleet-${n}`;
  const token = `vps_fleet_token_${n}`;
  if (!state.accounts.some((a) => a.id === accountId)) state.accounts.push({ id: accountId, token });
  const serverIds = new Set(state.servers.map((s) => s.id));
  const result = [];
  for (let i = 1; i <= targets; i++) {
    const id = 1_000_000 + n * 10_000 + i;
    if (!serverIds.has(id)) {
      state.servers.push({
        id,
        name: `fleet${n}-server${i}`,
        accountId,
        hostname: `fleet${n}-server${i}.vps.org`,
        ipAddress: `10.${n}.${Math.floor(i / 256)}.${i % 256}`,
        retentionDays: 7,
      });
      // Automatic daily backups start from the next run, so a fleet's lists stay short.
      state.autoBackupsUntil[String(id)] = now;
    }
    result.push({ vendor: "vpsorg" as const, serverId: String(id) });
  }
  return { name: `vpsorg-fleet-${n}`, account: { vendor: "vpsorg", token }, targets: result };
};
