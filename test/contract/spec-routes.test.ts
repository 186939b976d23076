/**
 * The contracts (provider/vendors/<vendor>/contract.ts) against the vendors' own descriptions
 * (test/fixtures/vendor-specs): every route names an operation that exists there with the same
 * method and path, and every status the contract reads or the sandbox answers is documented for
 * it. Routes marked `undocumented` must really be absent, so the mark cannot hide a typo.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { CONTRACTS, NORTHFLANK_CONTRACT, SpecChecker } from "../support/spec-check";
import { loadNorthflankTypes, loadVendorSpec, type SpecVendor } from "../support/vendor-spec";

const VENDORS = Object.keys(CONTRACTS) as SpecVendor[];

describe.each(VENDORS)("%s contract", (vendor) => {
  const spec = loadVendorSpec(vendor);
  const routes = Object.entries(CONTRACTS[vendor]);

  test.each(routes)("%s exists in the vendor's spec with the same method and path", (_name, route) => {
    if ("undocumented" in route.spec) {
      expect(spec.match(route.method, route.path.replace(/\{\w+\}/g, "1"))).toBeUndefined();
      return;
    }
    const operation = spec.operations.find(
      (op) => op.operationId === (route.spec as { operationId: string }).operationId,
    );
    expect(operation).toBeDefined();
    expect(`${route.method} ${route.path}`).toBe(`${operation?.method} ${operation?.path}`);
  });

  test.each(routes)("%s: every status it reads or answers is documented", (_name, route) => {
    if ("undocumented" in route.spec) return;
    const operation = spec.operation(route.method, route.path);
    const statuses = [...Object.keys(route.ok), ...Object.keys(route.errors)];
    // VPS.org's restore documents path and body only: its `default` covers every status.
    const undocumented = statuses.filter(
      (s) => !operation.statuses.includes(s) && !operation.statuses.includes("default"),
    );
    expect(undocumented).toEqual([]);
  });

  test.each(routes)("%s takes a request body exactly where the spec has one", (_name, route) => {
    if ("undocumented" in route.spec) return;
    expect(route.body !== undefined).toBe(spec.requestBody(spec.operation(route.method, route.path)) !== undefined);
  });
});

test("the vendored specs are the versions the contracts follow", () => {
  expect(loadVendorSpec("kinsta").version).toBe("1.87.0");
  expect(loadVendorSpec("wpengine").version).toBe("1.17.0");
  expect(
    loadVendorSpec("vpsorg")
      .operations.map((op) => op.operationId)
      .sort(),
  ).toEqual(["createBackup", "deleteBackup", "listBackups", "restoreServer"]);
});

test("the validator rejects what the specs reject (so a pass means something)", () => {
  const kinsta = loadVendorSpec("kinsta");
  const restore = kinsta.requestBody(kinsta.operation("POST", "/sites/environments/{target_env_id}/backups/restore"));
  expect(restore?.({ backup_id: 1, notified_user_id: "a5e40000-0000-4000-8000-00000000000a" })).toBe(true);
  expect(restore?.({ backup_id: 1, env_display_name_of_backup: "Live" })).toBe(false);
  const accepted = kinsta.response(kinsta.operation("POST", "/sites/environments/{env_id}/manual-backups"), 202);
  expect(accepted?.({ message: "in progress", status: 202 })).toBe(true);
  expect(accepted?.({ operation_id: "x" })).toBe(false);
  const wpengine = loadVendorSpec("wpengine");
  const backup = wpengine.response(wpengine.operation("GET", "/installs/{install_id}/backups/{backup_id}"), 200);
  expect(backup?.({ id: "e41fa98f-ea80-4654-b229-a9b765d0863a", status: "completed", description: null })).toBe(true);
  expect(backup?.({ id: "e41fa98f-ea80-4654-b229-a9b765d0863a", status: "done" })).toBe(false);
});

/**
 * Northflank has no OpenAPI file: its contract is @northflank/js-client's declared endpoints.
 * Every route names an endpoint class of the client with the same HTTP method, and takes a
 * body exactly where the client declares a data type. Paths are proven by the official client
 * driving the sandbox (northflank-official-client.test.ts), which serves only contract paths.
 */
describe("northflank contract", () => {
  // The client's own declarations (a devDependency, as the official-client test uses).
  const declarations = readFileSync(
    path.resolve(__dirname, "../../node_modules/@northflank/js-client/dist/esm/api-client.d.ts"),
    "utf8",
  );
  const types = loadNorthflankTypes();
  const routes = Object.entries(NORTHFLANK_CONTRACT);

  test.each(routes)("%s is an endpoint of the official client with the same method", (_name, route) => {
    if ("undocumented" in route.spec) {
      // Named as absent: make sure it really is.
      expect(declarations).not.toMatch(/Pitr|PointInTime/i);
      return;
    }
    const declared = new RegExp(`declare class ${route.spec.operationId}Endpoint extends (\\w+)ApiEndpoint`).exec(
      declarations,
    );
    expect(declared?.[1].replace("Paginated", "").toUpperCase()).toBe(route.method);
  });

  test.each(routes)("%s takes a request body exactly where the client declares one", (_name, route) => {
    if ("undocumented" in route.spec) return;
    expect(route.body !== undefined).toBe(types.has(`${route.spec.operationId}Data`));
  });
});

test("the Northflank check rejects what the official client's types reject (so a pass means something)", () => {
  const checker = new SpecChecker({ requests: true, allowUnknownRoutes: false });
  const exchange = {
    vendor: "northflank" as const,
    faulted: false,
    status: 200,
    requestBody: undefined as unknown,
    responseBody: { data: { restoreId: "1700000000000" } } as unknown,
  };
  checker.record({ ...exchange, method: "POST", path: "/teams/t1/projects/p/addons/a/backups/b/restore" });
  expect(checker.violations).toEqual([]);
  expect(checker.checked.northflank).toBe(1);
  checker.record({ ...exchange, method: "POST", path: "/projects/p/addons/a/backups/b/restore?sourceProject=p" });
  checker.record({ ...exchange, method: "POST", path: "/projects/p/addons/a/backups", requestBody: { name: 3 } });
  checker.record({ ...exchange, method: "GET", path: "/projects/p/addons/a/backups/b", responseBody: { data: {} } });
  checker.record({ ...exchange, method: "GET", path: "/projects/p/addons/a/backups/b", status: 500 });
  checker.record({ ...exchange, method: "GET", path: "/projects/p/addons/a/nonsense" });
  // Which exchanges broke a rule (one exchange may break several).
  expect([...new Set(checker.violations.map((v) => v.replace(/: .*/, "")))]).toEqual([
    "northflank POST /projects/p/addons/a/backups/b/restore?sourceProject=p → 200",
    "northflank POST /projects/p/addons/a/backups → 200",
    "northflank GET /projects/p/addons/a/backups/b → 200",
    "northflank GET /projects/p/addons/a/backups/b → 500",
    "northflank GET /projects/p/addons/a/nonsense → 200",
  ]);
});
