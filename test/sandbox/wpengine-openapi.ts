/**
 * Validates sandbox payloads against the WP Engine Swagger 1.6.15 definitions with a real
 * OpenAPI validator: swagger-parser dereferences the file, ajv compiles the definitions.
 * `x-nullable` (Swagger 2 vendor extension) is translated to ajv's OpenAPI `nullable`.
 *
 * swagger-parser 13 pulls in an ESM-only dependency that jest's CommonJS runtime cannot load
 * (and jest.config.js is not ours to change), so the dereferencing runs in a child `node`.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

/** The reference lives beside the repo: /work/shared/reference (CI clones keep the same layout). */
export const WPENGINE_OPENAPI_PATH = path.resolve(__dirname, "../../../shared/reference/wpengine-openapi-v1.yaml");

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function translateNullable(node: Json): Json {
  if (Array.isArray(node)) return node.map(translateNullable);
  if (node === null || typeof node !== "object") return node;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "x-nullable") out.nullable = value;
    else out[key] = translateNullable(value);
  }
  // ajv's `nullable` needs a `type`; an enum listing null must then also allow null.
  return out;
}

export interface WpengineOpenApi {
  version: string;
  /** A validator for a definition name (`Backup`, `Installation`, …). */
  definition(name: string): ValidateFunction;
  /** A validator for an operation's response schema, e.g. ("/installs/{install_id}/backups", "post", "202"). */
  response(pathKey: string, method: string, status: string): ValidateFunction;
}

const DEREFERENCE_SCRIPT = `
const SwaggerParser = (await import("@apidevtools/swagger-parser")).default;
const api = await SwaggerParser.dereference(process.argv[1]);
process.stdout.write(JSON.stringify(api));
`;

/** Runs swagger-parser's dereference in a child node (ESM), from the repo root so it resolves node_modules. */
async function dereference(file: string): Promise<unknown> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--input-type=module", "-e", DEREFERENCE_SCRIPT, file],
    {
      cwd: path.resolve(__dirname, "../.."),
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return JSON.parse(stdout);
}

export async function loadWpengineOpenApi(): Promise<WpengineOpenApi> {
  const api = (await dereference(WPENGINE_OPENAPI_PATH)) as {
    info: { version: string };
    definitions: Record<string, Json>;
    paths: Record<string, Record<string, { responses: Record<string, { schema?: Json }> }>>;
  };
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const cache = new Map<string, ValidateFunction>();
  const compile = (key: string, schema: Json | undefined): ValidateFunction => {
    if (schema === undefined) throw new Error(`no schema for ${key}`);
    let fn = cache.get(key);
    if (!fn) {
      fn = ajv.compile(translateNullable(schema) as object);
      cache.set(key, fn);
    }
    return fn;
  };
  return {
    version: api.info.version,
    definition: (name) => compile(`def:${name}`, api.definitions[name]),
    response: (pathKey, method, status) =>
      compile(`res:${method}:${pathKey}:${status}`, api.paths[pathKey]?.[method]?.responses[status]?.schema),
  };
}

/** Jest helper: asserts `value` is valid, showing ajv's errors otherwise. */
export function expectValid(validate: ValidateFunction, value: unknown): void {
  const ok = validate(value);
  if (!ok)
    throw new Error(
      `OpenAPI validation failed: ${JSON.stringify(validate.errors, null, 2)}\nvalue: ${JSON.stringify(value, null, 2)}`,
    );
}
