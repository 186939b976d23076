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
