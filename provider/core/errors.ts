/**
 * One error family for the whole provider. Every error thrown from `provider/` is a
 * `HostingBackupsError`; callers branch on the subclass or on `retryable`, never on
 * message text.
 *
 * The brand check uses `Symbol.for` because the dynamic-provider host can load a
 * second copy of this module, and `instanceof` fails across copies.
 */
const BRAND = Symbol.for("pulumi-hosting-backups.error");

/** Secrets registered here are scrubbed from every error message we construct. */
const knownSecrets = new Set<string>();

/** Registers a credential so that no error message or log line can echo it. */
export function registerSecret(value: string | undefined): void {
  // Very short values would redact ordinary words; real tokens are long.
  if (value && value.length >= 6) knownSecrets.add(value);
}

/** Replaces every registered secret (and its Basic-auth encodings) with `[redacted]`. */
export function redact(text: string): string {
  let out = text;
  for (const secret of knownSecrets) {
    out = out.split(secret).join("[redacted]");
  }
  // Authorization headers that slipped into a message, whatever the token.
  return out.replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/g, "$1 [redacted]");
}

export abstract class HostingBackupsError extends Error {
  readonly [BRAND] = true;
  /** Whether repeating the same call may succeed. */
  readonly retryable: boolean = false;

  constructor(message: string) {
    super(redact(message));
    this.name = new.target.name;
  }

  static is(value: unknown): value is HostingBackupsError {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}

/** An input broke a rule. `field` is the dotted input path, e.g. `retention.keepLast`. */
export class ValidationError extends HostingBackupsError {
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${field}: ${rule}`);
  }
}

/** Missing or unusable provider configuration (credentials, base URLs, accounts). */
export class ConfigurationError extends HostingBackupsError {}

/** The vendor cannot do what was asked (e.g. WP Engine has no delete-backup API). */
export class UnsupportedFeatureError extends HostingBackupsError {
  constructor(
    readonly vendor: string,
    readonly feature: string,
    detail: string,
  ) {
    super(`${vendor} does not support ${feature}: ${detail}`);
  }
}

export interface VendorApiErrorDetails {
  vendor: string;
  /** What we were doing, e.g. `createBackup`. */
  operation: string;
  /** HTTP status, when the vendor answered. */
  status?: number;
  /** The vendor's own error message, when it sent one. */
  vendorMessage?: string;
  /** The vendor's request id, when it sent one. */
  requestId?: string;
  retryable?: boolean;
  /** Seconds the vendor asked us to wait (Retry-After). */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/** A call to a vendor API failed. */
export class VendorApiError extends HostingBackupsError {
  readonly vendor: string;
  readonly operation: string;
  readonly status?: number;
  readonly vendorMessage?: string;
  readonly requestId?: string;
  override readonly retryable: boolean;
  readonly retryAfterSeconds?: number;

  constructor(details: VendorApiErrorDetails, summary?: string) {
    const parts = [`${details.vendor} ${details.operation} failed`];
    if (details.status !== undefined) parts.push(`HTTP ${details.status}`);
    let message = parts.join(" with ");
    if (summary) message += `: ${summary}`;
    if (details.vendorMessage) message += `: ${details.vendorMessage}`;
    if (details.requestId) message += ` (request id ${details.requestId})`;
    super(message);
    this.vendor = details.vendor;
    this.operation = details.operation;
    this.status = details.status;
    this.vendorMessage = details.vendorMessage === undefined ? undefined : redact(details.vendorMessage);
    this.requestId = details.requestId;
    this.retryable = details.retryable ?? false;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

/** 404: the backup, target or operation does not exist (or is not visible to this credential). */
export class NotFoundError extends VendorApiError {}
/** 401/403: the credential is missing, wrong, or lacks access to the target. */
export class AuthError extends VendorApiError {}
/** 429 after all retries were spent. */
export class RateLimitedError extends VendorApiError {}
/** The vendor answered with a body that does not match its documented shape. */
export class ResponseShapeError extends VendorApiError {}
/**
 * The request may or may not have reached the vendor (timeout or reset after sending).
 * Never blindly retried for creates: the caller first looks for its marked backup.
 */
export class AmbiguousRequestError extends VendorApiError {}
/** A backup, restore or operation reached a failed state at the vendor. */
export class OperationFailedError extends VendorApiError {}
/** Waiting for a backup or restore ran past the resource's `timeout`. */
export class WaitTimeoutError extends HostingBackupsError {}

/** Backups a `BackupGate` waited for did not all complete; `failures` names each of them. */
export class BackupsIncompleteError extends HostingBackupsError {
  constructor(
    readonly failures: readonly string[],
    total: number,
  ) {
    super(
      `${failures.length} of ${total} backups did not complete:\n  ${failures.join("\n  ")}\nThe gate is not created, so nothing that depends on it runs; the next \`pulumi up\` waits again (a failed backup is taken again once a refresh saw it failed, or its Backup is replaced)`,
    );
  }
}

/**
 * Tells the engine the vendor-side object exists but did not finish (e.g. a backup still
 * running when `timeout` ran out): Pulumi keeps `id` and `properties` in the state and the
 * next `pulumi up` continues through `update` instead of creating a duplicate.
 */
export class ResourceInitFailure extends HostingBackupsError {
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Record<string, unknown>,
    readonly reasons: string[] = [message],
  ) {
    super(message);
  }
}

/** `instanceof` that also works across two loaded copies of this module. */
export function isErrorOf<T extends abstract new (...args: never[]) => HostingBackupsError>(
  error: unknown,
  errorClass: T,
): error is InstanceType<T> {
  if (error instanceof errorClass) return true;
  if (!HostingBackupsError.is(error)) return false;
  // Walk the prototype chain by class name, which survives a second module copy.
  for (let proto = Object.getPrototypeOf(error); proto; proto = Object.getPrototypeOf(proto)) {
    if (proto.constructor?.name === errorClass.name) return true;
  }
  return false;
}
