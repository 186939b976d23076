/** Account resolution: Northflank's teamId (named accounts, stack config, environment) and its rules. */
import { resolveAccount, setStackConfig } from "../../provider/config/accounts";
import { ConfigurationError } from "../../provider/core/errors";
import { kinsta } from "../../provider/vendors/kinsta";
import { northflank } from "../../provider/vendors/northflank";

function useConfig(values: Record<string, string>) {
  setStackConfig({ get: (key) => values[key] });
}

function configError(work: () => unknown): ConfigurationError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error("expected a ConfigurationError");
}

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  useConfig({});
});

describe("Northflank teamId", () => {
  it("a named account may name its team", () => {
    useConfig({
      "hosting-backups:accounts": JSON.stringify({
        org: { vendor: "northflank", token: "nf-org-1", teamId: "my-team" },
      }),
    });
    expect(resolveAccount(northflank, "org")).toMatchObject({ teamId: "my-team", credentials: { token: "nf-org-1" } });
  });

  it("the default account takes northflankTeamId from config, else NORTHFLANK_TEAM_ID", () => {
    process.env.NORTHFLANK_API_TOKEN = "nf-env-token";
    process.env.NORTHFLANK_TEAM_ID = "env-team";
    expect(resolveAccount(northflank).teamId).toBe("env-team");
    useConfig({ "hosting-backups:northflankTeamId": "config-team" });
    expect(resolveAccount(northflank).teamId).toBe("config-team");
    delete process.env.NORTHFLANK_TEAM_ID;
    useConfig({});
    expect(resolveAccount(northflank).teamId).toBeUndefined();
  });

  it("refuses a teamId that is not a Northflank id, naming where it came from and the rule", () => {
    useConfig({
      "hosting-backups:accounts": JSON.stringify({ org: { vendor: "northflank", token: "t", teamId: "my team!" } }),
    });
    expect(configError(() => resolveAccount(northflank, "org")).message).toBe(
      "config hosting-backups:accounts.org.teamId: must be a Northflank team id: letters, digits and single hyphens, e.g. my-team",
    );
    process.env.NORTHFLANK_API_TOKEN = "nf-env-token";
    process.env.NORTHFLANK_TEAM_ID = "-bad";
    useConfig({});
    expect(configError(() => resolveAccount(northflank)).message).toMatch(
      /^environment NORTHFLANK_TEAM_ID: must be a Northflank team id/,
    );
  });

  it("refuses teamId on another vendor's account", () => {
    useConfig({
      "hosting-backups:accounts": JSON.stringify({ k: { vendor: "kinsta", apiKey: "k", teamId: "my-team" } }),
    });
    expect(configError(() => resolveAccount(kinsta, "k")).message).toBe(
      "config hosting-backups:accounts.k.teamId: applies only to Northflank accounts",
    );
  });
});

describe("request limits per account", () => {
  it("default to the vendor's documented limit", () => {
    process.env.NORTHFLANK_API_TOKEN = "nf-env-token";
    process.env.KINSTA_API_KEY = "kinsta-env-key";
    expect(resolveAccount(northflank).rateLimit).toEqual({ requests: 1000, windowMs: 3_600_000 });
    expect(resolveAccount(kinsta).rateLimit).toEqual({ requests: 120, windowMs: 60_000 });
  });

  it("take hosting-backups:rateLimits per vendor, and a named account's own rateLimit over it", () => {
    process.env.NORTHFLANK_API_TOKEN = "nf-env-token";
    useConfig({
      "hosting-backups:rateLimits": JSON.stringify({ northflank: { requests: 500, perSeconds: 3600 } }),
      "hosting-backups:accounts": JSON.stringify({
        own: { vendor: "northflank", token: "nf-own", rateLimit: { requests: 50, perSeconds: 60 } },
        shared: { vendor: "northflank", token: "nf-shared" },
      }),
    });
    expect(resolveAccount(northflank).rateLimit).toEqual({ requests: 500, windowMs: 3_600_000 });
    expect(resolveAccount(northflank, "shared").rateLimit).toEqual({ requests: 500, windowMs: 3_600_000 });
    expect(resolveAccount(northflank, "own").rateLimit).toEqual({ requests: 50, windowMs: 60_000 });
  });

  it("refuse a limit that is not a whole number of requests per positive seconds, naming the field", () => {
    useConfig({
      "hosting-backups:accounts": JSON.stringify({
        a: { vendor: "northflank", token: "nf-a", rateLimit: { requests: 0, perSeconds: 60 } },
      }),
    });
    expect(configError(() => resolveAccount(northflank, "a")).message).toBe(
      "config hosting-backups:accounts.a.rateLimit.requests: must be at least 1",
    );
    process.env.NORTHFLANK_API_TOKEN = "nf-env-token";
    useConfig({ "hosting-backups:rateLimits": JSON.stringify({ northflank: { requests: 10, perSeconds: -1 } }) });
    expect(configError(() => resolveAccount(northflank)).message).toBe(
      "config hosting-backups:rateLimits.northflank.perSeconds: must be more than 0",
    );
  });
});
