import * as pulumi from "@pulumi/pulumi";
import type { BackupTarget } from "./target";

/** Northflank additional backup destination (snapshot backups only). */
export interface NorthflankAdditionalDestination {
  /** Id of a backup destination (`/v1/backup-destinations`), 3–100 characters of letters, digits and dashes. */
  destinationId: string;
  /** Days the copy is kept there, 1–120. */
  retentionTime?: number;
  /** Destination type; Northflank accepts only `custom`. @default "custom" */
  type?: "custom";
}

/** Inputs of a {@link Backup}. */
export interface BackupArgs {
  /**
   * What to back up. Changing it takes a new backup (replacement).
   * @example { vendor: "kinsta", environmentId: "…" }
   */
  target: pulumi.Input<BackupTarget>;
  /**
   * Name of an account in the `hosting-backups:accounts` stack config, for agencies with
   * several accounts of one vendor. Unset: the vendor's default credentials
   * (`hosting-backups:kinstaApiKey`… or `KINSTA_API_KEY`…). Changes in place.
   */
  account?: pulumi.Input<string>;
  /**
   * Kinsta's backup tag, WP Engine's description, VPS.org's description, Northflank's backup
   * name. The provider appends a 12-character marker (` hb:1a2b3c4d`) so it can recognise its
   * own backups; each vendor's length and pattern rules apply to the rest. Changing it takes
   * a new backup.
   * @default "pulumi backup"
   */
  description?: pulumi.Input<string>;
  /** WP Engine only, and required there: addresses WP Engine emails when the backup completes. */
  notificationEmails?: pulumi.Input<pulumi.Input<string>[]>;
  /** Northflank only: `dump` or `snapshot`. @default "snapshot" */
  backupType?: pulumi.Input<"dump" | "snapshot">;
  /** Northflank only, dump backups only: `gz` or `zstd`. @default "gz" */
  compressionType?: pulumi.Input<"gz" | "zstd">;
  /** Northflank only, snapshot backups only: extra copies kept in your own destinations. */
  additionalDestinations?: pulumi.Input<pulumi.Input<NorthflankAdditionalDestination>[]>;
  /**
   * Any values; when one changes, a new backup is taken (replacement). The release pattern:
   * `triggers: [releaseVersion]` gives one fresh backup per release.
   */
  triggers?: pulumi.Input<unknown[]>;
  /**
   * Wait until the vendor reports the backup completed (or failed). Kinsta is always awaited
   * until its backup id is known. Changes in place.
   * @default true
   */
  waitForCompletion?: pulumi.Input<boolean>;
  /**
   * Fetch the vendor's download link into `downloadUrl` once the backup completed
   * (Northflank only: refused at preview elsewhere). It costs one request per backup, so it
   * is off unless asked for; turning it on later fetches the link in place.
   * @default false
   */
  includeDownloadLink?: pulumi.Input<boolean>;
  /**
   * How long `pulumi up` waits for the backup: `"90s"`, `"30m"`, `"2h"` (Pulumi's
   * `customTimeouts` do not reach dynamic providers). A backup still running then stays in
   * the state and the next `up` waits again. Changes in place.
   * @default "60m"
   */
  timeout?: pulumi.Input<string>;
  /**
   * What happens to the vendor's backup when this resource is destroyed or replaced.
   * `delete` is refused at preview on WP Engine, whose API cannot delete backups.
   * @default "delete" on Kinsta, VPS.org and Northflank (manual backups count against caps); "retain" on WP Engine
   */
  deletionPolicy?: pulumi.Input<"retain" | "delete">;
  /**
   * Bring an existing vendor backup under management instead of taking a new one
   * (`pulumi import` does not work for dynamic resources). Changing it replaces.
   */
  adoptBackupId?: pulumi.Input<string>;
}

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
export class Backup extends pulumi.dynamic.Resource {
  /** The vendor's backup id. */
  declare readonly backupId: pulumi.Output<string>;
  /** `pending`, `running`, `completed` or `failed`. */
  declare readonly status: pulumi.Output<"pending" | "running" | "completed" | "failed">;
  /** The vendor's own status word, e.g. `in_progress`. */
  declare readonly vendorStatus: pulumi.Output<string>;
  /** When the backup was requested (ISO-8601). */
  declare readonly createdAt: pulumi.Output<string | undefined>;
  /** When it completed (ISO-8601), where the vendor says. */
  declare readonly completedAt: pulumi.Output<string | undefined>;
  /** Size in bytes, where the vendor reports it (VPS.org, Northflank). */
  declare readonly sizeBytes: pulumi.Output<number | undefined>;
  /** When the vendor will expire it, where it does. */
  declare readonly expiresAt: pulumi.Output<string | undefined>;
  /** The vendor's kind of backup: `manual`, `automatic`, `daily`… (named `backupKind` because Northflank's `backupType` input means dump/snapshot). */
  declare readonly backupKind: pulumi.Output<string | undefined>;
  /** WP Engine: the WordPress version backed up. */
  declare readonly wordpressVersion: pulumi.Output<string | undefined>;
  /** Northflank: the addon version backed up. */
  declare readonly addonVersion: pulumi.Output<string | undefined>;
  /** A temporary download link (Northflank, with `includeDownloadLink`); stored as a secret. */
  declare readonly downloadUrl: pulumi.Output<string | undefined>;
  /** The vendor's reason, when the backup failed. */
  declare readonly failureReason: pulumi.Output<string | undefined>;
  /** The marker (`hb:<marker>`) appended to the description, stable for these inputs. */
  declare readonly marker: pulumi.Output<string>;
  /** `<vendor>/<target ids>`, e.g. `kinsta/<environmentId>`. */
  declare readonly targetKey: pulumi.Output<string>;

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
    super(
      // The module itself, not an object built here: serialized as a require by name.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require("../provider/dynamic/backup"),
      name,
      {
        ...args,
        identity: `${pulumi.getProject()}/${pulumi.getStack()}/${name}`,
        backupId: undefined,
        status: undefined,
        vendorStatus: undefined,
        createdAt: undefined,
        completedAt: undefined,
        sizeBytes: undefined,
        expiresAt: undefined,
        backupKind: undefined,
        wordpressVersion: undefined,
        addonVersion: undefined,
        downloadUrl: undefined,
        failureReason: undefined,
        marker: undefined,
        targetKey: undefined,
      },
      // A download link grants access to the data: keep it encrypted in the state.
      { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "downloadUrl"] },
      "hostingbackups",
      "Backup",
    );
  }
}
