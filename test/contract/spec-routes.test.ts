/**
 * The contracts (provider/vendors/<vendor>/contract.ts) against the vendors' own descriptions
 * (test/fixtures/vendor-specs): every route names an operation that exists there with the same
 * method and path, and every status the contract reads or the sandbox answers is documented for
 * it. Routes marked `undocumented` must really be absent, so the mark cannot hide a typo.
 */
import { CONTRACTS } from "../support/spec-check";
import { loadVendorSpec, type SpecVendor } from "../support/vendor-spec";

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
