/**
 * The live acceptance kit (`npm run test:live`, docs/live-testing.md): the lifecycle the
 * end-to-end tests run against the sandbox, run with the real Pulumi engine against the
 * accounts the environment names, recording every exchange (redacted) so that one run on a
 * real account becomes a permanent fixture (`test/fixtures/recorded/`, validated by `npm test`).
 *
 * Safety: nothing runs without `HB_LIVE_CONFIRM=create-and-delete-backups`; each vendor
 * needs its credentials and one explicitly named target; the kit deletes only backups whose
 * description carries its run id (`hbl-xxxxxx`) and the provider's marker; restores run only
 * for the vendors `HB_LIVE_RESTORE` names, and only put back the backup the kit just took.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { RECORD_DIR_ENV, type RecordedExchange } from "../../provider/core/recorder";
import { confirmationFor } from "../../provider/resources/restore/inputs";
import type { TargetInput } from "../../provider/resources/shared/target";
import { targetFieldNames, vendors, VENDOR_NAMES, type VendorName } from "../../provider/vendors/registry";
import { PROVIDER_MARKER, type VendorClient, type VendorModule } from "../../provider/vendors/vendor";
import { createTestStack, repoRoot, type TestStack } from "../support/pulumi";

export const CONFIRM_ENV = "HB_LIVE_CONFIRM";
export const CONFIRM_VALUE = "create-and-delete-backups";
/** Comma-separated vendors whose target may be overwritten by a restore of the kit's own backup. */
export const RESTORE_ENV = "HB_LIVE_RESTORE";
/** Where recordings go (default `test/fixtures/recorded/`). */
export const RECORD_TO_ENV = "HB_LIVE_RECORD_TO";
export const targetEnv = (vendor: VendorName) => `HB_LIVE_${vendor.toUpperCase()}_TARGET`;
export const optionsEnv = (vendor: VendorName) => `HB_LIVE_${vendor.toUpperCase()}_OPTIONS`;
/** Every kit run's id: `hbl-` and six base-36 characters, short enough for Northflank's names. */
export const RUN_ID = /\bhbl-[0-9a-z]{6}\b/;
export const RECORDED_DIR = path.join(repoRoot, "test/fixtures/recorded");
// From the repository root: the kit also runs bundled (scripts/live.sh).
const PROGRAM = path.join(repoRoot, "test/live/programs/kit");

type Env = Record<string, string | undefined>;

export interface Participant {
  vendor: VendorName;
  module: VendorModule;
  target: Record<string, string>;
  /** Backup and restore options from `HB_LIVE_<VENDOR>_OPTIONS`, split by the vendor's schemas. */
  backupOptions: Record<string, unknown>;
  restoreOptions: Record<string, unknown>;
  credentials: Record<string, string>;
  baseUrl: string;
  /** Whether the base URL is the vendor's real API (else a sandbox or proxy: recordings say so). */
  live: boolean;
  restore: boolean;
  /** Northflank: the team of an organisation-scoped token (its `teamScope` variable). */
  teamId?: string;
}

export interface StepResult {
  step: string;
  vendor: VendorName;
  ok: boolean;
  detail: string;
}

export interface KitResult {
  runId?: string;
  participants: VendorName[];
  skipped: { vendor: VendorName; reason: string }[];
  steps: StepResult[];
  recordings: string[];
  /** Backups the run (or sweep) left at a vendor, with why. */
  leftovers: string[];
  /** 0 passed or nothing to do, 1 a step failed, 2 the environment is incomplete or unconfirmed. */
  exitCode: number;
}

/** A problem with the environment: reported before any call is made. */
export class KitSetupError extends Error {}

function parseJsonEnv(env: Env, name: string): unknown {
  try {
    return JSON.parse(env[name] ?? "");
  } catch {
    throw new KitSetupError(`${name} must be JSON, got ${JSON.stringify(env[name])}`);
  }
}

function pickKeys(values: Record<string, unknown>, schema: unknown): Record<string, unknown> {
  const shape = (schema as { shape?: Record<string, unknown> }).shape ?? {};
  return Object.fromEntries(Object.entries(values).filter(([key]) => key in shape));
}

/** Which vendors take part (credentials and a target named), which are skipped and why. */
export function participantsOf(env: Env): { participants: Participant[]; skipped: KitResult["skipped"] } {
  const participants: Participant[] = [];
  const skipped: KitResult["skipped"] = [];
  const restoreVendors = new Set((env[RESTORE_ENV] ?? "").split(",").map((v) => v.trim()));
  for (const vendor of VENDOR_NAMES) {
    const module = vendors[vendor] as unknown as VendorModule;
    const credentialNames = Object.entries(module.credentialEnv);
    const missing = credentialNames.filter(([, name]) => !env[name]).map(([, name]) => name);
    if (missing.length === credentialNames.length) {
      skipped.push({ vendor, reason: `no credentials (${missing.join(", ")} unset)` });
      continue;
    }
    if (missing.length > 0) throw new KitSetupError(`${module.displayName}: ${missing.join(", ")} unset`);
    if (!env[targetEnv(vendor)]) {
      const example = Object.fromEntries(targetFieldNames(vendor).map((field) => [field, "…"]));
      throw new KitSetupError(
        `${module.displayName} credentials are set but ${targetEnv(vendor)} is not: name the one target the kit may back up, e.g. ${targetEnv(vendor)}='${JSON.stringify(example)}'`,
      );
    }
    const target = module.targetSchema.safeParse(parseJsonEnv(env, targetEnv(vendor)));
    if (!target.success)
      throw new KitSetupError(
        `${targetEnv(vendor)}: ${target.error.issues.map((i) => `${i.path.join(".") || "(value)"} ${i.message}`).join("; ")}`,
      );
    const options = env[optionsEnv(vendor)] ? parseJsonEnv(env, optionsEnv(vendor)) : {};
    if (!options || typeof options !== "object" || Array.isArray(options))
      throw new KitSetupError(`${optionsEnv(vendor)} must be a JSON object`);
    const backupOptions = pickKeys(options as Record<string, unknown>, module.backupOptionsSchema);
    const checked = module.backupOptionsSchema.safeParse(backupOptions);
    if (!checked.success)
      throw new KitSetupError(
        `${optionsEnv(vendor)}: ${checked.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`,
      );
    const restore = restoreVendors.has(vendor) && module.capabilities.restore;
    const restoreOptions = pickKeys(options as Record<string, unknown>, module.restoreOptionsSchema);
    const restoreChecked = module.restoreOptionsSchema.safeParse(restoreOptions);
    if (restore && !restoreChecked.success)
      throw new KitSetupError(
        `${optionsEnv(vendor)} (restore): ${restoreChecked.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`,
      );
    const baseUrl = env[module.baseUrlEnv] || module.defaultBaseUrl;
    participants.push({
      vendor,
      module,
      target: target.data,
      backupOptions,
      restoreOptions,
      credentials: Object.fromEntries(credentialNames.map(([field, name]) => [field, env[name] as string])),
      baseUrl,
      live: baseUrl === module.defaultBaseUrl,
      restore,
      teamId: module.teamScope ? env[module.teamScope.env] || undefined : undefined,
    });
  }
  return { participants, skipped };
}

const clientOf = (p: Participant): VendorClient =>
  p.module.createClient({ baseUrl: p.baseUrl, credentials: p.credentials, teamId: p.teamId });

/** The kit's backups at the vendor: completed or not, carrying a run id and the provider's marker. */
async function kitBackups(p: Participant, runId?: string) {
  const all = await clientOf(p).listBackups(p.target);
  return all.filter((b) => {
    const text = b.description ?? "";
    const run = text.match(RUN_ID)?.[0];
    return run !== undefined && (runId === undefined || run === runId) && PROVIDER_MARKER.test(text);
  });
}

type Plan = {
  backups: Record<string, Record<string, unknown>>;
  policies: Record<string, Record<string, unknown>>;
  restores: Record<string, Record<string, unknown>>;
};

/** Runs the kit. `sweep` deletes the leftovers of earlier runs (by run id and marker) instead. */
export async function runLiveKit(options: { env?: Env; sweep?: boolean; log?: (line: string) => void } = {}) {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.log(line));
  const result: KitResult = { participants: [], skipped: [], steps: [], recordings: [], leftovers: [], exitCode: 0 };
  let found: ReturnType<typeof participantsOf>;
  try {
    found = participantsOf(env);
  } catch (error) {
    if (!(error instanceof KitSetupError)) throw error;
    log(`live kit: ${error.message}`);
    return { ...result, exitCode: 2 };
  }
  const { participants, skipped } = found;
  result.skipped = skipped;
  result.participants = participants.map((p) => p.vendor);
  for (const s of skipped) log(`skipped ${s.vendor}: ${s.reason}`);
  if (participants.length === 0) {
    log("live kit: no vendor has credentials; nothing to do");
    return result;
  }
  if (env[CONFIRM_ENV] !== CONFIRM_VALUE) {
    log(
      `live kit: set ${CONFIRM_ENV}=${CONFIRM_VALUE} to let it ${options.sweep ? "delete earlier runs' leftovers" : "take and delete backups"} on ${participants.map((p) => `${p.module.displayName} (${JSON.stringify(p.target)})`).join(", ")}`,
    );
    return { ...result, exitCode: 2 };
  }
  if (options.sweep) return sweep(participants, result, log);

  const runId = `hbl-${Date.now().toString(36).slice(-6)}`;
  result.runId = runId;
  const recordDir = fs.mkdtempSync(path.join(os.tmpdir(), "hb-live-record-"));
  log(
    `live kit run ${runId} on ${participants.map((p) => `${p.vendor}${p.live ? "" : " (not the real API)"}`).join(", ")}`,
  );

  const stackEnv: Record<string, string> = { [RECORD_DIR_ENV]: recordDir };
  for (const p of participants) {
    if (!p.live) stackEnv[p.module.baseUrlEnv] = p.baseUrl;
    for (const [field, name] of Object.entries(p.module.credentialEnv)) stackEnv[name] = p.credentials[field];
    if (p.module.teamScope && p.teamId) stackEnv[p.module.teamScope.env] = p.teamId;
  }
  // The kit's own calls (out-of-band deletes, list checks) are recorded too.
  const recordingBefore = process.env[RECORD_DIR_ENV];
  process.env[RECORD_DIR_ENV] = recordDir;
  let stack: TestStack | undefined;
  const plan: Plan = { backups: {}, policies: {}, restores: {} };
  const up = async () => {
    await stack!.stack.setConfig("plan", { value: JSON.stringify(plan) });
    return stack!.stack.up();
  };
  const check = async (step: string, p: Participant, what: () => Promise<string> | string) => {
    try {
      const detail = await what();
      result.steps.push({ step, vendor: p.vendor, ok: true, detail });
      log(`  ✔ ${p.vendor} ${step}: ${detail}`);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      result.steps.push({ step, vendor: p.vendor, ok: false, detail });
      log(`  ✘ ${p.vendor} ${step}: ${detail}`);
    }
  };
  const stepAll = async (step: string, ps: Participant[], run: () => Promise<void>) => {
    if (ps.length === 0) return;
    log(`${step}: ${ps.map((p) => p.vendor).join(", ")}`);
    try {
      await run();
    } catch (error) {
      // The engine's own summary is long: keep the lines that say what failed.
      const detail = (error instanceof Error ? error.message : String(error))
        .split("\n")
        .filter((line) => /error|fail|refus/i.test(line))
        .slice(0, 8)
        .join("\n");
      for (const p of ps) result.steps.push({ step, vendor: p.vendor, ok: false, detail });
      log(`  ✘ ${step} failed:\n${detail}`);
    }
  };
  const outputs = async () => (await stack!.stack.outputs()) as Record<string, { value: Record<string, unknown> }>;
  const deletable = participants.filter((p) => p.module.capabilities.deleteBackup);

  try {
    stack = await createTestStack(PROGRAM, { stackName: runId, envVars: stackEnv });
    for (const p of participants)
      plan.backups[`${p.vendor}-a`] = {
        target: { vendor: p.vendor, ...p.target },
        description: `${runId} a`,
        deletionPolicy: p.module.capabilities.deleteBackup ? "delete" : "retain",
        ...p.backupOptions,
      };

    await stepAll("create", participants, async () => {
      await up();
      const out = await outputs();
      for (const p of participants)
        await check("create", p, async () => {
          const made = out[`${p.vendor}-a`].value;
          if (made.status !== "completed") throw new Error(`status ${String(made.status)}, expected completed`);
          const listed = (await kitBackups(p, runId)).find((b) => b.id === made.backupId);
          if (!listed) throw new Error(`backup ${String(made.backupId)} is not in the vendor's list with the run id`);
          return `backup ${listed.id} completed, listed as "${listed.description}"`;
        });
    });

    await stepAll("refresh after an out-of-band delete", deletable, async () => {
      const before = await outputs();
      for (const p of deletable)
        await clientOf(p).deleteBackup(p.target, String(before[`${p.vendor}-a`].value.backupId));
      const refresh = await stack!.stack.refresh();
      const removed = refresh.summary.resourceChanges?.delete ?? 0;
      await up();
      const after = await outputs();
      for (const p of deletable)
        await check("refresh after an out-of-band delete", p, () => {
          if (removed < deletable.length)
            throw new Error(`refresh removed ${removed} resources, expected ${deletable.length}`);
          const again = after[`${p.vendor}-a`].value;
          if (again.status !== "completed") throw new Error(`the new backup is ${String(again.status)}`);
          return `refresh dropped backup ${String(before[`${p.vendor}-a`].value.backupId)}, up took ${String(again.backupId)}`;
        });
    });

    const restoring = participants.filter((p) => p.restore);
    await stepAll("restore", restoring, async () => {
      for (const p of restoring)
        plan.restores[`${p.vendor}-restore`] = {
          target: { vendor: p.vendor, ...p.target },
          backupFrom: `${p.vendor}-a`,
          confirm: confirmationFor(p.module, { vendor: p.vendor, ...p.target } as TargetInput),
          ...p.restoreOptions,
        };
      await up();
      const out = await outputs();
      for (const p of restoring)
        await check("restore", p, () => {
          const restore = out[`${p.vendor}-restore`].value;
          const expected = p.module.capabilities.restoreTracking === "tracked" ? "completed" : "accepted";
          if (restore.status !== expected) throw new Error(`status ${String(restore.status)}, expected ${expected}`);
          return `restore of ${String(restore.restoredBackupId)} ${expected}`;
        });
    });

    // Restores are one-off operations: later steps run without them (so a failed one does not block them).
    plan.restores = {};

    await stepAll("policy prune", deletable, async () => {
      const before = await outputs();
      for (const p of deletable) {
        plan.backups[`${p.vendor}-b`] = { ...plan.backups[`${p.vendor}-a`], description: `${runId} b` };
        plan.policies[`${p.vendor}-policy`] = {
          target: { vendor: p.vendor, ...p.target },
          retention: { keepLast: 1 },
          match: { descriptionPrefix: runId },
          allowInitialPrune: true,
          after: [`${p.vendor}-b`],
        };
      }
      await up();
      const out = await outputs();
      for (const p of deletable)
        await check("policy prune", p, () => {
          const pruned = out[`${p.vendor}-policy`].value.lastPrunedIds as string[];
          const older = String(before[`${p.vendor}-a`].value.backupId);
          if (!pruned.includes(older)) throw new Error(`pruned ${JSON.stringify(pruned)}, expected the older ${older}`);
          return `kept the newest, pruned ${pruned.join(", ")}`;
        });
    });

    await stepAll("destroy", participants, async () => {
      await stack!.stack.destroy();
      for (const p of participants)
        await check("destroy", p, async () => {
          const left = await kitBackups(p, runId);
          if (p.module.capabilities.deleteBackup && left.length > 0)
            throw new Error(`backups ${left.map((b) => b.id).join(", ")} of this run are still there`);
          for (const b of left)
            result.leftovers.push(
              `${p.vendor} ${b.id} "${b.description}": ${p.module.displayName} has no delete-backup API`,
            );
          return left.length === 0
            ? "no backup of this run is left"
            : `${left.length} kept (no delete API at the vendor)`;
        });
    });
  } finally {
    await stack?.cleanup();
    if (recordingBefore === undefined) delete process.env[RECORD_DIR_ENV];
    else process.env[RECORD_DIR_ENV] = recordingBefore;
    result.recordings = writeRecordings(recordDir, participants, runId, env[RECORD_TO_ENV] || RECORDED_DIR);
    fs.rmSync(recordDir, { recursive: true, force: true });
  }
  for (const file of result.recordings) log(`recorded ${path.relative(process.cwd(), file)}`);
  const failed = result.steps.filter((s) => !s.ok);
  log(
    failed.length === 0
      ? `live kit ${runId}: all ${result.steps.length} checks passed`
      : `live kit ${runId}: ${failed.length} of ${result.steps.length} checks failed`,
  );
  return { ...result, exitCode: failed.length === 0 ? 0 : 1 };
}

async function sweep(participants: Participant[], result: KitResult, log: (line: string) => void): Promise<KitResult> {
  for (const p of participants) {
    const left = await kitBackups(p);
    if (left.length === 0) log(`${p.vendor}: no leftovers`);
    for (const b of left) {
      if (!p.module.capabilities.deleteBackup) {
        result.leftovers.push(
          `${p.vendor} ${b.id} "${b.description}": ${p.module.displayName} has no delete-backup API`,
        );
        log(`${p.vendor}: ${b.id} "${b.description}" kept (${p.module.displayName} has no delete-backup API)`);
        continue;
      }
      await clientOf(p).deleteBackup(p.target, b.id);
      log(`${p.vendor}: deleted ${b.id} "${b.description}"`);
    }
  }
  return result;
}

/** A recording file: one vendor's exchanges of one kit run. */
export interface Recording {
  format: 1;
  vendor: VendorName;
  /** `live`: the vendor's real API; `sandbox`: anything else (this repository's sandbox, a proxy). */
  source: "live" | "sandbox";
  recordedAt: string;
  runId: string;
  target: Record<string, string>;
  exchanges: RecordedExchange[];
}

function writeRecordings(dir: string, participants: Participant[], runId: string, outDir: string): string[] {
  const exchanges = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".jsonl"))
    .flatMap((f) =>
      fs
        .readFileSync(path.join(dir, f), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as RecordedExchange),
    )
    .sort((a, b) => a.at.localeCompare(b.at));
  const written: string[] = [];
  const day = new Date().toISOString().slice(0, 10);
  for (const p of participants) {
    const mine = exchanges.filter((e) => e.vendor === p.module.displayName);
    if (mine.length === 0) continue;
    const source = p.live ? "live" : "sandbox";
    const recording: Recording = {
      format: 1,
      vendor: p.vendor,
      source,
      recordedAt: new Date().toISOString(),
      runId,
      target: p.target,
      exchanges: mine,
    };
    fs.mkdirSync(outDir, { recursive: true });
    let file = path.join(outDir, `${day}-${p.vendor}-${source}.json`);
    for (let n = 2; fs.existsSync(file); n++) file = path.join(outDir, `${day}-${p.vendor}-${source}-${n}.json`);
    fs.writeFileSync(file, `${JSON.stringify(recording, null, 2)}\n`);
    written.push(file);
  }
  return written;
}

if (require.main === module) {
  runLiveKit({ sweep: process.argv.includes("--sweep") })
    .then((result) => process.exit(result.exitCode))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
