/**
 * The functions: a target's backups, and its newest completed one. They run in the
 * program's process with the code the plugin's invokes run (provider/functions), reading
 * credentials as the resources do: stack config `hosting-backups:*`, else the environment.
 */
import * as pulumi from "@pulumi/pulumi";
import type * as provider from "../provider/functions/program";
import type {
  GetBackupsArgsInput,
  GetBackupsMatchInput,
  GetBackupsResult as BackupsResult,
  GetLatestBackupArgsInput,
  GetLatestBackupMatchInput,
  GetLatestBackupResult as LatestBackupResult,
  ListedBackup as Listed,
} from "../provider/functions/schema";
import type { ResourceArgs } from "./shapes";

/** Which backups {@link getBackups} returns. Every filter given must match. */
export type GetBackupsMatch = GetBackupsMatchInput;
/** Which completed backups {@link getLatestBackup} may answer. Every filter given must match. */
export type GetLatestBackupMatch = GetLatestBackupMatchInput;
/** Arguments of {@link getBackups} (docs on the schema's properties). */
export type GetBackupsArgs = GetBackupsArgsInput;
/** Arguments of {@link getLatestBackup} (docs on the schema's properties). */
export type GetLatestBackupArgs = GetLatestBackupArgsInput;
/** Arguments of {@link getBackupsOutput}: those of {@link getBackups}, each a Pulumi `Input`. */
export type GetBackupsOutputArgs = ResourceArgs<GetBackupsArgsInput>;
/** Arguments of {@link getLatestBackupOutput}: those of {@link getLatestBackup}, each a Pulumi `Input`. */
export type GetLatestBackupOutputArgs = ResourceArgs<GetLatestBackupArgsInput>;
/** One backup of a target, as the functions report it. */
export type ListedBackup = Listed;
/** What {@link getBackups} answers. */
export type GetBackupsResult = BackupsResult;
/** What {@link getLatestBackup} answers: the backup, and its target's key. */
export type GetLatestBackupResult = LatestBackupResult;

/** Options of the `…Output` forms. */
export interface FunctionOutputOptions {
  /**
   * Resources to wait for before asking the vendor (e.g. the `Backup` whose target you list).
   * During a preview in which one of them is still to be created, the result is unknown.
   */
  dependsOn?: pulumi.Resource | pulumi.Resource[];
}

/** The provider code, loaded on first use (never at import) and bound to this program's stack config. */
function functions(): ReturnType<typeof provider.programFunctions> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded: typeof provider = require("../provider/functions/program");
  return loaded.programFunctions({ get: (key) => pulumi.runtime.getConfig(key) });
}

/** Resolves once every resource in `dependsOn` has its id (custom resources) or URN; unknown in a preview before they exist. */
function afterDependencies(opts: FunctionOutputOptions | undefined): pulumi.Output<unknown[]> {
  const resources = opts?.dependsOn === undefined ? [] : [opts.dependsOn].flat();
  return pulumi.all(resources.map((r) => (pulumi.CustomResource.isInstance(r) ? r.id : r.urn)));
}

/**
 * The backups of a target (a Kinsta environment, WP Engine install, VPS.org server or
 * Northflank addon), newest first: id, status, kind (`manual`/`automatic`), description,
 * created and completed time, size, whether this provider made it and which resource marker
 * it carries. `match` filters them (description text, prefix or regular expression, kind,
 * status, made by this provider, marker). Bad arguments fail naming the field, before any API
 * call. Credentials are the resources' (`account`, else the vendor's default account).
 *
 * @example
 * const { backups } = await getBackups({ target: { vendor: "vpsorg", serverId: "12345" }, match: { kind: "manual" } });
 */
export function getBackups(args: GetBackupsArgs): Promise<GetBackupsResult> {
  return functions().getBackups(args);
}

/** {@link getBackups} with `Input` arguments, answering an `Output`. */
export function getBackupsOutput(
  args: GetBackupsOutputArgs,
  opts?: FunctionOutputOptions,
): pulumi.Output<GetBackupsResult> {
  return pulumi
    .all([pulumi.output(args), afterDependencies(opts)])
    .apply(([plain]) => getBackups(plain as GetBackupsArgs));
}

/**
 * The newest completed backup of a target matching `match` (by completion time, else
 * creation time: the backup `RestoreOperation`'s `backup: { latest: true }` would pick). Fails
 * naming the target and the filter when none matches.
 *
 * @example
 * const latest = await getLatestBackup({ target: { vendor: "kinsta", environmentId }, match: { descriptionPrefix: "nightly" } });
 */
export function getLatestBackup(args: GetLatestBackupArgs): Promise<GetLatestBackupResult> {
  return functions().getLatestBackup(args);
}

/** {@link getLatestBackup} with `Input` arguments, answering an `Output`. */
export function getLatestBackupOutput(
  args: GetLatestBackupOutputArgs,
  opts?: FunctionOutputOptions,
): pulumi.Output<GetLatestBackupResult> {
  return pulumi
    .all([pulumi.output(args), afterDependencies(opts)])
    .apply(([plain]) => getLatestBackup(plain as GetLatestBackupArgs));
}
