/**
 * Where credentials and base URLs come from. Nothing here ever reaches the Pulumi state:
 * resources carry only an account *name*; the secret values arrive at run time through
 * the dynamic provider's `configure` (decrypted stack config) or the environment.
 *
 * Stack config (namespace `hosting-backups`), all optional: each vendor's default account
 * (its `credentialConfig`, `baseUrlConfig` and `teamScope` keys, e.g. `kinstaApiKey`),
 * `accounts: { "<name>": { vendor, <credential fields>, baseUrl?, teamId?, rateLimit? } }`,
 * `rateLimits: { "<vendor>": { requests, perSeconds } }` (every account of the vendor without
 * its own) and `requestTimeoutSeconds`. Environment: each vendor's `credentialEnv`, `baseUrlEnv` and
 * `teamScope` variables (e.g. `KINSTA_API_KEY`). The names are vendor facts, in
 * `provider/vendors/<vendor>/index.ts`.
 */
import { z } from "zod";
import { ConfigurationError, registerSecret } from "../core/errors";
import type { RateLimitRule } from "../core/request-budget";
import { VENDOR_NAMES, vendorNamed, vendors, type VendorName } from "../vendors/registry";
import type { VendorAccount, VendorModule } from "../vendors/vendor";

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

const vendorList: VendorModule[] = Object.values(vendors);
/** Vendors whose tokens can be scoped to a team (Northflank's `/v1/teams/{teamId}/…` routes). */
const teamScoped = vendorList.filter((vendor) => vendor.teamScope !== undefined);

/** An account's request limit: `requests` per `perSeconds`, e.g. Northflank's `{ requests: 1000, perSeconds: 3600 }`. */
const rateLimitSchema = z
  .object({
    requests: z.number().int("must be a whole number").min(1, "must be at least 1"),
    perSeconds: z.number().positive("must be more than 0"),
  })
  .strict();

/** Every vendor's credential fields (`apiKey`, `user`, `password`, `token`…), each optional in a named account. */
const credentialFieldSchemas: Record<string, z.ZodOptional<z.ZodString>> = Object.fromEntries(
  vendorList.flatMap((vendor) => Object.keys(vendor.credentialEnv)).map((field) => [field, z.string().optional()]),
);

/** A named account: `vendor`, that vendor's credential fields, and `baseUrl`/`teamId`. */
const namedAccountSchema = z
  .object({
    vendor: z.enum(VENDOR_NAMES),
    baseUrl: z.string().optional(),
    ...credentialFieldSchemas,
    teamId: z.string().optional(),
    rateLimit: rateLimitSchema.optional(),
  })
  .strict()
  .superRefine((account, ctx) => {
    if (account.teamId === undefined) return;
    const rule = vendorNamed(account.vendor).teamScope?.schema;
    if (!rule) {
      const names = teamScoped.map((vendor) => vendor.displayName).join(" or ");
      ctx.addIssue({ code: "custom", path: ["teamId"], message: `applies only to ${names} accounts` });
      return;
    }
    const checked = rule.safeParse(account.teamId);
    if (!checked.success) ctx.addIssue({ code: "custom", path: ["teamId"], message: checked.error.issues[0].message });
  });

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
  const parsed = z.partialRecord(z.enum(VENDOR_NAMES), rateLimitSchema).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigurationError(`config ${CONFIG_NAMESPACE}:rateLimits.${issue.path.join(".")}: ${issue.message}`);
  }
  return parsed.data;
}

/** The account's own limit, else the configured one for its vendor, else the vendor's documented one. */
function rateLimitOf(vendor: VendorModule, own: z.infer<typeof rateLimitSchema> | undefined): RateLimitRule {
  const configured = own ?? new Map(Object.entries(parseVendorRateLimits())).get(vendor.name);
  return configured ? { requests: configured.requests, windowMs: configured.perSeconds * 1000 } : vendor.rateLimit;
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
    const given = new Map(Object.entries(account));
    for (const field of credentialFields) {
      const value = given.get(field);
      if (typeof value === "string" && value) credentials[field] = value;
    }
    baseUrl =
      account.baseUrl ?? fromConfig(vendor.baseUrlConfig) ?? process.env[vendor.baseUrlEnv] ?? vendor.defaultBaseUrl;
    source = `account "${accountName}" in config ${CONFIG_NAMESPACE}:accounts`;
    teamId = account.teamId;
    ownRateLimit = account.rateLimit;
  } else {
    credentials = Object.fromEntries(
      credentialFields
        .map(
          (field) =>
            [field, fromConfig(vendor.credentialConfig[field]) ?? process.env[vendor.credentialEnv[field]]] as const,
        )
        .filter((entry): entry is readonly [string, string] => typeof entry[1] === "string" && entry[1] !== ""),
    );
    baseUrl = fromConfig(vendor.baseUrlConfig) ?? process.env[vendor.baseUrlEnv] ?? vendor.defaultBaseUrl;
    if (vendor.teamScope) teamId = defaultTeamId(vendor.teamScope);
    source = `config ${credentialFields.map((f) => `${CONFIG_NAMESPACE}:${vendor.credentialConfig[f]}`).join(" + ")} or environment ${credentialFields.map((f) => vendor.credentialEnv[f]).join(" + ")}`;
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
    rateLimit: rateLimitOf(vendor, ownRateLimit),
    ...(teamId === undefined ? {} : { teamId }),
  };
}

/** The default account's team (`northflankTeamId` in config, or `NORTHFLANK_TEAM_ID`), checked like a named account's. */
function defaultTeamId(scope: NonNullable<VendorModule["teamScope"]>): string | undefined {
  const fromStack = fromConfig(scope.config);
  const value = fromStack ?? (process.env[scope.env] || undefined);
  const checked = value === undefined ? undefined : scope.schema.safeParse(value);
  if (checked && !checked.success) {
    const where = fromStack !== undefined ? `config ${CONFIG_NAMESPACE}:${scope.config}` : `environment ${scope.env}`;
    throw new ConfigurationError(`${where}: ${checked.error.issues[0].message}, got "${value}"`);
  }
  return value;
}
