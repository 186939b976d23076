/**
 * The `RestoreOperation` resource, defined once (see shared/definition.ts): what defines the
 * restore runs a new one; the rest changes in place. `backup` (a selector) replaces only when
 * the selector itself changes: the id it chose is an output, so a newer backup appearing later
 * changes nothing.
 */
import { defineResource } from "../shared/definition";
import { checkRestoreInputs } from "./inputs";
import { createRestore, deleteRestore, readRestore, updateRestore } from "./lifecycle";
import { RESTORE_OPTION_KEYS, restoreInputsSchema, restoreOutputsSchema } from "./schema";

/** Every vendor option of a restore defines the restore run. */
const optionFields = Object.fromEntries(RESTORE_OPTION_KEYS.map((key) => [key, "replaces"])) as Record<
  (typeof RESTORE_OPTION_KEYS)[number],
  "replaces"
>;

export const restoreResource = defineResource({
  name: "RestoreOperation",
  inputs: restoreInputsSchema,
  outputs: restoreOutputsSchema,
  fields: {
    target: "replaces",
    source: "replaces",
    account: "updates",
    backupId: "replaces",
    backup: "replaces",
    pointInTime: "replaces",
    confirm: "updates",
    ...optionFields,
    triggers: "replaces",
    waitForCompletion: "updates",
    timeout: "updates",
  },
  secretOutputs: [],
  import: { refused: "declare it in the program instead (a restore is an action run once, not a vendor object)" },
  check: (_olds, news) => checkRestoreInputs(news),
  create: createRestore,
  read: readRestore,
  update: updateRestore,
  delete: deleteRestore,
});
