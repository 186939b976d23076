/**
 * The plugin's configuration. A plugin's config namespace is its package name
 * (`hostingbackups:`), while the dynamic resources read `hosting-backups:`; the engine sends
 * the plugin's keys to `Configure`, and `pluginConfigSource` serves them under the names
 * `provider/config/accounts.ts` reads, so both paths share one resolver.
 */
import { CONFIG_NAMESPACE, type ConfigSource } from "../config/accounts";

export const PLUGIN_NAMESPACE = "hostingbackups";

export interface ConfigVariable {
  /** The schema's type for it: `accounts` may be given as a YAML/JSON object or as a JSON string. */
  type: "string" | "integer" | "object";
  description: string;
  /** A credential: stored as a secret in the provider's state, never shown. */
  secret?: boolean;
}

/** Every config key, as `provider/config/accounts.ts` reads it (without the namespace). */
export const CONFIG_VARIABLES: Record<string, ConfigVariable> = {
  kinstaApiKey: { type: "string", secret: true, description: "Kinsta API key (environment: `KINSTA_API_KEY`)." },
  kinstaApiUrl: { type: "string", description: "Kinsta API base URL (environment: `KINSTA_API_URL`)." },
  wpengineApiUser: {
    type: "string",
    secret: true,
    description: "WP Engine API user name (environment: `WPENGINE_API_USER`).",
  },
  wpengineApiPassword: {
    type: "string",
    secret: true,
    description: "WP Engine API password (environment: `WPENGINE_API_PASSWORD`).",
  },
  wpengineApiUrl: { type: "string", description: "WP Engine API base URL (environment: `WPENGINE_API_URL`)." },
  vpsorgApiToken: { type: "string", secret: true, description: "VPS.org API token (environment: `VPSORG_API_TOKEN`)." },
  vpsorgApiUrl: { type: "string", description: "VPS.org API base URL (environment: `VPSORG_API_URL`)." },
  northflankApiToken: {
    type: "string",
    secret: true,
    description: "Northflank API token (environment: `NORTHFLANK_API_TOKEN`).",
  },
  northflankApiUrl: { type: "string", description: "Northflank API base URL (environment: `NORTHFLANK_API_URL`)." },
  northflankTeamId: {
    type: "string",
    description: "Northflank team id, for team-scoped tokens (environment: `NORTHFLANK_TEAM_ID`).",
  },
  accounts: {
    type: "object",
    secret: true,
    description:
      'Named accounts for several accounts of one vendor: `{ "<name>": { vendor, apiKey | user + password | token, baseUrl?, teamId? } }`; a resource picks one with `account`.',
  },
  rateLimits: {
    type: "object",
    description:
      'Request budget per vendor, for every account of it without its own: `{ "<vendor>": { requests, perSeconds } }` (docs/configuration.md).',
  },
  requestTimeoutSeconds: { type: "integer", description: "Timeout of one vendor API request, in seconds. Default 30." },
};

/**
 * The config the engine sent to `Configure` (keys `hostingbackups:<key>`, values already
 * unwrapped from their secret markers), served under `hosting-backups:<key>`. An object or
 * number value (YAML config) is handed on as JSON text, the form the dynamic path reads.
 */
export function pluginConfigSource(values: Record<string, unknown>): ConfigSource {
  const byKey = new Map<string, string>();
  for (const [fullKey, value] of Object.entries(values)) {
    if (value === undefined || value === null) continue;
    const key = fullKey.startsWith(`${PLUGIN_NAMESPACE}:`) ? fullKey.slice(PLUGIN_NAMESPACE.length + 1) : fullKey;
    byKey.set(`${CONFIG_NAMESPACE}:${key}`, typeof value === "string" ? value : JSON.stringify(value));
  }
  return { get: (key) => byKey.get(key) };
}
