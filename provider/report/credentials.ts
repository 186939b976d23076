/**
 * Per-stack vendor credentials for the report, where one environment cannot hold them all (a
 * fleet: one stack per client account, each with its own keys). The file is either
 * `{ "<stack>": { "<vendor>": { <credential fields>, baseUrl? } } }` or the fleet runner's
 * inventory (`clients[].name` is the stack, `clients[].credentials` the same shape). A value
 * `env:NAME` is read from the environment, so the file need not hold a secret. The account is
 * then resolved exactly as for a resource whose stack config holds those values.
 */
import * as fs from "node:fs";
import { z } from "zod";
import { CONFIG_NAMESPACE, resolveAccount, setStackConfig } from "../config/accounts";
import { ConfigurationError } from "../core/errors";
import type { VendorAccount, VendorModule } from "../vendors/vendor";

type VendorCredentials = Record<string, Record<string, string>>;
export type CredentialsOf = (stack: string) => VendorCredentials | undefined;

const vendorCredentialsSchema = z.record(z.string(), z.record(z.string(), z.string()));
const fileSchema = z.union([
  z.object({ clients: z.array(z.object({ name: z.string(), credentials: vendorCredentialsSchema }).loose()) }).loose(),
  z.record(z.string(), vendorCredentialsSchema),
]);

/** Reads `--credentials <file>`; the answer finds a stack's by its full name or its last part. */
export function readCredentialsFile(file: string): CredentialsOf {
  let parsed;
  try {
    parsed = fileSchema.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
  } catch (error) {
    throw new ConfigurationError(`--credentials ${file}: ${(error as Error).message}`);
  }
  if (!parsed.success)
    throw new ConfigurationError(
      `--credentials ${file}: expected { "<stack>": { "<vendor>": { <credential fields> } } } or a fleet inventory (${parsed.error.issues[0].path.join(".")}: ${parsed.error.issues[0].message})`,
    );
  const data = parsed.data;
  const byStack = new Map<string, VendorCredentials>(
    Array.isArray(data.clients)
      ? (data.clients as { name: string; credentials: VendorCredentials }[]).map((c) => [c.name, c.credentials])
      : Object.entries(data as Record<string, VendorCredentials>),
  );
  return (stack) => byStack.get(stack) ?? byStack.get(stack.split("/").pop() ?? stack);
}

const valueOf = (value: string, where: string) => {
  if (!value.startsWith("env:")) return value;
  const resolved = process.env[value.slice(4)];
  if (!resolved) throw new ConfigurationError(`${where}: environment variable ${value.slice(4)} is not set`);
  return resolved;
};

/**
 * The account of `vendor` built from one stack's credentials: handed to `resolveAccount` as
 * that stack's config (`hosting-backups:<credential config key>`, `…:<base URL key>`, a
 * Northflank `teamId` as the team key), so
 * the same checks (https, missing fields, rate limits) apply as for a resource.
 */
export function accountFromCredentials(
  vendor: VendorModule,
  credentials: Record<string, string>,
  stack: string,
): VendorAccount {
  const keys = new Map<string, string>();
  for (const [field, value] of Object.entries(credentials)) {
    const where = `--credentials: ${stack}.${vendor.name}.${field}`;
    if (field === "baseUrl") keys.set(`${CONFIG_NAMESPACE}:${vendor.baseUrlConfig}`, valueOf(value, where));
    if (field === "teamId" && vendor.teamScope)
      keys.set(`${CONFIG_NAMESPACE}:${vendor.teamScope.config}`, valueOf(value, where));
    const configKey = (vendor.credentialConfig as Record<string, string>)[field];
    if (configKey) keys.set(`${CONFIG_NAMESPACE}:${configKey}`, valueOf(value, where));
  }
  setStackConfig({ get: (key) => keys.get(key) });
  try {
    return resolveAccount(vendor);
  } finally {
    setStackConfig({ get: () => undefined });
  }
}
