/**
 * The sandbox for tests, one starter for every ring: started in-process on a free port, with
 * the `/_admin` client (./admin.ts), vendor calls with each vendor's auth, and helpers for
 * pointing a Pulumi stack or a vendor client at it.
 */
import { z } from "zod";
import { startSandbox, type SandboxOptions } from "../../sandbox";
import { closeHttpPools } from "../../provider/core/http";
import type { VendorClient, VendorModule } from "../../provider/vendors/vendor";
import { vendors } from "../../provider/vendors/registry";
import { adminClient, httpCall, type CallOptions, type SeedAccounts, type VendorName } from "./admin";
import { SpecChecker } from "./spec-check";

export { VENDORS, type CallResult, type LoggedRequest, type Seed, type VendorName } from "./admin";

export interface TestSandboxOptions extends Omit<SandboxOptions, "onExchange" | "port"> {
  /**
   * What is held against the vendors' specs. `exchanges` (default): every request the
   * provider sends and every answer, and a path no spec knows is a violation. `answers`: for
   * tests that send invalid requests and probe undocumented paths on purpose.
   */
  specCheck?: "exchanges" | "answers";
}

export type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

export async function startTestSandbox(options: TestSandboxOptions = {}) {
  const { specCheck = "exchanges", ...sandboxOptions } = options;
  const spec = new SpecChecker(
    specCheck === "exchanges"
      ? { requests: true, allowUnknownRoutes: false }
      : { requests: false, allowUnknownRoutes: true },
  );
  const sandbox = await startSandbox({
    backupMs: 0,
    restoreMs: 0,
    ...sandboxOptions,
    port: 0,
    onExchange: spec.record,
  });
  const admin = adminClient(sandbox.url);
  const seed = await admin.seed();

  /** A vendor's credential as its Authorization header (the first secondary account's with `secondary`). */
  const authOf = (vendor: VendorName, account: "primary" | "secondary" = "primary"): string => {
    const accounts: SeedAccounts =
      account === "primary"
        ? seed
        : {
            kinsta: seed.secondary.kinsta[0],
            wpengine: seed.secondary.wpengine[0],
            vpsorg: seed.secondary.vpsorg[0],
            northflank: seed.secondary.northflank[0],
          };
    switch (vendor) {
      case "kinsta":
        return `Bearer ${accounts.kinsta.apiKey}`;
      case "wpengine":
        return `Basic ${Buffer.from(`${accounts.wpengine.user}:${accounts.wpengine.password}`).toString("base64")}`;
      case "vpsorg":
        return `Bearer ${accounts.vpsorg.token}`;
      case "northflank":
        return `Bearer ${accounts.northflank.token}`;
    }
  };

  const api = {
    ...sandbox,
    ...admin,
    /** Every exchange so far held against the vendor specs (see ./spec-check.ts). */
    spec,
    /** Stops the sandbox and the provider's HTTP pools; throws when any exchange broke the vendor's spec. */
    async close() {
      await sandbox.close();
      await closeHttpPools();
      if (spec.violations.length > 0)
        throw new Error(`${spec.violations.length} exchange(s) broke the vendor specs:\n${spec.violations.join("\n")}`);
    },
    seed,
    /** The JSON answer of an admin call; throws on any status but 2xx (`adminCall` for any answer). */
    admin: admin.json,
    adminCall: admin.call,
    /** Any URL, any answer. */
    raw: httpCall,
    authOf,
    /** Calls a vendor path (below its base URL) with the primary credential unless `auth` says otherwise. */
    call: (vendor: VendorName, method: string, path: string, opts: CallOptions = {}) =>
      httpCall(`${sandbox.baseUrls[vendor]}${path}`, method, {
        ...opts,
        auth: opts.auth === undefined ? authOf(vendor) : opts.auth,
      }),
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

/** Asserts a value against a zod schema with a readable failure; returns it typed by the schema. */
export function expectShape<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new Error(`shape mismatch: ${z.prettifyError(result.error)}\nvalue: ${JSON.stringify(value, null, 2)}`);
  // The original value, not zod's parse (which strips keys the schema does not name).
  return value as z.output<S>;
}
