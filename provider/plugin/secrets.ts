/**
 * Secrets on the wire. A provider that tells `Configure` it accepts secrets receives each
 * secret value wrapped in a marker object; the resource code validates and stores plain
 * values, so the plugin unwraps them on the way in, remembering each one's property path,
 * and wraps the values at those paths again on the way out (check's inputs, create/read/
 * update outputs). Without that, a secret input would land in the state in plaintext.
 */

/** Pulumi's wire marker for a secret: `{ [SIG_KEY]: SECRET_SIG, value }`. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export type PropertyPath = (string | number)[];

export function isSecretMarker(value: unknown): value is { value: unknown } {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

export function wrapSecret(value: unknown): unknown {
  return isSecretMarker(value) ? value : { [SIG_KEY]: SECRET_SIG, value };
}

/** The value without secret markers, and the path of every secret found in it. */
export function unwrapSecrets(value: unknown, path: PropertyPath = []): { plain: unknown; secrets: PropertyPath[] } {
  if (isSecretMarker(value)) {
    // A secret's inner values are secret as a whole: one path.
    const inner = unwrapSecrets(value.value, path);
    return { plain: inner.plain, secrets: [path] };
  }
  if (Array.isArray(value)) {
    const secrets: PropertyPath[] = [];
    const plain = value.map((item, i) => {
      const inner = unwrapSecrets(item, [...path, i]);
      secrets.push(...inner.secrets);
      return inner.plain;
    });
    return { plain, secrets };
  }
  if (value && typeof value === "object") {
    const secrets: PropertyPath[] = [];
    const plain: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const inner = unwrapSecrets(item, [...path, key]);
      secrets.push(...inner.secrets);
      plain[key] = inner.plain;
    }
    return { plain, secrets };
  }
  return { plain: value, secrets: [] };
}

/**
 * `value` with the values at `paths` wrapped as secrets (a path that no longer exists is
 * skipped). Where the resource code changed the shape under a secret (e.g. one schedule
 * object normalised into a one-element list), the value from there on is secret as a whole,
 * so nothing leaks.
 */
export function wrapSecretsAt(value: Record<string, unknown>, paths: PropertyPath[]): Record<string, unknown> {
  let out: unknown = value;
  for (const path of paths) out = wrapAt(out, path);
  return out as Record<string, unknown>;
}

function wrapAt(value: unknown, path: PropertyPath): unknown {
  if (path.length === 0) return value === undefined ? value : wrapSecret(value);
  if (isSecretMarker(value)) return value;
  const [key, ...rest] = path;
  if (Array.isArray(value) && typeof key === "number" && key < value.length) {
    const copy = [...value];
    copy[key] = wrapAt(copy[key], rest);
    return copy;
  }
  if (value && typeof value === "object" && !Array.isArray(value) && typeof key === "string") {
    if (!(key in value)) return value;
    return { ...value, [key]: wrapAt((value as Record<string, unknown>)[key], rest) };
  }
  // The shape changed under a secret (e.g. an object became a list): the whole value from here on is secret.
  return value === undefined ? value : wrapSecret(value);
}
