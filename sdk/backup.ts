import * as pulumi from "@pulumi/pulumi";
import type { DynamicModule } from "../provider/dynamic/define";
import type { backupResource } from "../provider/resources/backup/definition";
import type { BackupDeclaredInputs } from "../provider/resources/backup/schema";
import { dynamicResourceArgs, type ArgsOf, type OutputsOf } from "./shapes";

/** Northflank additional backup destination (snapshot backups only). */
export type NorthflankAdditionalDestination = NonNullable<BackupDeclaredInputs["additionalDestinations"]>[number];

/** Inputs of a {@link Backup}: the schema's inputs (docs there), each a Pulumi `Input`. */
export type BackupArgs = ArgsOf<typeof backupResource>;

/** The output properties of a {@link Backup}, from the schema's outputs (docs there). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface Backup extends OutputsOf<typeof backupResource> {}

/**
 * A backup of a Kinsta environment, WP Engine install, VPS.org server or Northflank addon.
 * `pulumi up` takes it and waits for it; `pulumi refresh` notices when it was deleted or
 * failed at the vendor; destroy follows `deletionPolicy`.
 *
 * The resource id is `<vendor>/<target ids>/<backupId>`, e.g. `kinsta/<environmentId>/123456789`.
 *
 * @example Kinsta
 * new Backup("pre-release", { target: { vendor: "kinsta", environmentId }, description: "pre-release", triggers: [version] });
 * @example WP Engine
 * new Backup("pre-release", { target: { vendor: "wpengine", installId }, description: "pre-release", notificationEmails: ["ops@example.com"] });
 * @example VPS.org
 * new Backup("pre-release", { target: { vendor: "vpsorg", serverId: "12345" }, description: "pre-release" });
 * @example Northflank
 * new Backup("pre-release", { target: { vendor: "northflank", projectId, addonId }, description: "pre-release", backupType: "dump", compressionType: "zstd" });
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Backup extends pulumi.dynamic.Resource {
  /**
   * Reads an existing vendor backup into the program, without managing it (nothing is taken
   * or deleted). `id` is the resource id format: `kinsta/<environmentId>/<backupId>`,
   * `wpengine/<installId>/<backupId>`, `vpsorg/<serverId>/<backupId>`,
   * `northflank/<projectId>/<addonId>/<backupId>`. To manage it instead, use `adoptBackupId`.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): Backup {
    return new Backup(name, {} as BackupArgs, { ...opts, id });
  }

  constructor(name: string, args: BackupArgs, opts?: pulumi.CustomResourceOptions) {
    // The module itself, not an object built here: serialized as a require by name.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    super(...dynamicResourceArgs(require("../provider/dynamic/backup") as DynamicModule, name, args, opts));
  }
}
