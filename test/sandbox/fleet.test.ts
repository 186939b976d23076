/**
 * Fleet seeding: `POST /_admin/fleet` and `startSandbox({ fleet })` / `--fleet AxT` add accounts
 * per vendor whose credentials and targets work with the provider's own clients, each account
 * inside its own walls and under its own (still enforced) rate limit.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseFleetFlag, type FleetAccount } from "../../sandbox/core/fleet";
import { closeHttpPools } from "../../provider/core/http";
import { vendors } from "../../provider/vendors/registry";
import type { VendorModule } from "../../provider/vendors/vendor";
import { startTestSandbox, VENDORS, type TestSandbox } from "../support/sandbox";

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox({ specCheck: "answers" });
});
afterAll(async () => {
  await sb.close();
  await closeHttpPools();
});
beforeEach(async () => {
  await sb.reset();
});

const seedFleet = async (spec: unknown) => {
  const answer = await sb.adminCall("POST", "/fleet", spec);
  expect(answer.status).toBe(201);
  return (answer.body as { accounts: FleetAccount[] }).accounts;
};

/** The provider's client for a fleet account, exactly as `hosting-backups:accounts` would configure it. */
function clientOf(account: FleetAccount) {
  const { vendor, ...credentials } = account.account;
  const module = vendors[vendor] as unknown as VendorModule;
  return module.createClient({ baseUrl: sb.baseUrls[vendor], credentials });
}

const fields = (target: FleetAccount["targets"][number]) => {
  const { vendor: _vendor, ...rest } = target;
  return rest;
};

describe("POST /_admin/fleet", () => {
  test("adds N accounts per vendor with M targets each; a backup round-trips through the provider's clients", async () => {
    const accounts = await seedFleet({ accounts: 2, targetsPerAccount: 40 });
    expect(accounts.map((a) => a.name).sort()).toEqual(VENDORS.flatMap((v) => [`${v}-fleet-1`, `${v}-fleet-2`]).sort());
    for (const account of accounts) {
      expect(account.targets).toHaveLength(40);
      expect(new Set(account.targets.map((t) => JSON.stringify(t))).size).toBe(40);
    }
    // Every vendor's last target of the second account takes a backup with that account's credential.
    for (const vendor of VENDORS) {
      const account = accounts.find((a) => a.name === `${vendor}-fleet-2`)!;
      const client = clientOf(account);
      const target = fields(account.targets[39]);
      const pending = await client.startBackup(target, {
        description: "fleet check hb:0f0f0f0f",
        options: vendor === "wpengine" ? { notificationEmails: ["ops@example.com"] } : {},
      });
      const progress = await client.checkBackup(target, pending, "fleet check hb:0f0f0f0f");
      expect(progress.state).toBe("completed");
      const listed = await client.listBackups(target);
      expect(listed.some((b) => b.description?.includes("hb:0f0f0f0f"))).toBe(true);
    }
  });

  test("accounts are walled off from each other, like the seeded ones", async () => {
    const accounts = await seedFleet({ accounts: 2, targetsPerAccount: 1 });
    for (const vendor of VENDORS) {
      const first = accounts.find((a) => a.name === `${vendor}-fleet-1`)!;
      const second = accounts.find((a) => a.name === `${vendor}-fleet-2`)!;
      // Another account's backups, once there is one to see.
      const pending = await clientOf(second).startBackup(fields(second.targets[0]), {
        description: "walled off hb:0e0e0e0e",
        options: vendor === "wpengine" ? { notificationEmails: ["ops@example.com"] } : {},
      });
      expect(pending).toBeDefined();
      const answer = await clientOf(first)
        .listBackups(fields(second.targets[0]))
        .then(
          (list) => ({ list }),
          (e: { status?: number }) => ({ status: e.status }),
        );
      if (vendor === "vpsorg") {
        // VPS.org's list documents only 200 and 401: a foreign server_id filter matches nothing.
        expect(answer).toEqual({ list: [] });
      } else {
        expect([403, 404]).toContain("status" in answer ? answer.status : "listed");
      }
    }
  });

  test("is idempotent, grows an account's targets, and lists the fleet at GET /_admin/fleet", async () => {
    await seedFleet({ accounts: 1, targetsPerAccount: 3, vendors: ["vpsorg"] });
    const again = await seedFleet({ accounts: 1, targetsPerAccount: 5, vendors: ["vpsorg"] });
    expect(again).toHaveLength(1);
    expect(again[0].targets.map((t) => t.serverId)).toEqual(["1010001", "1010002", "1010003", "1010004", "1010005"]);
    const state = (await sb.state()) as { vpsorg: { servers: { id: number }[] } };
    expect(state.vpsorg.servers.filter((s) => s.id > 1_000_000)).toHaveLength(5);
    expect((await sb.adminCall("GET", "/fleet")).body).toEqual({ accounts: again });
    await sb.reset();
    expect((await sb.adminCall("GET", "/fleet")).body).toEqual({ accounts: [] });
  });

  test("a bad spec is refused with the field and the rule", async () => {
    const answer = await sb.adminCall("POST", "/fleet", { accounts: 0, targetsPerAccount: 5000, vendors: ["heroku"] });
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(/accounts/);
    expect(answer.text).toMatch(/targetsPerAccount/);
    expect(answer.text).toMatch(/vendors/);
  });

  test("rate limits stay on: each fleet account has its own Kinsta budget of 120 a minute", async () => {
    const accounts = await seedFleet({ accounts: 2, targetsPerAccount: 1, vendors: ["kinsta"] });
    const [first, second] = accounts;
    const path = `/sites/environments/${first.targets[0].environmentId}/backups`;
    const statuses: number[] = [];
    for (let i = 0; i < 121; i++) {
      statuses.push((await sb.call("kinsta", "GET", path, { auth: `Bearer ${first.account.apiKey}` })).status);
    }
    expect(statuses.slice(0, 120).every((s) => s === 200)).toBe(true);
    expect(statuses[120]).toBe(429);
    const other = await sb.call("kinsta", "GET", `/sites/environments/${second.targets[0].environmentId}/backups`, {
      auth: `Bearer ${second.account.apiKey}`,
    });
    expect(other.status).toBe(200);
  });
});

describe("fleet at start", () => {
  test("startSandbox({ fleet }) seeds it, keeps it across reset and in the state file", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "fleet-"));
    const stateFile = path.join(dir, "state.json");
    const fleet = parseFleetFlag("2x3");
    let started = await startTestSandbox({ specCheck: "answers", fleet, stateFile });
    try {
      const listed = (await started.adminCall("GET", "/fleet")).body as { accounts: FleetAccount[] };
      expect(listed.accounts).toHaveLength(8);
      await started.adminCall("POST", "/reset");
      expect(((await started.adminCall("GET", "/fleet")).body as { accounts: unknown[] }).accounts).toHaveLength(8);
      await started.close();
      // A restart from the state file without the flag still has the fleet.
      started = await startTestSandbox({ specCheck: "answers", stateFile });
      expect(((await started.adminCall("GET", "/fleet")).body as { accounts: unknown[] }).accounts).toHaveLength(8);
      const auth = `Bearer ${listed.accounts.find((a) => a.name === "northflank-fleet-2")!.account.token}`;
      const answer = await started.call("northflank", "GET", "/projects/fleet-2/addons/db-3/backups", { auth });
      expect(answer.status).toBe(200);
    } finally {
      await started.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("--fleet must be <accounts>x<targets> within bounds", () => {
    expect(parseFleetFlag("3x250")).toEqual({ accounts: 3, targetsPerAccount: 250 });
    for (const bad of ["3", "0x5", "2x0", "21x1", "2x1001", "ax2"]) {
      expect(() => parseFleetFlag(bad)).toThrow(/--fleet must be <accounts>x<targets>/);
    }
  });
});
