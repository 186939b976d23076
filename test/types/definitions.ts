/**
 * Compile-only checks of the resource definitions (run by `npm run typecheck`, never
 * executed): every input of a resource's schema must carry its class, and only its inputs.
 */
import { z } from "zod";
import { defineResource } from "../../provider/resources/shared/definition";

const inputs = z.object({ target: z.string(), note: z.string().optional(), identity: z.string().optional() }).strict();
const outputs = z.object({ id: z.string(), link: z.string().optional() });
const lifecycle = {
  check: (_olds: Record<string, unknown>, news: Record<string, unknown>) => ({ inputs: news, failures: [] }),
  create: async () => ({ id: "x", outs: {} }),
  read: async (id: string) => ({ id, props: {} }),
  update: async () => ({}),
  delete: async () => undefined,
};

export const classified = defineResource({
  name: "Example",
  inputs,
  outputs,
  fields: { target: "replaces", note: "updates", identity: "internal" },
  secretOutputs: ["link"],
  import: { refused: "an example" },
  ...lifecycle,
});

export const unclassified = defineResource({
  name: "Example",
  inputs,
  outputs,
  // @ts-expect-error `note` has no class: a new schema field must say whether it replaces
  fields: { target: "replaces", identity: "internal" },
  secretOutputs: [],
  import: { refused: "an example" },
  ...lifecycle,
});

export const unknownField = defineResource({
  name: "Example",
  inputs,
  outputs,
  // @ts-expect-error `other` is not an input of the schema
  fields: { target: "replaces", note: "updates", identity: "internal", other: "updates" },
  secretOutputs: [],
  import: { refused: "an example" },
  ...lifecycle,
});

export const unknownClass = defineResource({
  name: "Example",
  inputs,
  outputs,
  // @ts-expect-error a class is one of replaces, updates, internal
  fields: { target: "recreates", note: "updates", identity: "internal" },
  secretOutputs: [],
  import: { refused: "an example" },
  ...lifecycle,
});

export const unknownSecret = defineResource({
  name: "Example",
  inputs,
  outputs,
  fields: { target: "replaces", note: "updates", identity: "internal" },
  // @ts-expect-error a secret output must be an output of the schema
  secretOutputs: ["password"],
  import: { refused: "an example" },
  ...lifecycle,
});
