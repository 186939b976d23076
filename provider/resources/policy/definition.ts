/**
 * The `BackupPolicy` resource, defined once (see shared/definition.ts). A declared input that
 * changed is an in-place update (only `target` replaces); so is work in the plan `check`
 * computed for the new inputs (`plannedPrunes`, `plannedBackup`, `plannedSchedules`): that is
 * how vendor drift, and the work a new or changed policy brings, show as an update whose
 * properties `pulumi preview --diff` lists.
 */
import { BACKUP_OPTION_KEYS } from "../backup/schema";
import { defineResource } from "../shared/definition";
import { checkPolicy } from "./check";
import { createPolicy, deletePolicy, readPolicy, updatePolicy } from "./lifecycle";
import { PLANNED_KEYS } from "./plan";
import { policyInputsSchema, policyOutputsSchema } from "./schema";

/** The vendor options apply to the backups freshness takes next: no existing backup changes. */
const optionFields = Object.fromEntries(BACKUP_OPTION_KEYS.map((key) => [key, "updates"])) as Record<
  (typeof BACKUP_OPTION_KEYS)[number],
  "updates"
>;

export const policyResource = defineResource({
  name: "BackupPolicy",
  inputs: policyInputsSchema,
  outputs: policyOutputsSchema,
  fields: {
    target: "replaces",
    account: "updates",
    retention: "updates",
    match: "updates",
    schedule: "updates",
    freshness: "updates",
    ...optionFields,
    timeout: "updates",
    allowInitialPrune: "updates",
    identity: "internal",
  },
  secretOutputs: [],
  import: { refused: "declare it in the program instead (it finds its vendor objects from its inputs)" },
  plannedOutputs: PLANNED_KEYS,
  check: checkPolicy,
  create: createPolicy,
  read: readPolicy,
  update: updatePolicy,
  delete: deletePolicy,
});
