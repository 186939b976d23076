import * as pulumi from "@pulumi/pulumi";
import type { DynamicModule } from "../provider/dynamic/define";
import type { gateResource } from "../provider/resources/gate/definition";
import type { GateBackup, GateEntry } from "../provider/resources/gate/schema";
import { Backup } from "./backup";
import { dynamicResourceArgs, type ArgsOf, type OutputsOf } from "./shapes";

/** One backup a {@link BackupGate} waits for, as the YAML/plugin form spells it (the schema's docs). */
export type BackupGateEntry = GateEntry;

/** One backup as a {@link BackupGate} saw it (its `completedBackups` output). */
export type BackupGateCompletedBackup = GateBackup;

/** Inputs of a {@link BackupGate}. */
export interface BackupGateArgs extends Omit<ArgsOf<typeof gateResource>, "backups"> {
  /**
   * The backups to wait for: `Backup` resources, usually declared with
   * `waitForCompletion: false` so that none holds one of the engine's slots while it is taken.
   * A different list (e.g. the backups of a new release) makes a new gate that waits again.
   * @example [siteA, siteB]
   */
  backups: pulumi.Input<(Backup | pulumi.Input<BackupGateEntry>)[]>;
}

/** The output properties of a {@link BackupGate}, from the schema's outputs (docs there). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface BackupGate extends OutputsOf<typeof gateResource> {}

/**
 * Waits for many backups at once: the step a release pipeline's deploy depends on. Declare
 * each site's `Backup` with `waitForCompletion: false` (it returns once the vendor accepted
 * it, holding none of the engine's slots), hand them all to one gate, and make the deploy
 * depend on the gate: `pulumi up` then takes about the longest backup's time plus the
 * vendors' rate limits, instead of (backups ÷ the engine's parallelism) × backup time.
 *
 * The gate waits for all of them concurrently in one process (shared target lists, one
 * request budget per account). It is created only once it saw every backup completed at the
 * vendor; when any failed or was still running at `timeout`, `up` fails naming each of them,
 * and whatever depends on the gate does not run. `pulumi preview` shows the backups to be taken and
 * the gate to be created. Refresh looks at each backup again: one gone or failed makes the
 * gate `incomplete`, and the next `up` replaces it (waits again). Destroying the gate deletes
 * nothing at the vendors. See docs/release-pipeline.md.
 *
 * @example A release pipeline
 * const backups = sites.map((site) => new Backup(`pre-release-${site.name}`, {
 *   target: site.target, description: "pre-release", triggers: [version], waitForCompletion: false,
 * }));
 * const gate = new BackupGate("pre-release", { backups });
 * new command.local.Command("deploy", { create: "./deploy.sh" }, { dependsOn: [gate] });
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class BackupGate extends pulumi.dynamic.Resource {
  constructor(name: string, args: BackupGateArgs, opts?: pulumi.CustomResourceOptions) {
    const backups = pulumi.output(args.backups).apply((list) => pulumi.all(list.map(entryOf)));
    // The module itself, not an object built here: serialized as a require by name.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require("../provider/dynamic/backup-gate") as DynamicModule;
    super(...dynamicResourceArgs(module, name, { ...args, backups }, opts));
  }

  /**
   * The vendor's id of one of the gate's backups, as the gate saw it completed: on Kinsta known
   * here before any refresh fills in the `Backup`'s own `backupId`.
   * @example new RestoreOperation("drill", { target, backupId: gate.backupIdOf(live), confirm, notifiedUserId })
   */
  backupIdOf(backup: Backup): pulumi.Output<string> {
    const name = Backup.declarationOf(backup)?.name;
    return this.completedBackups.apply((seen) => seen.find((b) => b.name === name)?.backupId ?? "");
  }
}

/** A `Backup` resource as the gate's entry: its id and the outputs that find its backup. */
function entryOf(item: Backup | pulumi.Unwrap<BackupGateEntry>): pulumi.Input<BackupGateEntry> {
  if (!pulumi.Resource.isInstance(item)) return item;
  const declared = Backup.declarationOf(item);
  return pulumi
    .all([item.id, item.marker, item.operationId, item.createdAt, declared?.account])
    .apply(([id, marker, operationId, createdAt, account]) => ({
      name: declared?.name ?? id,
      id,
      marker,
      operationId,
      createdAt,
      account,
    }));
}
