/**
 * Holds recorded sandbox exchanges against the vendors' own specs (test/fixtures/vendor-specs):
 * the request body the client sent, the status the sandbox answered (documented for that
 * operation?) and the answer's body (valid for that status?). A route the contract marks
 * `undocumented` (no vendor description exists for it) is skipped and named in the summary.
 */
import type { Exchange } from "../../sandbox";
import type { Route } from "../../provider/vendors/shared/routes";
import { routes as kinstaRoutes } from "../../provider/vendors/kinsta/contract";
import { routes as vpsorgRoutes } from "../../provider/vendors/vpsorg/contract";
import { routes as wpengineRoutes } from "../../provider/vendors/wpengine/contract";
import { loadVendorSpec, VENDOR_SPEC_FILES, type SpecVendor } from "./vendor-spec";

export const CONTRACTS: Record<SpecVendor, Record<string, Route>> = {
  kinsta: kinstaRoutes,
  wpengine: wpengineRoutes,
  vpsorg: vpsorgRoutes,
};

/** Rate limiting is documented outside the specs (Kinsta, VPS.org) or without a body (WP Engine). */
const OUT_OF_BAND_STATUSES = new Set([429]);

const templateMatches = (template: string, concretePath: string) =>
  new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{[^}]+\\?\}/g, "[^/]+")}$`).test(
    concretePath.split("?")[0],
  );

/** The contract route a concrete request hit, if any. */
export function contractRouteOf(vendor: SpecVendor, method: string, concretePath: string): Route | undefined {
  const candidates = Object.values(CONTRACTS[vendor]).filter(
    (r) => r.method === method && templateMatches(r.path, concretePath),
  );
  // Literal segments win (`/sites/environments/backups/{id}` over `/sites/{site_id}/…`).
  return candidates.sort((a, b) => a.path.split("{").length - b.path.split("{").length)[0];
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

export class SpecChecker {
  readonly violations: string[] = [];
  /** How many exchanges were held against a spec, per vendor. */
  readonly checked: Record<string, number> = {};
  /** Undocumented contract routes met (not checkable), as `vendor METHOD path`. */
  readonly undocumented = new Set<string>();

  constructor(private readonly options: SpecCheckOptions) {}

  record = (exchange: Exchange): void => {
    if (!(exchange.vendor in VENDOR_SPEC_FILES)) return; // Northflank: checked with its official client
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
    // A fault that answers at once does so before the body is read: there is none to check.
    const bodyRead = !(exchange.faulted && exchange.requestBody === undefined);
    if (this.options.requests && bodyRead) {
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
}

function ajvText(errors: { instancePath: string; message?: string }[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || "(body)"} ${e.message ?? ""}`).join("; ");
}
