/**
 * The `BackupGate` resource's shape, written once: its inputs and outputs as zod schemas, with
 * the public documentation on their properties. `check` (inputs.ts), the lifecycle and the
 * SDK's `BackupGateArgs` take their types from here.
 */
import { z } from "zod";
import { BACKUP_STATES } from "../../vendors/vendor";
import type { FieldClasses } from "../shared/definition";
import { durationSchema } from "../shared/duration";

export const DEFAULT_GATE_TIMEOUT = "60m";

/** One backup the gate waits for: what its `Backup` resource reports. */
export const gateEntrySchema = z
  .object({
    /** A name for messages: the `Backup` resource's name (the TypeScript SDK sets it). */
    name: z.string().min(1, "must not be empty"),
    /**
     * The `Backup` resource's id: `<vendor>/<target ids>/<backupId>`, or on Kinsta, before the
     * backup is listed, `kinsta/<environmentId>/<operationId>`.
     */
    id: z.string().min(1, "must not be empty"),
    /** The `Backup`'s `marker` output: how a Kinsta backup is found once its operation ended. */
    marker: z.string().regex(/^[0-9a-f]{8}$/, "must be a Backup's marker output: 8 hexadecimal digits"),
    /**
     * The `Backup`'s `operationId` output, when it has one (Kinsta, not yet listed).
     * @default unset: the backup is found by its `id`
     */
    operationId: z.string().min(1, "must not be empty").optional(),
    /**
     * The `Backup`'s `createdAt` output: when it was requested.
     * @default unset: no request time narrows the search for a Kinsta backup not yet listed
     */
    createdAt: z.string().optional(),
    /**
     * The `Backup`'s named `account`, if it uses one.
     * @default unset: the vendor's default credentials
     */
    account: z.string().min(1, "must not be empty").optional(),
  })
  .strict();
export type GateEntry = z.output<typeof gateEntrySchema>;

export const gateInputsSchema = z
  .object({
    /**
     * The backups to wait for, usually `Backup` resources declared with
     * `waitForCompletion: false` (the TypeScript SDK takes the resources themselves). A
     * different list (e.g. new backups for a new release) makes a new gate that waits again.
     */
    backups: z.array(gateEntrySchema).min(1, "must list at least one backup"),
    /**
     * How long `pulumi up` waits for all of them: `"90s"`, `"30m"`, `"2h"`. A gate that timed
     * out is not created, and the next `up` waits again.
     * @default "60m"
     */
    timeout: durationSchema.default(DEFAULT_GATE_TIMEOUT),
  })
  .strict();

/** What changing each input does (the gate's own diff refines `backups`: diff.ts). */
export const gateFields = {
  backups: "replaces",
  timeout: "updates",
} as const satisfies FieldClasses<typeof gateInputsSchema>;

/** The inputs as a program declares them (before `check` fills the defaults). */
export type GateDeclaredInputs = z.input<typeof gateInputsSchema>;
/** The inputs after `check`. */
export type GateInputs = z.output<typeof gateInputsSchema>;

/** What the gate saw of one backup. */
export const gateBackupSchema = z.object({
  /** The name it was given. */
  name: z.string(),
  /** The vendor's backup id (on Kinsta, resolved by the gate). */
  backupId: z.string(),
  /** `completed` when the gate saw it so; a refresh may find it `failed` or `missing`. */
  status: z.enum([...BACKUP_STATES, "missing"]),
  /** When it completed (ISO-8601), where the vendor says. */
  completedAt: z.string().optional(),
});
export type GateBackup = z.output<typeof gateBackupSchema>;

/** What `BackupGate` reports besides its inputs. */
export const gateOutputsSchema = z.object({
  /**
   * `completed`: the gate saw every backup completed at the vendor. A refresh that finds one
   * failed or gone makes it `incomplete`, and the next `up` replaces the gate (waits again).
   */
  status: z.enum(["completed", "incomplete"]),
  /** Each backup as the gate last saw it, in the order given. */
  completedBackups: z.array(gateBackupSchema),
  /** When the gate saw the last backup complete (ISO-8601). */
  completedAt: z.string(),
});
export type GateOutputs = z.output<typeof gateOutputsSchema>;
