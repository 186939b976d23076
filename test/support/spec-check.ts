/**
 * Holds recorded sandbox exchanges against the vendors' own specs (test/fixtures/vendor-specs):
 * the request body the client sent, the status the sandbox answered (documented for that
 * operation?) and the answer's body (valid for that status?). A route the contract marks
 * `undocumented` (no vendor description exists for it) is skipped and named in the summary.
 * Northflank, which publishes its contract as its official client's types, is held against
 * those: request body (`…Data`), query (`…Options`) and the answer's `data` (`…Result`).
 */
import type { Exchange } from "../../sandbox";
import type { Route } from "../../provider/vendors/shared/routes";
import { routes as kinstaRoutes } from "../../provider/vendors/kinsta/contract";
import {
  errorBodySchema as northflankErrorSchema,
  routes as northflankRoutes,
} from "../../provider/vendors/northflank/contract";
import { routes as vpsorgRoutes } from "../../provider/vendors/vpsorg/contract";
import { routes as wpengineRoutes } from "../../provider/vendors/wpengine/contract";
import {
  loadNorthflankTypes,
  loadVendorSpec,
  NORTHFLANK_TYPES_FILE,
  templateRegExp,
  VENDOR_SPEC_FILES,
  type SpecVendor,
} from "./vendor-spec";

export const CONTRACTS: Record<SpecVendor, Record<string, Route>> = {
  kinsta: kinstaRoutes,
  wpengine: wpengineRoutes,
  vpsorg: vpsorgRoutes,
};

/** Northflank's contract (its routes also exist under `/teams/{teamId}`). */
export const NORTHFLANK_CONTRACT: Record<string, Route> = northflankRoutes;

/** Rate limiting is documented outside the specs (Kinsta, VPS.org) or without a body (WP Engine). */
const OUT_OF_BAND_STATUSES = new Set([429]);

const templateMatches = (template: string, concretePath: string) =>
  templateRegExp(template).test(concretePath.split("?")[0]);

/** The contract route a concrete request hit, if any. */
export function contractRouteOf(vendor: SpecVendor, method: string, concretePath: string): Route | undefined {
  const candidates = Object.values(CONTRACTS[vendor]).filter(
    (r) => r.method === method && templateMatches(r.path, concretePath),
  );
  // Literal segments win (`/sites/environments/backups/{id}` over `/sites/{site_id}/…`).
  return candidates.sort((a, b) => a.path.split("{").length - b.path.split("{").length)[0];
}

/** The Northflank contract route a concrete request hit (its routes also exist under `/teams/{teamId}`). */
export function northflankRouteOf(method: string, concretePath: string): Route | undefined {
  const bare = concretePath.split("?")[0].replace(/^\/teams\/[^/]+(?=\/)/, "");
  return Object.values(NORTHFLANK_CONTRACT)
    .filter((r) => r.method === method && templateRegExp(r.path).test(bare))
    .sort((a, b) => a.path.split("{").length - b.path.split("{").length)[0];
}

export interface SpecCheckOptions {
  /** Check request bodies too (off for tests that send invalid requests on purpose). */
  requests: boolean;
  /**
   * Requests to paths no contract knows are answered by the vendor's router (404, 403, 405);
   * allowed where tests probe them on purpose, a violation otherwise.
   */
  allowUnknownRoutes: boolean;
}

/**
 * Whether the sandbox read the request's body before answering: an injected fault that
 * answers at once and the sandbox's rate limiter answer in fastify's onRequest, before it.
 */
function bodyWasRead(exchange: Exchange): boolean {
  const answeredEarly = exchange.faulted || exchange.status === 429;
  return !(answeredEarly && exchange.requestBody === undefined);
}

export class SpecChecker {
  readonly violations: string[] = [];
  /** How many exchanges were held against a spec, per vendor. */
  readonly checked: Record<string, number> = {};
  /** Undocumented contract routes met (not checkable), as `vendor METHOD path`. */
  readonly undocumented = new Set<string>();

  constructor(private readonly options: SpecCheckOptions) {}

  record = (exchange: Exchange): void => {
    if (exchange.vendor === "northflank") return this.recordNorthflank(exchange);
    const vendor = exchange.vendor as SpecVendor;
    const spec = loadVendorSpec(vendor);
    const where = `${vendor} ${exchange.method} ${exchange.path} → ${exchange.status}`;
    const route = contractRouteOf(vendor, exchange.method, exchange.path);
    if (route && "undocumented" in route.spec) {
      this.undocumented.add(`${vendor} ${route.method} ${route.path}`);
      return;
    }
    const op = spec.match(exchange.method, exchange.path);
    if (!op) {
      if (!this.options.allowUnknownRoutes)
        this.violations.push(`${where}: no such operation in ${VENDOR_SPEC_FILES[vendor]}`);
      return;
    }
    this.checked[vendor] = (this.checked[vendor] ?? 0) + 1;
    if (this.options.requests && bodyWasRead(exchange)) {
      const validateBody = spec.requestBody(op);
      if (validateBody && !validateBody(exchange.requestBody))
        this.violations.push(
          `${where}: request body ${JSON.stringify(exchange.requestBody)} breaks ${op.operationId}'s schema: ${ajvText(validateBody.errors)}`,
        );
    }
    if (exchange.faulted || OUT_OF_BAND_STATUSES.has(exchange.status)) return;
    const validateAnswer = spec.response(op, exchange.status);
    if (validateAnswer === undefined) {
      this.violations.push(
        `${where}: ${op.operationId} documents no ${exchange.status} (only ${op.statuses.join(", ")})`,
      );
      return;
    }
    if (validateAnswer && !validateAnswer(exchange.responseBody))
      this.violations.push(
        `${where}: answer ${JSON.stringify(exchange.responseBody)?.slice(0, 300)} breaks ${op.operationId}'s ${exchange.status} schema: ${ajvText(validateAnswer.errors)}`,
      );
  };

  /** Northflank: against the official client's types (see the file comment). */
  private recordNorthflank(exchange: Exchange): void {
    const types = loadNorthflankTypes();
    const where = `northflank ${exchange.method} ${exchange.path} → ${exchange.status}`;
    const rawQuery = exchange.path.split("?")[1] ?? "";
    const route = northflankRouteOf(exchange.method, exchange.path);
    if (!route) {
      if (!this.options.allowUnknownRoutes) this.violations.push(`${where}: no such route in the Northflank contract`);
      return;
    }
    if ("undocumented" in route.spec) {
      this.undocumented.add(`northflank ${route.method} ${route.path}`);
      return;
    }
    const op = route.spec.operationId;
    this.checked.northflank = (this.checked.northflank ?? 0) + 1;
    if (this.options.requests && bodyWasRead(exchange)) {
      if (types.has(`${op}Data`)) {
        if (exchange.requestBody !== undefined)
          for (const problem of types.problems(`${op}Data`, exchange.requestBody))
            this.violations.push(`${where}: request body ${JSON.stringify(exchange.requestBody)} breaks ${problem}`);
      } else if (exchange.requestBody !== undefined) {
        this.violations.push(`${where}: ${op} takes no request body, got ${JSON.stringify(exchange.requestBody)}`);
      }
      const query = Object.fromEntries(new URLSearchParams(rawQuery));
      if (Object.keys(query).length > 0) {
        if (!types.has(`${op}Options`)) this.violations.push(`${where}: ${op} takes no query options, got ${rawQuery}`);
        else
          for (const problem of types.queryProblems(`${op}Options`, query))
            this.violations.push(`${where}: query ${problem}`);
      }
    }
    if (exchange.faulted || OUT_OF_BAND_STATUSES.has(exchange.status)) return;
    if (exchange.status === 200) {
      const body = exchange.responseBody as { data?: unknown } | undefined;
      if (!body || typeof body !== "object" || !("data" in body)) {
        this.violations.push(`${where}: answer ${JSON.stringify(body)?.slice(0, 200)} has no {data}`);
        return;
      }
      if (types.has(`${op}Result`))
        for (const problem of types.problems(`${op}Result`, body.data))
          this.violations.push(`${where}: answer breaks ${problem} (${NORTHFLANK_TYPES_FILE})`);
      return;
    }
    // Errors: a status the contract lists, with Northflank's documented `{error: {message}}`.
    if (!(exchange.status in route.errors)) {
      this.violations.push(
        `${where}: ${op} answers only 200 or ${Object.keys(route.errors).join("/")} in the contract`,
      );
      return;
    }
    const parsed = northflankErrorSchema.safeParse(exchange.responseBody);
    if (!parsed.success || typeof parsed.data.error.message !== "string")
      this.violations.push(
        `${where}: error body ${JSON.stringify(exchange.responseBody)?.slice(0, 200)} is not {error: {message}}`,
      );
  }
}

function ajvText(errors: { instancePath: string; message?: string }[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || "(body)"} ${e.message ?? ""}`).join("; ");
}
