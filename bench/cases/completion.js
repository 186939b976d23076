// One Backup whose backup takes 5 s at the vendor: how soon after it completed does the
// provider notice (the last poll's time minus the completion's), and how many polls it took.
const path = require("node:path");
const { routes: northflankRoutes } = require("../../dist/provider/vendors/northflank/contract");
const { adminClient, matching, patternOf } = require("../../test/support/admin.ts");
const { stackFor } = require("../lib");

const DELAY_MS = 5_000;

module.exports = {
  name: "completion",
  title: "completion latency with a 5 s delay",
  async run({ sandbox, seed }) {
    const admin = adminClient(sandbox.url);
    await admin.timing({ backupMs: DELAY_MS });
    const env = { NORTHFLANK_API_URL: sandbox.baseUrls.northflank, NORTHFLANK_API_TOKEN: seed.northflank.token };
    const { stack, cleanup } = await stackFor(path.join(__dirname, "../programs/backups"), env);
    try {
      await stack.setConfig("count", { value: "1" });
      await stack.setConfig("target", {
        value: JSON.stringify({ vendor: "northflank", ...seed.northflank.addons[0] }),
      });
      await admin.clearRequests();
      await stack.up();
      const requests = await admin.requests();
      const prefix = sandbox.baseUrls.northflank.slice(sandbox.url.length);
      const [create] = matching(requests, patternOf(prefix, northflankRoutes.createBackup));
      // Backups in flight poll through the target's shared list (or a get): every read after the create.
      const polls = [northflankRoutes.listBackups, northflankRoutes.getBackup]
        .flatMap((route) => matching(requests, patternOf(prefix, route)))
        .filter((r) => Date.parse(r.at) > Date.parse(create.at))
        .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
      const completedAt = Date.parse(create.at) + DELAY_MS;
      const lastPoll = Date.parse(polls[polls.length - 1].at);
      await stack.destroy();
      return { delayMs: DELAY_MS, polls: polls.length, noticedAfterMs: lastPoll - completedAt };
    } finally {
      await cleanup();
      await admin.timing({ backupMs: 0 });
    }
  },
};
