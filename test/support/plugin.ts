/**
 * The provider plugin's gRPC service served in-process, with a client calling it the way
 * the engine does (the same generated stubs), for tests of the plugin's wire behaviour.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import schema from "../../provider/plugin/schema.json";
import { providerService } from "../../provider/plugin/server";
import { TestSandbox, VENDORS } from "./sandbox";

export { provproto };
export const struct = (value: Record<string, unknown>) =>
  structproto.Struct.fromJavaScript(value as Record<string, structproto.JavaScriptValue>);

export async function startPluginService() {
  const server = new grpc.Server();
  server.addService(
    provrpc.ResourceProviderService,
    providerService({ version: schema.version, schema: JSON.stringify(schema) }),
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
  );
  const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  /** Calls one method; resolves with its response, rejects with its gRPC error. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const call = <T = any>(method: string, request: unknown): Promise<T> =>
    new Promise((resolve, reject) =>
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      (client as any)[method](request, (error: Error | null, response: T) =>
        error ? reject(error) : resolve(response),
      ),
    );
  return {
    call,
    close: async () => {
      client.close();
      await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
    },
  };
}

/** The folder holding the built `pulumi-resource-hostingbackups`, for Pulumi.yaml `plugins: providers: path`. */
export const pluginDir = path.resolve(__dirname, "../../dist/plugin");

let built = false;
/**
 * Builds the plugin from the current sources (scripts/build-plugin.sh, which builds one at a
 * time), once per test run: under `flock`, the first file of a run (the rings' global setup
 * names the run, ./global-setup.ts) builds and the files after it reuse that build.
 */
export function buildPlugin(): string {
  if (built) return pluginDir;
  const script = path.resolve(__dirname, "../../scripts/build-plugin.sh");
  const run = process.env.HOSTING_BACKUPS_TEST_RUN;
  if (run && hasFlock()) {
    // Beside dist/plugin, not in it: the build may replace that folder.
    const dist = path.dirname(pluginDir);
    fs.mkdirSync(dist, { recursive: true });
    const stamp = path.join(dist, ".plugin-built-for-test-run");
    const once = '[ "$(cat "$1" 2>/dev/null)" = "$2" ] || { bash "$3" && echo "$2" > "$1"; }';
    execFileSync(
      "flock",
      [path.join(dist, ".plugin-test-run.lock"), "bash", "-c", once, "build-once", stamp, run, script],
      {
        stdio: "pipe",
      },
    );
  } else {
    execFileSync("bash", [script], { stdio: "pipe" });
  }
  built = true;
  return pluginDir;
}

function hasFlock(): boolean {
  try {
    execFileSync("flock", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/**
 * The plugin's own config for a sandbox: its credentials as secrets and its API URLs, under the
 * plugin's namespace `hostingbackups:` (the dynamic resources read `hosting-backups:`).
 */
export function pluginConfig(sandbox: TestSandbox): Record<string, { value: string; secret?: boolean }> {
  const config: Record<string, { value: string; secret?: boolean }> = {};
  for (const [key, { value }] of Object.entries(sandbox.credentialConfig()))
    config[key.replace(/^hosting-backups:/, "hostingbackups:")] = { value, secret: true };
  for (const vendor of VENDORS) config[`hostingbackups:${vendor}ApiUrl`] = { value: sandbox.baseUrls[vendor] };
  return config;
}
