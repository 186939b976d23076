/**
 * The `BackupGate` resource, defined once (see shared/definition.ts). Its `diff` is its own
 * (diff.ts): another list of backups replaces the gate, except where a refresh only resolved a
 * Kinsta backup to the id the gate saw complete, or rewrote its creation time.
 */
import { defineResource } from "../shared/definition";
import { diffGate } from "./diff";
import { checkGateInputs } from "./inputs";
import { createGate, deleteGate, readGate, updateGate } from "./lifecycle";
import { gateFields, gateInputsSchema, gateOutputsSchema } from "./schema";

const defined = defineResource({
  name: "BackupGate",
  inputs: gateInputsSchema,
  outputs: gateOutputsSchema,
  fields: gateFields,
  secretOutputs: [],
  import: { refused: "declare it in the program instead (a gate is a wait over backups, not a vendor object)" },
  check: (_olds, news) => checkGateInputs(news),
  create: createGate,
  read: readGate,
  update: updateGate,
  delete: deleteGate,
});

export const gateResource: typeof defined = { ...defined, diff: diffGate };
