/**
 * The `Backup` resource, defined once (see shared/definition.ts): anything that defines
 * *which* backup is taken replaces it (a new backup); how Pulumi waits for it, what happens on
 * delete and which account is used change in place, with no API call.
 */
import { VENDOR_NAMES, targetFieldNames } from "../../vendors/registry";
import { defineResource } from "../shared/definition";
import { checkBackupInputs } from "./inputs";
import { createBackup, deleteBackup, readBackup, updateBackup } from "./lifecycle";
import { backupFields, backupInputsSchema, backupOutputsSchema } from "./schema";

export const backupResource = defineResource({
  name: "Backup",
  inputs: backupInputsSchema,
  outputs: backupOutputsSchema,
  fields: backupFields,
  // A download link grants access to the data.
  secretOutputs: ["downloadUrl"],
  import: {
    idFormat: VENDOR_NAMES.map(
      (vendor) => `\`${[vendor, ...targetFieldNames(vendor).map((field) => `<${field}>`), "<backupId>"].join("/")}\``,
    ).join(", "),
  },
  // A backup that failed at the vendor (seen by refresh) is taken again.
  replacesAlso: (olds) => (olds.status === "failed" ? ["status"] : []),
  check: (_olds, news) => checkBackupInputs(news),
  create: createBackup,
  read: readBackup,
  update: updateBackup,
  delete: deleteBackup,
});
