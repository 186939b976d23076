/**
 * The vendors' own API descriptions, vendored under test/fixtures/vendor-specs, as real
 * JSON-Schema validators (ajv): Kinsta's OpenAPI 3.1 (JSON Schema 2020-12) and WP Engine's
 * Swagger 2.0 (its `x-nullable` read as ajv's OpenAPI `nullable`). References stay
 * references: the whole file is registered with ajv, which resolves `#/…` itself.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv, { type ValidateFunction } from "ajv";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";

export const VENDOR_SPEC_DIR = path.resolve(__dirname, "../fixtures/vendor-specs");

/** Which file describes which vendor (see the README beside them for sources and versions). */
export const VENDOR_SPEC_FILES = {
  kinsta: "kinsta-openapi-1.87.0.backups.json",
  wpengine: "wpengine-openapi-1.17.0.backups.json",
  vpsorg: "vpsorg-backups-api-v1.openapi.json",
} as const;
export type SpecVendor = keyof typeof VENDOR_SPEC_FILES;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface SpecOperation {
  operationId: string;
  /** Upper case, as the contracts spell it. */
  method: string;
  /** The spec's path template, below its base path, e.g. `/installs/{install_id}/backups`. */
  path: string;
  /** Documented response statuses, e.g. `["200", "401", "404"]`. */
  statuses: string[];
}

export interface VendorSpec {
  vendor: SpecVendor;
  version: string;
  operations: SpecOperation[];
  /** The operation at a spec path template, or throws. */
  operation(method: string, pathKey: string): SpecOperation;
  /** The operation whose template matches a concrete request path (query ignored). */
  match(method: string, concretePath: string): SpecOperation | undefined;
  /** A validator for a named schema (`Backup`, …), or throws when the spec has none. */
  schema(name: string): ValidateFunction;
  /**
   * The validator for a documented status of an operation; `null` when that status is
   * documented without a body; `undefined` when the status is not documented at all.
   */
  response(op: SpecOperation, status: number | string): ValidateFunction | null | undefined;
  /** The validator for an operation's JSON request body, or `undefined` when it takes none. */
  requestBody(op: SpecOperation): ValidateFunction | undefined;
}

const METHODS = ["get", "put", "post", "delete", "patch"];

/** Swagger 2's `x-nullable: true` → OpenAPI's `nullable: true`, which ajv understands. */
function translateNullable(node: Json): Json {
  if (Array.isArray(node)) return node.map(translateNullable);
  if (node === null || typeof node !== "object") return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "x-nullable") out.nullable = value;
    else out[key] = translateNullable(value);
  }
  return out;
}

/** `/installs/{install_id}/backups` as a pattern a concrete path (without its query) must match. */
export function templateRegExp(template: string): RegExp {
  return new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{[^}]+\\?\}/g, "[^/]+")}$`);
}

const specs = new Map<SpecVendor, VendorSpec>();

export function loadVendorSpec(vendor: SpecVendor): VendorSpec {
  const cached = specs.get(vendor);
  if (cached) return cached;
  const raw = JSON.parse(readFileSync(path.join(VENDOR_SPEC_DIR, VENDOR_SPEC_FILES[vendor]), "utf8")) as JsonObject;
  const swagger2 = raw.swagger === "2.0";
  const doc = (swagger2 ? translateNullable(raw) : raw) as JsonObject;
  const ajv = swagger2 ? new Ajv({ strict: false, allErrors: true }) : new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  // OpenAPI keywords ajv does not know are annotations, not rules.
  for (const keyword of ["example", "x-example", "discriminator", "xml", "externalDocs"])
    if (!ajv.getKeyword(keyword)) ajv.addKeyword(keyword);
  const id = `https://spec.invalid/${vendor}.json`;
  ajv.addSchema({ ...doc, $id: id } as object);

  const info = doc.info as JsonObject;
  const paths = doc.paths as Record<string, Record<string, JsonObject>>;
  const operations: SpecOperation[] = [];
  for (const [pathKey, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      operations.push({
        operationId: String(op.operationId),
        method: method.toUpperCase(),
        path: pathKey,
        statuses: Object.keys(op.responses as JsonObject),
      });
    }
  }
  const pointer = (...keys: string[]) =>
    `${id}#/${keys.map((k) => k.replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`;
  const cache = new Map<string, ValidateFunction>();
  const compileRef = (ref: string): ValidateFunction => {
    let fn = cache.get(ref);
    if (!fn) {
      fn = ajv.compile({ $ref: ref });
      cache.set(ref, fn);
    }
    return fn;
  };
  const operationOf = (op: SpecOperation) => paths[op.path][op.method.toLowerCase()];
  // Literal segments first, so `/sites/environments/backups/{id}` wins over `/sites/{site_id}/…`.
  const placeholders = (op: SpecOperation) => (op.path.match(/\{/g) ?? []).length;
  const byLiteralness = [...operations].sort((a, b) => placeholders(a) - placeholders(b));
  const matchers = byLiteralness.map((op) => ({ op, re: templateRegExp(op.path) }));

  const spec: VendorSpec = {
    vendor,
    version: String(info.version),
    operations,
    operation(method, pathKey) {
      const found = operations.find((op) => op.method === method.toUpperCase() && op.path === pathKey);
      if (!found) throw new Error(`${vendor} spec has no ${method.toUpperCase()} ${pathKey}`);
      return found;
    },
    match(method, concretePath) {
      const bare = concretePath.split("?")[0];
      return matchers.find((m) => m.op.method === method.toUpperCase() && m.re.test(bare))?.op;
    },
    schema(name) {
      const where = swagger2 ? "definitions" : "components";
      const holder = swagger2
        ? (doc.definitions as JsonObject)
        : ((doc.components as JsonObject).schemas as JsonObject);
      if (!holder?.[name]) throw new Error(`${vendor} spec has no schema ${name}`);
      return compileRef(swagger2 ? pointer(where, name) : pointer(where, "schemas", name));
    },
    response(op, status) {
      const responses = operationOf(op).responses as Record<string, JsonObject>;
      // `default` stands for every status the vendor left undescribed (VPS.org's restore).
      const key = responses[String(status)] ? String(status) : responses.default ? "default" : undefined;
      if (!key) return undefined;
      let response = responses[key];
      let base = ["paths", op.path, op.method.toLowerCase(), "responses", key];
      // A response given as `$ref` (WP Engine's shared 429/503 entries): follow it once.
      if (typeof response.$ref === "string") {
        base = response.$ref.slice(2).split("/");
        response = base.reduce<Json>((at, key) => (at as JsonObject)[key], doc) as JsonObject;
      }
      if (swagger2) return response.schema ? compileRef(pointer(...base, "schema")) : null;
      const content = response.content as JsonObject | undefined;
      return content?.["application/json"]
        ? compileRef(pointer(...base, "content", "application/json", "schema"))
        : null;
    },
    requestBody(op) {
      const operation = operationOf(op);
      const base = ["paths", op.path, op.method.toLowerCase()];
      if (swagger2) {
        const parameters = (operation.parameters ?? []) as JsonObject[];
        const index = parameters.findIndex((p) => p.in === "body");
        return index < 0 ? undefined : compileRef(pointer(...base, "parameters", String(index), "schema"));
      }
      const content = (operation.requestBody as JsonObject | undefined)?.content as JsonObject | undefined;
      return content?.["application/json"]
        ? compileRef(pointer(...base, "requestBody", "content", "application/json", "schema"))
        : undefined;
    },
  };
  specs.set(vendor, spec);
  return spec;
}

/** Jest helper: asserts `value` is valid, showing ajv's errors otherwise. */
export function expectValid(validate: ValidateFunction, value: unknown): void {
  if (!validate(value))
    throw new Error(
      `vendor spec validation failed: ${JSON.stringify(validate.errors, null, 2)}\nvalue: ${JSON.stringify(value, null, 2)}`,
    );
}

/**
 * Northflank publishes no OpenAPI file: its contract is the official client's declared types
 * (`@northflank/js-client`), vendored as JSON Schemas. A contract route's `spec.operationId`
 * names the client's endpoint (`GetAddonBackups`); its types are `<operationId>Result` (the
 * answer's `data`), `<operationId>Data` (the request body) and `<operationId>Options` (the
 * query).
 */
export const NORTHFLANK_TYPES_FILE = "northflank-js-client-0.9.5.backups.schema.json";

export interface NorthflankTypes {
  /** e.g. `@northflank/js-client@0.9.5` */
  source: string;
  has(typeName: string): boolean;
  /** Every way `value` breaks the type, as `Type/path message`; empty when valid. */
  problems(typeName: string, value: unknown): string[];
  /** The same for a query string: numbers arrive as text. */
  queryProblems(typeName: string, query: Record<string, string>): string[];
}

let northflankTypes: NorthflankTypes | undefined;

/**
 * The one deviation kept on purpose: the client types a listed backup's `completedAt` as
 * required (optional on a single backup), but an unfinished backup has no completion time.
 */
function toleratedNorthflank(
  typeName: string,
  value: unknown,
  error: { keyword: string; instancePath: string; params: unknown },
) {
  if (typeName !== "GetAddonBackupsResult" || error.keyword !== "required") return false;
  if ((error.params as { missingProperty?: string }).missingProperty !== "completedAt") return false;
  const index = Number(error.instancePath.split("/")[2]);
  return (value as { backups: { status: string }[] }).backups[index]?.status !== "completed";
}

export function loadNorthflankTypes(): NorthflankTypes {
  if (northflankTypes) return northflankTypes;
  const file = JSON.parse(readFileSync(path.join(VENDOR_SPEC_DIR, NORTHFLANK_TYPES_FILE), "utf8")) as {
    source: string;
    types: Record<string, object>;
  };
  const ajv = new Ajv({ allErrors: true, strict: false });
  const queryAjv = new Ajv({ allErrors: true, strict: false, coerceTypes: true });
  const validatorOf = (engine: Ajv, typeName: string) => {
    let validate = engine.getSchema(typeName);
    if (!validate) {
      engine.addSchema(file.types[typeName], typeName);
      validate = engine.getSchema(typeName)!;
    }
    return validate;
  };
  northflankTypes = {
    source: file.source,
    has: (typeName) => typeName in file.types,
    problems(typeName, value) {
      const validate = validatorOf(ajv, typeName);
      validate(value);
      return (validate.errors ?? [])
        .filter((e) => !toleratedNorthflank(typeName, value, e))
        .map((e) => `${typeName}${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
    },
    queryProblems(typeName, query) {
      const validate = validatorOf(queryAjv, typeName);
      validate({ ...query });
      return (validate.errors ?? []).map(
        (e) => `${typeName}${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`,
      );
    },
  };
  return northflankTypes;
}
