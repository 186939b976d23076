/**
 * Recording of vendor exchanges, for the live acceptance kit (`npm run test:live`,
 * docs/live-testing.md): with `HOSTING_BACKUPS_RECORD_DIR` set, every answered request is
 * appended, redacted, to `<dir>/exchanges-<pid>.jsonl` (each provider process writes its own
 * file; the kit merges them). Off by default: nothing is written and nothing is kept.
 *
 * Redaction happens before anything reaches the disk: registered credentials (errors.ts),
 * authorization headers (never recorded at all), e-mail addresses (each becomes
 * `redacted@example.invalid`, still a valid address), the query of signed download links, and
 * the values of fields that name a person (`full_name`…).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { redact } from "./errors";

export const RECORD_DIR_ENV = "HOSTING_BACKUPS_RECORD_DIR";

/** One request and its answer, as the provider saw them. */
export interface RecordedExchange {
  /** The vendor's display name as the HTTP client knows it, e.g. `Kinsta`. */
  vendor: string;
  /** Our name for the call, e.g. `listBackups`. */
  operation: string;
  method: string;
  /** Below the vendor's base URL, with the query string. */
  path: string;
  status: number;
  /** The parsed JSON request body, or undefined. */
  requestBody?: unknown;
  /** The parsed JSON answer; the raw text when it is not JSON; undefined when empty. */
  responseBody?: unknown;
  /** When the answer arrived, ISO-8601. */
  at: string;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/** Fields whose value names or addresses a person, whatever the vendor. */
const PERSONAL_FIELDS = new Set(["first_name", "last_name", "full_name", "phone", "username", "image"]);

/** Replaces personal data and secrets in any JSON value (a copy; the original is untouched). */
export function redactValue(value: unknown, key?: string): unknown {
  if (typeof value === "string") {
    if (key !== undefined && PERSONAL_FIELDS.has(key)) return "[redacted]";
    const scrubbed = redact(value).replace(EMAIL, "redacted@example.invalid");
    // Signed download links carry their credential in the query.
    return /^https?:\/\//.test(scrubbed) && scrubbed.includes("?") ? `${scrubbed.split("?")[0]}?[redacted]` : scrubbed;
  }
  if (Array.isArray(value)) return value.map((item) => redactValue(item, key));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, k)]));
  return value;
}

function parseText(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Appends one exchange to this process's recording when recording is on; a no-op otherwise. */
export function recordExchange(exchange: Omit<RecordedExchange, "at" | "responseBody"> & { responseText: string }) {
  const dir = process.env[RECORD_DIR_ENV];
  if (!dir) return;
  const { responseText, ...rest } = exchange;
  const entry: RecordedExchange = {
    ...rest,
    path: redactValue(rest.path) as string,
    requestBody: redactValue(rest.requestBody),
    responseBody: redactValue(parseText(responseText)),
    at: new Date().toISOString(),
  };
  fs.mkdirSync(dir, { recursive: true });
  // Synchronous on purpose: a provider process may be stopped right after its last request.
  fs.appendFileSync(path.join(dir, `exchanges-${process.pid}.jsonl`), `${JSON.stringify(entry)}\n`);
}
