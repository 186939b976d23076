/**
 * CLI: `npm run sandbox -- --port 4010 [--host 127.0.0.1] [--state file.json] [--backup-ms 2000] [--restore-ms 2000] [--fleet 2x100]
 *  [--variant vendor.name=value,…]` (variants: docs/sandbox.md).
 */
import { parseFleetFlag } from "./core/fleet";
import { parseVariantFlag } from "./core/variants";
import { startSandbox } from "./index";

function parseArgs(argv: string[]): Record<string, string> {
  const args: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) throw new Error(`unexpected argument ${arg}`);
    const eq = arg.indexOf("=");
    const key = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) value = argv[++i];
    else value = "true";
    // `--variant` may be given more than once.
    args[key] = key === "variant" && args[key] !== undefined ? `${args[key]},${value}` : value;
  }
  return args;
}

function intArg(args: Record<string, string>, name: string, fallback: number): number {
  if (args[name] === undefined) return fallback;
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a non-negative integer`);
  return value;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(
      "usage: npm run sandbox -- --port 4010 [--host 127.0.0.1] [--state file.json] [--backup-ms 2000] [--restore-ms 2000] [--fleet <accounts>x<targets>] [--variant vendor.name=value,…]",
    );
    return;
  }
  const sandbox = await startSandbox({
    port: intArg(args, "port", 4010),
    host: args.host ?? "127.0.0.1",
    stateFile: args.state,
    backupMs: intArg(args, "backup-ms", 2000),
    restoreMs: intArg(args, "restore-ms", 2000),
    fleet: args.fleet === undefined ? undefined : parseFleetFlag(args.fleet),
    variants: args.variant === undefined ? undefined : parseVariantFlag(args.variant),
  });
  console.log(`hosting-backups sandbox listening on ${sandbox.url}`);
  for (const [vendor, url] of Object.entries(sandbox.baseUrls)) console.log(`  ${vendor.padEnd(10)} ${url}`);
  console.log(`  admin      ${sandbox.url}/_admin (seed: ${sandbox.url}/_admin/seed)`);
  if (args.variant) console.log(`  variants   ${args.variant}`);
  if (args.state) console.log(`  state file ${args.state}`);
  if (args.fleet)
    console.log(`  fleet      ${args.fleet} per vendor (accounts and targets: ${sandbox.url}/_admin/fleet)`);
  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
