/**
 * The `BackupPolicy` resource, defined once (see shared/definition.ts). A declared input that
 * changed is an in-place update (only `target` replaces); so is work in the plan `check`
 * computed for the new inputs (`plannedPrunes`, `plannedBackup`, `plannedSchedules`): that is
 * how vendor drift, and the work a new or changed policy brings, show as an update whose
 * properties `pulumi preview --diff` lists.
 */
import { defineResource } from "../shared/definition";
import { checkPolicy } from "./check";
import { createPolicy, deletePolicy, readPolicy, updatePolicy } from "./lifecycle";
import { PLANNED_KEYS } from "./plan";
import { policyFields, policyInputsSchema, policyOutputsSchema } from "./schema";

export const policyResource = defineResource({
  name: "BackupPolicy",
  inputs: policyInputsSchema,
  outputs: policyOutputsSchema,
  fields: policyFields,
  secretOutputs: [],
  import: { refused: "declare it in the program instead (it finds its vendor objects from its inputs)" },
  plannedOutputs: PLANNED_KEYS,
  check: checkPolicy,
  create: createPolicy,
  read: readPolicy,
  update: updatePolicy,
  delete: deletePolicy,
});
