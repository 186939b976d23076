/**
 * Compile-only checks of the public SDK types (run by `npm run typecheck`, never executed):
 * each `@ts-expect-error` line must stay an error, or tsc fails; each `Same<…>` must hold, or
 * tsc fails: the SDK's types are exactly the resource schemas' types
 * (provider/resources/<resource>/schema.ts), unwrapped from Pulumi's `Input`/`Output`.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { BackupDeclaredInputs, BackupOutputs } from "../../provider/resources/backup/schema";
import type { PolicyDeclaredInputs, PolicyOutputs } from "../../provider/resources/policy/schema";
import type { RestoreDeclaredInputs, RestoreOutputs } from "../../provider/resources/restore/schema";
import {
  Backup,
  BackupPolicy,
  RestoreOperation,
  type BackupArgs,
  type BackupPolicyArgs,
  type BackupPolicySchedule,
  type RestoreOperationArgs,
} from "../../sdk";

/** Exact type equality (not mere assignability either way). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Holds<T extends true> = T;
/** A value once Pulumi resolved it (`pulumi.Unwrap` turns `unknown` into `never`, so not that). */
type Plain<T> = T extends pulumi.OutputInstance<infer U> ? U : T extends Promise<infer U> ? U : T;
type PlainItems<T> = T extends readonly (infer Item)[] ? Plain<Item>[] : T;
/** What a program's arguments are once Pulumi resolved every `Input` (list items too). */
type Resolved<Args> = { [K in keyof Args]: PlainItems<Plain<Args[K]>> };
/** What a resource's output properties hold once resolved, for the keys of `Outputs`. */
type OutputValues<Resource, Outputs> = { [K in keyof Outputs]: pulumi.Unwrap<Resource[K & keyof Resource]> };

export type SchemaAgreement = [
  Holds<Same<Resolved<BackupArgs>, Omit<BackupDeclaredInputs, "identity">>>,
  Holds<Same<OutputValues<Backup, BackupOutputs>, BackupOutputs>>,
  Holds<Same<Resolved<BackupPolicyArgs>, Omit<PolicyDeclaredInputs, "identity">>>,
  Holds<Same<OutputValues<BackupPolicy, PolicyOutputs>, PolicyOutputs>>,
  Holds<Same<Resolved<RestoreOperationArgs>, RestoreDeclaredInputs>>,
  Holds<Same<OutputValues<RestoreOperation, RestoreOutputs>, RestoreOutputs>>,
];

export function typeChecks() {
  new Backup("ok", { target: { vendor: "kinsta", environmentId: "e" }, triggers: ["v1"], deletionPolicy: "retain" });
  new Backup("ok-nf", {
    target: { vendor: "northflank", projectId: "p", addonId: "a" },
    backupType: "dump",
    compressionType: "zstd",
  });

  // @ts-expect-error an unknown vendor is not a target
  new Backup("bad-vendor", { target: { vendor: "godaddy", siteId: "x" } });
  // @ts-expect-error a Kinsta target needs environmentId, not installId
  new Backup("bad-fields", { target: { vendor: "kinsta", installId: "x" } });
  // @ts-expect-error deletionPolicy is retain or delete
  new Backup("bad-policy", { target: { vendor: "vpsorg", serverId: "1" }, deletionPolicy: "archive" });
  // @ts-expect-error target is required
  const noTarget: BackupArgs = { description: "x" };
  // @ts-expect-error identity is set by the SDK class, not by a program
  new Backup("identity", { target: { vendor: "vpsorg", serverId: "1" }, identity: "p/s/n" });
  // @ts-expect-error compressionType is gz or zstd (Northflank's option, typed from its schema)
  new Backup("bad-compression", { target: { vendor: "vpsorg", serverId: "1" }, compressionType: "xz" });

  // @ts-expect-error confirm is required on a restore
  new RestoreOperation("no-confirm", { target: { vendor: "vpsorg", serverId: "1" }, backupId: "501" });

  // @ts-expect-error retention.keepLast is a number
  new BackupPolicy("bad-retention", { target: { vendor: "vpsorg", serverId: "1" }, retention: { keepLast: "3" } });
  const northflank = { vendor: "northflank", projectId: "p", addonId: "a" } as const;
  // @ts-expect-error schedule intervals are hourly, daily or weekly
  const monthly: BackupPolicySchedule = { interval: "monthly", minute: [0], retentionDays: 7 };
  new BackupPolicy("monthly", { target: northflank, schedule: monthly });

  return noTarget;
}
