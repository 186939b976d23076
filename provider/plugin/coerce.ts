/**
 * Scalars as the schema types them. Pulumi YAML (and stack config read into it) hands
 * `serverId: 12345` to the provider as a number, while the schema — and the vendor's API —
 * take a string id; Pulumi's bridged providers convert such scalars the same way. Only
 * number/boolean → string is done: anything else is left for `check` to report.
 */
import { isSecretMarker } from "./secrets";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

export function coerceToSchema(value: unknown, spec: Json | undefined, schema: Json): unknown {
  if (spec === undefined || value === undefined || value === null) return value;
  if (isSecretMarker(value)) return { ...value, value: coerceToSchema(value.value, spec, schema) };
  if (spec.$ref?.startsWith("#/types/")) return coerceToSchema(value, schema.types[spec.$ref.slice(8)], schema);
  if (spec.oneOf && spec.discriminator && value && typeof value === "object" && !Array.isArray(value)) {
    const tag = (value as Json)[spec.discriminator.propertyName];
    const ref = spec.discriminator.mapping[typeof tag === "string" ? tag : ""];
    return ref ? coerceToSchema(value, { $ref: ref }, schema) : value;
  }
  if (spec.type === "string" && (typeof value === "number" || typeof value === "boolean")) return String(value);
  if (spec.type === "array" && Array.isArray(value))
    return value.map((item) => coerceToSchema(item, spec.items, schema));
  if (spec.type === "object" && spec.properties && value && typeof value === "object" && !Array.isArray(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, coerceToSchema(item, spec.properties[key], schema)]),
    );
  }
  return value;
}

/** A resource's inputs with their scalars coerced to the schema's types (see above). */
export function coerceInputs(inputs: Json, token: string, schema: Json): Json {
  const properties = schema.resources[token]?.inputProperties;
  return coerceToSchema(inputs, { type: "object", properties }, schema) as Json;
}
