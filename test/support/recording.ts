/**
 * Recordings of the live acceptance kit (test/live/kit.ts), held against what we know: each
 * exchange against the vendor's own spec (./spec-check.ts) and against our contract (the
 * provider's parsing of every answer), then the provider's `listBackups` replayed over the
 * recorded answers, so a recording from a real account proves (or disproves) what the code
 * assumes about it.
 */
import * as fs from "node:fs";
import * as http from "node:http";
import * as path from "node:path";
import type { AddressInfo } from "node:net";
import type { Exchange } from "../../sandbox";
import type { Recording } from "../live/kit";
import type { RecordedExchange } from "../../provider/core/recorder";
import type { Route } from "../../provider/vendors/shared/routes";
import { vendors } from "../../provider/vendors/registry";
import { BACKUP_STATES, type VendorModule } from "../../provider/vendors/vendor";
import { contractRouteOf, northflankRouteOf, SpecChecker } from "./spec-check";

export function readRecording(file: string): Recording {
  return JSON.parse(fs.readFileSync(file, "utf8")) as Recording;
}

/** Every recording file in a folder, oldest first. */
export function recordingFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => path.join(dir, f));
}

function routeOf(recording: Recording, e: RecordedExchange): Route | undefined {
  return recording.vendor === "northflank"
    ? northflankRouteOf(e.method, e.path)
    : contractRouteOf(recording.vendor, e.method, e.path);
}

/** What our contract says about one recorded answer, or undefined when it agrees. */
function contractProblem(recording: Recording, e: RecordedExchange): string | undefined {
  const where = `${recording.vendor} ${e.method} ${e.path} → ${e.status}`;
  const r = routeOf(recording, e);
  if (!r) return `${where}: no route of the contract matches`;
  if (e.status === 429) return undefined;
  const okStatuses = Object.keys(r.ok).map(Number);
  const success = okStatuses.every((s) => s >= 200 && s < 300)
    ? e.status >= 200 && e.status < 300
    : okStatuses.includes(e.status);
  if (success) {
    const schema = e.status in r.ok ? r.ok[e.status] : Object.values(r.ok)[0];
    if (!schema) return undefined;
    const parsed = schema.safeParse(e.responseBody);
    return parsed.success
      ? undefined
      : `${where}: the provider cannot parse the answer (${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")})`;
  }
  return e.status in r.errors ? undefined : `${where}: ${r.operation} documents no ${e.status} in the contract`;
}

/**
 * Serves the recorded answers in order, by method and path, below `/replay`; counts the
 * answers served of the `counted` operation.
 */
async function replayServer(exchanges: RecordedExchange[], counted: string) {
  const queues = new Map<string, RecordedExchange[]>();
  for (const e of exchanges) {
    const key = `${e.method} ${e.path}`;
    queues.set(key, [...(queues.get(key) ?? []), e]);
  }
  let served = 0;
  const server = http.createServer((req, res) => {
    const key = `${req.method} ${(req.url ?? "").replace(/^\/replay/, "")}`;
    const next = queues.get(key)?.shift();
    req.resume();
    if (!next) {
      res.writeHead(404, { "content-type": "application/json" }).end('{"message":"not in the recording"}');
      return;
    }
    if (next.operation === counted) served++;
    const body =
      next.responseBody === undefined
        ? ""
        : typeof next.responseBody === "string"
          ? next.responseBody
          : JSON.stringify(next.responseBody);
    res.writeHead(next.status, { "content-type": "application/json" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/replay`,
    served: () => served,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The provider's `listBackups` over every recorded list answer; problems found. */
async function replayListings(recording: Recording): Promise<{ problems: string[]; listings: number }> {
  const lists = recording.exchanges.filter((e) => e.operation === "listBackups" && e.status === 200);
  const module = vendors[recording.vendor] as unknown as VendorModule;
  const teamId = lists[0]?.path.match(/^\/teams\/([^/]+)\//)?.[1];
  // Reads a listing makes besides the list itself (Northflank's schedules) are answered too.
  const reads = recording.exchanges.filter((e) => e.method === "GET" && e.status === 200);
  const server = await replayServer(reads, "listBackups");
  const client = module.createClient({
    baseUrl: server.baseUrl,
    // Never sent anywhere but the replay server.
    credentials: Object.fromEntries(Object.keys(module.credentialEnv).map((field) => [field, "replay-credential"])),
    teamId,
  });
  const problems: string[] = [];
  let listings = 0;
  try {
    while (server.served() < lists.length) {
      const before = server.served();
      try {
        const backups = await client.listBackups(recording.target);
        listings++;
        for (const b of backups)
          if (typeof b.id !== "string" || b.id === "" || !BACKUP_STATES.includes(b.state))
            problems.push(
              `${recording.vendor} listBackups replay: backup ${JSON.stringify(b)} has no id or an unknown state`,
            );
      } catch (error) {
        problems.push(
          `${recording.vendor} listBackups replay: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      if (server.served() === before) break;
    }
  } finally {
    await server.close();
  }
  return { problems, listings };
}

/** Holds one recording against the vendor's spec, our contract and our parsing. */
export async function validateRecording(recording: Recording) {
  const spec = new SpecChecker({ requests: true, allowUnknownRoutes: false });
  const problems: string[] = [];
  for (const e of recording.exchanges) {
    const exchange: Exchange = {
      vendor: recording.vendor,
      method: e.method,
      path: e.path,
      status: e.status,
      requestBody: e.requestBody,
      responseBody: e.responseBody,
      faulted: false,
    };
    spec.record(exchange);
    const problem = contractProblem(recording, e);
    if (problem) problems.push(problem);
  }
  const replay = await replayListings(recording);
  return {
    problems: [...spec.violations, ...problems, ...replay.problems],
    checkedAgainstSpec: Object.values(spec.checked).reduce((a, b) => a + b, 0),
    undocumented: [...spec.undocumented],
    listingsReplayed: replay.listings,
  };
}
