/**
 * One typed definition per resource (provider/resources/<r>/definition.ts): its zod input and
 * output schemas (the shapes and their docs), what changing each input does, which outputs are
 * secret, how it is imported, and its lifecycle. Everything that used to list these facts by
 * hand is derived from it: `diff`, the dynamic-resource module (provider/dynamic/), the
 * plugin's resource table, the SDK classes' registration, the schema and the docs tables.
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { canonicalJson } from "./json";

/**
 * What changing an input does: `replaces` takes a new vendor object (a new backup, a new
 * restore); `updates` changes the resource in place; `internal` is set by the provider or the
 * SDK class itself, never by a program (not in the SDK's arguments nor in the plugin's schema,
 * and not diffed).
 */
export type FieldClass = "replaces" | "updates" | "internal";

type Props = Record<string, unknown>;
type CheckResult = { inputs: Props; failures: pulumi.dynamic.CheckFailure[] };

/** Every input of a schema with its class: the type a resource's field list must satisfy. */
export type FieldClasses<Inputs extends z.ZodObject> = { [K in keyof z.input<Inputs>]-?: FieldClass };

/** How `pulumi import` (the plugin) reads an existing vendor object in, or why it cannot. */
export type ImportRule = { idFormat: string } | { refused: string };

/** What a resource's folder writes; `defineResource` derives the rest. */
export interface ResourceSpec<
  Inputs extends z.ZodObject,
  Outputs extends z.ZodObject,
  Fields extends { [K in keyof z.input<Inputs>]-?: FieldClass },
> {
  /** The type name: `hostingbackups:index:<name>`, the SDK class, the docs page's resource. */
  name: string;
  inputs: Inputs;
  outputs: Outputs;
  /** Every input's class. A schema field missing here, or a key that is no input, does not compile. */
  fields: Fields & { [K in Exclude<keyof Fields, keyof z.input<Inputs>>]: never };
  /** Outputs always stored as secrets, whatever the inputs. */
  secretOutputs: readonly (keyof z.output<Outputs>)[];
  import: ImportRule;
  /**
   * Computed properties `check` fills for the new inputs (the policy's planned work): when one
   * holds something, the diff reports an in-place change, and the plugin's detailed diff names it.
   */
  plannedOutputs?: readonly (keyof z.output<Outputs>)[];
  /** Replacements the inputs alone do not show (a Backup that failed at the vendor). */
  replacesAlso?(olds: Props, news: Props): string[];
  check(olds: Props, news: Props): CheckResult | Promise<CheckResult>;
  // Methods (not function properties): the engine hands each one what `check` returned or
  // what the state holds, which the lifecycle types by the resource's own names.
  create(inputs: z.output<Inputs>): Promise<{ id: string; outs: Props }>;
  read(id: string, props: z.output<Inputs> & z.output<Outputs>): Promise<{ id: string; props: Props; inputs?: Props }>;
  update(id: string, olds: z.output<Inputs> & z.output<Outputs>, news: z.output<Inputs>): Promise<{ outs?: Props }>;
  delete(id: string, props: z.output<Inputs> & z.output<Outputs>): Promise<void>;
}

/** The input keys of one class. */
type KeysOf<Fields, Class extends FieldClass> = {
  [K in keyof Fields]: Fields[K] extends Class ? K : never;
}[keyof Fields] &
  string;

/** A resource as everything derived from it sees it (the plugin, the schema, the docs, the tests). */
export interface ResourceDefinition {
  name: string;
  inputs: z.ZodObject;
  outputs: z.ZodObject;
  fields: Readonly<Record<string, FieldClass>>;
  secretOutputs: readonly string[];
  import: ImportRule;
  plannedOutputs: readonly string[];
  /** Every input key, in the schema's order. */
  inputKeys: readonly string[];
  /** The inputs a program sets (all but the internal ones): the SDK's arguments, the plugin's schema. */
  declaredKeys: readonly string[];
  /** Inputs whose change takes a new vendor object, in the schema's order. */
  replacingKeys: readonly string[];
  /** Inputs whose change updates in place, in the schema's order. */
  inPlaceKeys: readonly string[];
  outputKeys: readonly string[];
  /** Takes `identity` (`<project>/<stack>/<name>`, part of its backups' markers), which the SDK class and the plugin set. */
  takesIdentity: boolean;
  check(olds: Props, news: Props): CheckResult | Promise<CheckResult>;
  /** `diff`, with no API call: replaces and in-place updates from the field classes, plus the resource's hooks. */
  diff(olds: Props, news: Props): { changes: boolean; replaces: string[]; deleteBeforeReplace: boolean };
  create(inputs: Props): Promise<{ id: string; outs: Props }>;
  read(id: string, props: Props): Promise<{ id: string; props: Props; inputs?: Props }>;
  update(id: string, olds: Props, news: Props): Promise<{ outs?: Props }>;
  delete(id: string, props: Props): Promise<void>;
}

/** A definition that keeps its schema and field types, for the SDK's types. */
export interface TypedDefinition<
  Inputs extends z.ZodObject,
  Outputs extends z.ZodObject,
  Fields extends Readonly<Record<string, FieldClass>>,
> extends ResourceDefinition {
  inputs: Inputs;
  outputs: Outputs;
  fields: Fields;
}

/** The inputs a program declares: the schema's inputs without the internal ones. */
export type DeclaredInputs<D> =
  D extends TypedDefinition<infer Inputs, z.ZodObject, infer Fields>
    ? Omit<z.input<Inputs>, KeysOf<Fields, "internal">>
    : never;

/** The outputs a resource reports besides its inputs. */
export type ResourceOutputsOf<D> =
  D extends TypedDefinition<z.ZodObject, infer Outputs, Readonly<Record<string, FieldClass>>>
    ? z.output<Outputs>
    : never;

/** A planned-work output holds something (an empty list or string is no work). */
export const isPlanned = (value: unknown) =>
  value !== undefined && value !== null && value !== "" && !(Array.isArray(value) && value.length === 0);

export function defineResource<
  Inputs extends z.ZodObject,
  Outputs extends z.ZodObject,
  const Fields extends { [K in keyof z.input<Inputs>]-?: FieldClass },
>(spec: ResourceSpec<Inputs, Outputs, Fields>): TypedDefinition<Inputs, Outputs, Fields> {
  const inputKeys = Object.keys(spec.inputs.shape);
  const classOf = (key: string): FieldClass => (spec.fields as Record<string, FieldClass>)[key];
  const keysOf = (c: FieldClass) => inputKeys.filter((key) => classOf(key) === c);
  const replacingKeys = keysOf("replaces");
  const inPlaceKeys = keysOf("updates");
  const planned = (spec.plannedOutputs ?? []) as readonly string[];
  return {
    ...spec,
    secretOutputs: spec.secretOutputs as readonly string[],
    plannedOutputs: planned,
    inputKeys,
    declaredKeys: inputKeys.filter((key) => classOf(key) !== "internal"),
    replacingKeys,
    inPlaceKeys,
    outputKeys: Object.keys(spec.outputs.shape),
    takesIdentity: classOf("identity") === "internal",
    diff(olds, news) {
      const differs = (key: string) => canonicalJson(olds[key]) !== canonicalJson(news[key]);
      const replaces: string[] = [...replacingKeys.filter(differs), ...(spec.replacesAlso?.(olds, news) ?? [])];
      const updates = inPlaceKeys.filter(differs);
      const work = planned.some((key) => isPlanned(news[key]));
      return { changes: replaces.length > 0 || updates.length > 0 || work, replaces, deleteBeforeReplace: false };
    },
  };
}

/** A field without its `optional`/`default`/`nullable` wrappers. */
function unwrapped(field: z.ZodType): z.ZodType {
  while (field instanceof z.ZodOptional || field instanceof z.ZodDefault || field instanceof z.ZodNullable)
    field = field.unwrap() as z.ZodType;
  return field;
}

/** A field's constant default (zod `.default(…)`), or undefined when unset means something else. */
export function constantDefault(field: z.ZodType): { value: unknown } | undefined {
  while (field instanceof z.ZodOptional || field instanceof z.ZodNullable) field = field.unwrap() as z.ZodType;
  return field instanceof z.ZodDefault ? { value: field.def.defaultValue as unknown } : undefined;
}

/** A field's closed set of values (a zod enum), or undefined when it has none. */
export function closedSet(field: z.ZodType): readonly string[] | undefined {
  const inner = unwrapped(field);
  return inner instanceof z.ZodEnum ? (inner.options as string[]) : undefined;
}

/**
 * Every object schema a schema holds, at any depth (through lists, unions and transforms):
 * the nested parts of a resource's inputs (a policy's `retention`, a target…), each with its
 * own fields' defaults and closed sets.
 */
export function objectSchemas(schema: z.ZodType, found: z.ZodObject[] = []): z.ZodObject[] {
  const inner = unwrapped(schema);
  if (inner instanceof z.ZodObject) {
    if (!found.includes(inner)) found.push(inner);
    for (const field of Object.values(inner.shape)) objectSchemas(field as z.ZodType, found);
  } else if (inner instanceof z.ZodArray) objectSchemas(inner.element as z.ZodType, found);
  else if (inner instanceof z.ZodUnion) for (const option of inner.options) objectSchemas(option as z.ZodType, found);
  else if (inner instanceof z.ZodPipe) objectSchemas(inner.in as z.ZodType, found);
  return found;
}
