/**
 * Start-up time of the plugin: from spawning the executable to its first gRPC answer
 * (GetPluginInfo), as the engine experiences it. Run: `node scripts/plugin/measure-startup.ts
 * <executable> [runs]` (Node >= 22.18 strips the types); prints the median in milliseconds.
 */
import { spawn } from "node:child_process";
// Default imports: run as an ES module, these CommonJS modules are their `module.exports`.
import grpc from "@grpc/grpc-js";
import emptyproto from "google-protobuf/google/protobuf/empty_pb.js";
import provrpc from "@pulumi/pulumi/proto/provider_grpc_pb.js";

async function once(executable: string): Promise<number> {
  const started = performance.now();
  const child = spawn(executable, [], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once("error", reject);
  });
  const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  try {
    await new Promise<void>((resolve, reject) =>
      client.getPluginInfo(new emptyproto.Empty(), (error) => (error ? reject(error) : resolve())),
    );
    return performance.now() - started;
  } finally {
    client.close();
    child.kill();
  }
}

async function main() {
  const [executable, runs = "5"] = process.argv.slice(2);
  const times: number[] = [];
  for (let i = 0; i < Number(runs); i++) times.push(await once(executable));
  times.sort((a, b) => a - b);
  console.log(
    `${executable}: first gRPC answer after ${Math.round(times[Math.floor(times.length / 2)])} ms (median of ${runs}; ${times.map(Math.round).join(", ")})`,
  );
}

void main();
