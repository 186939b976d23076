/** Northflank fleet accounts: one team (API token) and project per account, one PostgreSQL addon per target. */
import type { AddFleetAccount } from "../../core/fleet-account";
import type { NorthflankState } from "./seed";

export const addNorthflankFleetAccount: AddFleetAccount<NorthflankState> = (state, n, targets) => {
  const teamId = `fleet-team-${n}`;
  const token = `nf-fleet-token-${n}`;
  const projectId = `fleet-${n}`;
  if (!state.teams.some((t) => t.id === teamId)) {
    state.teams.push({ id: teamId, token });
    state.projects.push({ id: projectId, teamId, name: projectId, description: `Fleet project ${n}` });
  }
  const addonIds = new Set(state.addons.filter((a) => a.projectId === projectId).map((a) => a.id));
  const result = [];
  for (let i = 1; i <= targets; i++) {
    const addonId = `db-${i}`;
    if (!addonIds.has(addonId)) {
      state.addons.push({ id: addonId, projectId, name: addonId, type: "postgresql", version: "16.2.0" });
    }
    result.push({ vendor: "northflank" as const, projectId, addonId });
  }
  return { name: `northflank-fleet-${n}`, account: { vendor: "northflank", token }, targets: result };
};
