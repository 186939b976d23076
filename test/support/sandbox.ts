/**
 * The sandbox for tests: started in-process on a free port, with helpers for its
 * `/_admin` API and for pointing a Pulumi stack at it.
 */
import { startSandbox } from "../../sandbox";
import type { VendorClient, VendorModule } from "../../provider/vendors/vendor";
import { vendors } from "../../provider/vendors/registry";
import { SpecChecker } from "./spec-check";

export interface Seed {
  kinsta: { apiKey: string; companyId: string; environmentIds: string[] };
  wpengine: { user: string; password: string; installIds: string[] };
  vpsorg: { token: string; serverIds: string[] };
  northflank: {
    token: string;
    teamId: string;
    /** Reaches the demo teams through `/teams/{teamId}/…` routes only. */
    organisationToken: string;
    addons: { projectId: string; addonId: string }[];
  };
}

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  at: string;
}

export type VendorName = keyof Seed;
export const VENDORS: VendorName[] = ["kinsta", "wpengine", "vpsorg", "northflank"];

export type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

export async function startTestSandbox(options: { backupMs?: number; restoreMs?: number } = {}) {
  // Every request the provider sends and every answer the sandbox gives is held against the
  // vendor's own spec; `close()` fails the test file on any violation.
  const spec = new SpecChecker({ requests: true, allowUnknownRoutes: false });
  const sandbox = await startSandbox({
    port: 0,
    backupMs: options.backupMs ?? 0,
    restoreMs: options.restoreMs ?? 0,
    onExchange: spec.record,
  });
  const admin = async <T = unknown>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${sandbox.url}/_admin${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`admin ${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const seed = await admin<Seed>("GET", "/seed");
  const api = {
    ...sandbox,
    spec,
    /** Stops the sandbox; throws when any exchange broke the vendor's spec. */
    async close() {
      await sandbox.close();
      if (spec.violations.length > 0)
        throw new Error(`${spec.violations.length} exchange(s) broke the vendor specs:\n${spec.violations.join("\n")}`);
    },
    seed,
    admin,
    requests: () => admin<LoggedRequest[]>("GET", "/requests"),
    clearRequests: () => admin("DELETE", "/requests"),
    reset: () => admin("POST", "/reset"),
    state: () => admin<Record<string, unknown>>("GET", "/state"),
    deleteBackup: (vendor: VendorName, backupId: string) =>
      admin("DELETE", `/backups/${vendor}/${encodeURIComponent(backupId)}`),
    patchBackup: (vendor: VendorName, backupId: string, patch: Record<string, unknown>) =>
      admin("PATCH", `/backups/${vendor}/${encodeURIComponent(backupId)}`, patch),
    fault: (fault: Record<string, unknown>) => admin("POST", "/faults", fault),
    clearFaults: () => admin("DELETE", "/faults"),
    timing: (timing: { backupMs?: number; restoreMs?: number }) => admin("POST", "/timing", timing),
    /** Base URLs as environment variables for the provider. */
    urlEnv(): Record<string, string> {
      return {
        KINSTA_API_URL: sandbox.baseUrls.kinsta,
        WPENGINE_API_URL: sandbox.baseUrls.wpengine,
        VPSORG_API_URL: sandbox.baseUrls.vpsorg,
        NORTHFLANK_API_URL: sandbox.baseUrls.northflank,
      };
    },
    /** Credentials as environment variables for the provider. */
    credentialEnv(): Record<string, string> {
      return {
        KINSTA_API_KEY: seed.kinsta.apiKey,
        WPENGINE_API_USER: seed.wpengine.user,
        WPENGINE_API_PASSWORD: seed.wpengine.password,
        VPSORG_API_TOKEN: seed.vpsorg.token,
        NORTHFLANK_API_TOKEN: seed.northflank.token,
      };
    },
    /** Credentials as secret stack config. */
    credentialConfig(): Record<string, { value: string; secret: boolean }> {
      return {
        "hosting-backups:kinstaApiKey": { value: seed.kinsta.apiKey, secret: true },
        "hosting-backups:wpengineApiUser": { value: seed.wpengine.user, secret: true },
        "hosting-backups:wpengineApiPassword": { value: seed.wpengine.password, secret: true },
        "hosting-backups:vpsorgApiToken": { value: seed.vpsorg.token, secret: true },
        "hosting-backups:northflankApiToken": { value: seed.northflank.token, secret: true },
      };
    },
    /** The seeded target of a vendor as a `target` input (index picks among the seeded ones). */
    target(vendor: VendorName, index = 0): Record<string, string> {
      switch (vendor) {
        case "kinsta":
          return { vendor, environmentId: seed.kinsta.environmentIds[index] };
        case "wpengine":
          return { vendor, installId: seed.wpengine.installIds[index] };
        case "vpsorg":
          return { vendor, serverId: String(seed.vpsorg.serverIds[index]) };
        case "northflank":
          return { vendor, ...seed.northflank.addons[index] };
      }
    },
    /**
     * The vendor's own API as a user would call it out of band: our client, with the seeded
     * credentials, against the sandbox; `fields` are the target's ids without `vendor`.
     */
    vendorApi(vendor: VendorName, target: Record<string, string> = api.target(vendor)) {
      const module = vendors[vendor] as unknown as VendorModule;
      const env = api.credentialEnv();
      const credentials = Object.fromEntries(
        Object.entries(module.credentialEnv).map(([field, name]) => [field, env[name]]),
      );
      const client: VendorClient = module.createClient({ baseUrl: sandbox.baseUrls[vendor], credentials });
      const { vendor: _vendor, ...fields } = target;
      return { client, fields, list: () => client.listBackups(fields) };
    },
    /** Every secret the seed holds, to search state and logs for. */
    secrets(): string[] {
      return [seed.kinsta.apiKey, seed.wpengine.password, seed.vpsorg.token, seed.northflank.token];
    },
  };
  return api;
}

/** The minimal extra inputs a vendor requires on a Backup. */
export function requiredBackupArgs(vendor: VendorName): Record<string, unknown> {
  return vendor === "wpengine" ? { notificationEmails: ["ops@example.com"] } : {};
}
