/**
 * Request bodies held against Northflank's own contract: the official client's declared types
 * (`@northflank/js-client` 0.9.5, vendored as JSON Schemas in test/fixtures/vendor-specs), not
 * the provider's schemas, so a mistake in the provider's contract cannot pass on both sides.
 * The documented rules the types cannot state (ranges, combinations) are checked after.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import Ajv, { type ValidateFunction } from "ajv";
import type { FastifyReply } from "fastify";
import { fail } from "./common";

const TYPES_FILE = path.join("test", "fixtures", "vendor-specs", "northflank-js-client-0.9.5.backups.schema.json");

/** The repository root (this file runs from `sandbox/` or from `dist/sandbox/`). */
function repoRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, TYPES_FILE))) return dir;
  }
  throw new Error(`the sandbox needs ${TYPES_FILE} (Northflank's client types) from this repository`);
}

export type ClientDataType =
  | "BackupAddonData"
  | "ImportAddonBackupData"
  | "CreateAddonBackupscheduleData"
  | "AbortAddonRestoreData"
  | "BackupVolumeData"
  | "AddBackupdestinationData"
  | "PatchBackupdestinationData";

let validators: Map<string, ValidateFunction> | undefined;

function validatorOf(typeName: ClientDataType): ValidateFunction {
  if (!validators) {
    const file = JSON.parse(readFileSync(path.join(repoRoot(), TYPES_FILE), "utf8")) as {
      types: Record<string, object>;
    };
    const ajv = new Ajv({ allErrors: true, strict: false });
    validators = new Map(Object.entries(file.types).map(([name, schema]) => [name, ajv.compile(schema)]));
  }
  const validate = validators.get(typeName);
  if (!validate) throw new Error(`no client type ${typeName} in ${TYPES_FILE}`);
  return validate;
}

/** Answers Northflank's 400 and returns true when `body` breaks the client's `typeName`. */
export function rejectedByClientTypes(reply: FastifyReply, typeName: ClientDataType, body: unknown): boolean {
  const validate = validatorOf(typeName);
  if (validate(body ?? {})) return false;
  const details: Record<string, string[]> = {};
  for (const error of validate.errors ?? []) {
    const params = error.params as { missingProperty?: string; additionalProperty?: string };
    const field = params.missingProperty ?? params.additionalProperty;
    const at = error.instancePath.replace(/^\//, "").replace(/\//g, ".");
    const key = [at, field].filter(Boolean).join(".") || "body";
    (details[key] ??= []).push(error.message ?? "is invalid");
  }
  fail(reply, 400, "Validation error: the request body is invalid", details);
  return true;
}
