/** Kinsta fleet accounts: one company (API key) per account, one site with a live environment per target. */
import { hexId, type AddFleetAccount } from "../../core/fleet-account";
import type { KinstaState } from "./seed";

export const addKinstaFleetAccount: AddFleetAccount<KinstaState> = (state, n, targets, now) => {
  const companyId = `c0c0c0c0-f1ee-4000-8000-${hexId(n, 12)}`;
  const apiKey = `kinsta-fleet-key-${n}`;
  if (!state.companies.some((c) => c.id === companyId)) {
    state.companies.push({
      id: companyId,
      name: `Fleet company ${n}`,
      apiKey,
      users: [
        { id: `a5e40000-f1ee-4000-8000-${hexId(n, 12)}`, email: `owner@fleet-${n}.example`, full_name: `Fleet ${n}` },
      ],
    });
  }
  const environmentIds = new Set(state.environments.map((e) => e.id));
  const result = [];
  for (let i = 1; i <= targets; i++) {
    const siteId = `5e5e${hexId(n, 4)}-f1ee-4000-8000-${hexId(i, 12)}`;
    const environmentId = `e0e0${hexId(n, 4)}-f1ee-4000-8000-${hexId(i, 12)}`;
    if (!environmentIds.has(environmentId)) {
      const name = `fleet${n}-site${i}`;
      state.sites.push({ id: siteId, companyId, name, display_name: name, status: "live" });
      state.environments.push({
        id: environmentId,
        siteId,
        name: "live",
        display_name: "Live",
        is_premium: false,
        domain: `${name}.example.com`,
        wordpressVersion: "6.4.2",
        phpVersion: "php8.2",
      });
      // Daily automatic backups start from the next run, so a fleet's lists stay short.
      state.autoBackupsUntil[environmentId] = now;
    }
    result.push({ vendor: "kinsta" as const, environmentId });
  }
  return { name: `kinsta-fleet-${n}`, account: { vendor: "kinsta", apiKey }, targets: result };
};
