// N Backups on one Northflank addon through the TypeScript package (dynamic resources):
// up, preview and refresh next to the floor, vendor requests, state bytes per Backup.
const path = require("node:path");
const { adminClient } = require("../../test/support/admin.ts");
const { medianMs, medianUpMs, stackFor, stateBytesPer } = require("../lib");

/**
 * Measures one stack of N Backups already configured: `up` (median, request count of the
 * first), `preview`, `refresh` (requests of one, then the median), state bytes per Backup.
 */
async function measureStack(sandbox, stack, n, backupType) {
  const admin = adminClient(sandbox.url);
  await admin.clearRequests();
  let upRequests = 0;
  const up = await medianUpMs(stack, async () => {
    upRequests = (await admin.requests()).length;
  });
  const preview = await medianMs(() => stack.preview());
  await admin.clearRequests();
  await stack.refresh();
  const refreshRequests = (await admin.requests()).length;
  const refresh = await medianMs(() => stack.refresh());
  const stateBytes = await stateBytesPer(stack, backupType);
  await stack.destroy();
  return { n, up, preview, refresh, upRequestsPerBackup: upRequests / n, refreshRequests, stateBytes };
}

module.exports = {
  name: "dynamic",
  title: "N Backups, TypeScript package (dynamic resources)",
  measureStack,
  async run({ sandbox, seed, sizes, floor, log }) {
    const rows = [];
    for (const n of sizes) {
      log(`dynamic N=${n}: floor…`);
      await floor(n);
      log(`dynamic N=${n}: backups…`);
      const env = {
        NORTHFLANK_API_URL: sandbox.baseUrls.northflank,
        NORTHFLANK_API_TOKEN: seed.northflank.token,
      };
      const { stack, cleanup } = await stackFor(path.join(__dirname, "../programs/backups"), env);
      try {
        await stack.setConfig("count", { value: String(n) });
        const target = { vendor: "northflank", ...seed.northflank.addons[0] };
        await stack.setConfig("target", { value: JSON.stringify(target) });
        rows.push(await measureStack(sandbox, stack, n, "hostingbackups:Backup"));
      } finally {
        await cleanup();
      }
    }
    return { rows };
  },
};
