/**
 * The `RestoreOperation` resource, defined once (see shared/definition.ts): what defines the
 * restore runs a new one; the rest changes in place. `backup` (a selector) replaces only when
 * the selector itself changes: the id it chose is an output, so a newer backup appearing later
 * changes nothing.
 */
import { defineResource } from "../shared/definition";
import { checkRestoreInputs } from "./inputs";
import { createRestore, deleteRestore, readRestore, updateRestore } from "./lifecycle";
import { restoreFields, restoreInputsSchema, restoreOutputsSchema } from "./schema";

export const restoreResource = defineResource({
  name: "RestoreOperation",
  inputs: restoreInputsSchema,
  outputs: restoreOutputsSchema,
  fields: restoreFields,
  secretOutputs: [],
  import: { refused: "declare it in the program instead (a restore is an action run once, not a vendor object)" },
  check: (_olds, news) => checkRestoreInputs(news),
  create: createRestore,
  read: readRestore,
  update: updateRestore,
  delete: deleteRestore,
});
