/** WP Engine fleet accounts: one API user and one account per fleet account, one production install per target. */
import { hexId, type AddFleetAccount } from "../../core/fleet-account";
import type { WpengineState } from "./seed";

export const addWpengineFleetAccount: AddFleetAccount<WpengineState> = (state, n, targets) => {
  const user = `a9e7c0de-f1ee-4000-8000-${hexId(n, 12)}`;
  const password = `wpe-fleet-password-${n}`;
  const accountId = `eeda${hexId(n, 4)}-f1ee-4000-8000-000000000000`;
  if (!state.users.some((u) => u.user === user)) {
    state.users.push({ user, password, accountIds: [accountId] });
    state.accounts.push({ id: accountId, name: `fleet${n}` });
  }
  const installIds = new Set(state.installs.map((i) => i.id));
  const result = [];
  for (let i = 1; i <= targets; i++) {
    const installId = `294d${hexId(n, 4)}-f1ee-4000-8000-${hexId(i, 12)}`;
    if (!installIds.has(installId)) {
      state.installs.push({
        id: installId,
        name: `f${n}s${i}`,
        accountId,
        siteId: `28c7${hexId(n, 4)}-f1ee-4000-8000-${hexId(i, 12)}`,
        environment: "production",
        phpVersion: "8.2",
        wordpressVersion: "6.4.2",
        primaryDomain: `f${n}s${i}.wpengine.com`,
      });
    }
    result.push({ vendor: "wpengine" as const, installId });
  }
  return { name: `wpengine-fleet-${n}`, account: { vendor: "wpengine", user, password }, targets: result };
};
