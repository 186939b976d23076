/**
 * Where credentials and base URLs come from. Nothing here ever reaches the Pulumi state:
 * resources carry only an account *name*; the secret values arrive at run time through
 * the dynamic provider's `configure` (decrypted stack config) or the environment.
 *
 * Stack config (namespace `hosting-backups`), all optional:
 *   kinstaApiKey, kinstaApiUrl, wpengineApiUser, wpengineApiPassword, wpengineApiUrl,
 *   vpsorgApiToken, vpsorgApiUrl, northflankApiToken, northflankApiUrl, northflankTeamId,
 *   accounts: { "<name>": { vendor, apiKey | user+password | token, baseUrl?, teamId?, rateLimit? } }
 *   rateLimits: { "<vendor>": { requests, perSeconds } } (every account of the vendor without its own)
 *   requestTimeoutSeconds
 * Environment: KINSTA_API_KEY, WPENGINE_API_USER, WPENGINE_API_PASSWORD, VPSORG_API_TOKEN,
 *   NORTHFLANK_API_TOKEN, NORTHFLANK_TEAM_ID and the *_API_URL overrides.
 */
import { z } from "zod";
import { ConfigurationError, registerSecret } from "../core/errors";
import { VENDOR_RATE_LIMITS, type RateLimitRule } from "../core/request-budget";
import type { VendorAccount, VendorModule, VendorName } from "../core/vendor";

export const CONFIG_NAMESPACE = "hosting-backups";

/** The part of Pulumi's dynamic `Config` we use. */
export interface ConfigSource {
  get(key: string): string | undefined;
}

let stackConfig: ConfigSource | undefined;

/** Called from every dynamic provider's `configure`. */
export function setStackConfig(config: ConfigSource): void {
  stackConfig = config;
}

function fromConfig(key: string): string | undefined {
  const value = stackConfig?.get(`${CONFIG_NAMESPACE}:${key}`);
  return value === undefined || value === "" ? undefined : value;
}

/** Northflank team ids are slugs, like its other ids. */
const TEAM_ID = /^[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*$/;
const TEAM_ID_RULE = "must be a Northflank team id: letters, digits and single hyphens, e.g. my-team";
/** Vendors whose tokens can be scoped to a team (`/v1/teams/{teamId}/…` routes). */
const TEAM_SCOPED_VENDORS: readonly VendorName[] = ["northflank"];

/** An account's request limit: `requests` per `perSeconds`, e.g. Northflank's `{ requests: 1000, perSeconds: 3600 }`. */
const rateLimitSchema = z
  .object({
    requests: z.number().int("must be a whole number").min(1, "must be at least 1"),
    perSeconds: z.number().positive("must be more than 0"),
  })
  .strict();

const namedAccountSchema = z
  .object({
    vendor: z.enum(["kinsta", "wpengine", "vpsorg", "northflank"]),
    baseUrl: z.string().optional(),
    apiKey: z.string().optional(),
    user: z.string().optional(),
    password: z.string().optional(),
    token: z.string().optional(),
    teamId: z.string().regex(TEAM_ID, TEAM_ID_RULE).optional(),
    rateLimit: rateLimitSchema.optional(),
  })
  .strict()
  .superRefine((account, ctx) => {
    if (account.teamId !== undefined && !TEAM_SCOPED_VENDORS.includes(account.vendor))
      ctx.addIssue({ code: "custom", path: ["teamId"], message: "applies only to Northflank accounts" });
  });

/** Config key prefix per vendor for the default account, e.g. `kinstaApiKey`. */
const configKey = (vendor: VendorName, field: string) =>
  `${vendor}Api${field === "apiKey" ? "Key" : field.charAt(0).toUpperCase() + field.slice(1)}`;

/**
 * Plain `http://` is allowed only for loopback (the local sandbox): a credential must never
 * travel unencrypted over a network.
 */
export function checkBaseUrl(url: string, where: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigurationError(`${where}: "${url}" is not a valid URL`);
  }
  const loopback =
    ["127.0.0.1", "localhost", "[::1]", "::1"].includes(parsed.hostname) || parsed.hostname.startsWith("127.");
  if (parsed.protocol === "https:" || (parsed.protocol === "http:" && loopback)) return url.replace(/\/+$/, "");
  throw new ConfigurationError(
    `${where}: must use https:// (plain http:// is allowed only for loopback addresses), got ${parsed.protocol}//${parsed.host}`,
  );
}

function parseNamedAccounts(): Record<string, z.infer<typeof namedAccountSchema>> {
  const raw = fromConfig("accounts");
  if (!raw) return {};
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ConfigurationError(`config ${CONFIG_NAMESPACE}:accounts must be a JSON object of named accounts`);
  }
  const parsed = z.record(z.string(), namedAccountSchema).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigurationError(`config ${CONFIG_NAMESPACE}:accounts.${issue.path.join(".")}: ${issue.message}`);
  }
  return parsed.data;
}

/** `hosting-backups:rateLimits`: per-vendor limits for accounts that set none. */
function parseVendorRateLimits(): Partial<Record<VendorName, z.infer<typeof rateLimitSchema>>> {
  const raw = fromConfig("rateLimits");
  if (!raw) return {};
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ConfigurationError(`config ${CONFIG_NAMESPACE}:rateLimits must be a JSON object of limits per vendor`);
  }
  const parsed = z
    .partialRecord(z.enum(["kinsta", "wpengine", "vpsorg", "northflank"]), rateLimitSchema)
    .safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigurationError(`config ${CONFIG_NAMESPACE}:rateLimits.${issue.path.join(".")}: ${issue.message}`);
  }
  return parsed.data;
}

/** The account's own limit, else the configured one for its vendor, else the vendor's documented one. */
function rateLimitOf(vendor: VendorName, own: z.infer<typeof rateLimitSchema> | undefined): RateLimitRule {
  const configured = own ?? parseVendorRateLimits()[vendor];
  return configured
    ? { requests: configured.requests, windowMs: configured.perSeconds * 1000 }
    : VENDOR_RATE_LIMITS[vendor];
}

/** Resolves the account a resource uses: a named account from config, or the vendor's default. */
export function resolveAccount(vendor: VendorModule, accountName?: string): VendorAccount {
  const timeout = Number(
    fromConfig("requestTimeoutSeconds") ?? process.env.HOSTING_BACKUPS_REQUEST_TIMEOUT_SECONDS ?? 30,
  );
  const credentialFields = Object.keys(vendor.credentialEnv);
  let credentials: Record<string, string> = {};
  let baseUrl: string;
  let source: string;
  let teamId: string | undefined;
  let ownRateLimit: z.infer<typeof rateLimitSchema> | undefined;

  if (accountName) {
    const account = parseNamedAccounts()[accountName];
    if (!account) {
      throw new ConfigurationError(`account "${accountName}" is not defined in config ${CONFIG_NAMESPACE}:accounts`);
    }
    if (account.vendor !== vendor.name) {
      throw new ConfigurationError(
        `account "${accountName}" is a ${account.vendor} account, but the target is ${vendor.displayName}`,
      );
    }
    for (const field of credentialFields) {
      const value = account[field as keyof typeof account];
      if (typeof value === "string" && value) credentials[field] = value;
    }
    baseUrl =
      account.baseUrl ??
      fromConfig(configKey(vendor.name, "url")) ??
      process.env[vendor.baseUrlEnv] ??
      vendor.defaultBaseUrl;
    source = `account "${accountName}" in config ${CONFIG_NAMESPACE}:accounts`;
    teamId = account.teamId;
    ownRateLimit = account.rateLimit;
  } else {
    credentials = Object.fromEntries(
      credentialFields
        .map(
          (field) =>
            [field, fromConfig(configKey(vendor.name, field)) ?? process.env[vendor.credentialEnv[field]]] as const,
        )
        .filter((entry): entry is readonly [string, string] => typeof entry[1] === "string" && entry[1] !== ""),
    );
    baseUrl = fromConfig(configKey(vendor.name, "url")) ?? process.env[vendor.baseUrlEnv] ?? vendor.defaultBaseUrl;
    if (TEAM_SCOPED_VENDORS.includes(vendor.name)) teamId = defaultTeamId(vendor.name);
    source = `config ${credentialFields.map((f) => `${CONFIG_NAMESPACE}:${configKey(vendor.name, f)}`).join(" + ")} or environment ${credentialFields.map((f) => vendor.credentialEnv[f]).join(" + ")}`;
  }

  const missing = credentialFields.filter((field) => !credentials[field]);
  if (missing.length > 0) {
    throw new ConfigurationError(`no ${vendor.displayName} credentials: set ${source} (missing ${missing.join(", ")})`);
  }
  Object.values(credentials).forEach(registerSecret);
  return {
    baseUrl: checkBaseUrl(baseUrl, `${vendor.displayName} base URL`),
    credentials,
    requestTimeoutMs: timeout * 1000,
    rateLimit: rateLimitOf(vendor.name, ownRateLimit),
    ...(teamId === undefined ? {} : { teamId }),
  };
}

/** `northflankTeamId` in config, or `NORTHFLANK_TEAM_ID`, checked like a named account's. */
function defaultTeamId(vendor: VendorName): string | undefined {
  const key = `${vendor}TeamId`;
  const env = `${vendor.toUpperCase()}_TEAM_ID`;
  const fromStack = fromConfig(key);
  const value = fromStack ?? (process.env[env] || undefined);
  if (value !== undefined && !TEAM_ID.test(value)) {
    const where = fromStack !== undefined ? `config ${CONFIG_NAMESPACE}:${key}` : `environment ${env}`;
    throw new ConfigurationError(`${where}: ${TEAM_ID_RULE}, got "${value}"`);
  }
  return value;
}
