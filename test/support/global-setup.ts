/**
 * Jest global setup of the rings that run Pulumi programs (e2e, reliability), once per ring
 * in jest's parent process, before any test file:
 * - the YAML and Go language hosts, which only programs using the provider plugin need, are
 *   built here (once; a quick check afterwards) rather than by every setup, so `npm run demo`
 *   does not wait for them;
 * - the run gets a name the test files (jest's workers inherit the environment) share, so the
 *   plugin is built once per run however many files use it (./plugin.ts, `buildPlugin`).
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";

export default function globalSetup(): void {
  const script = path.resolve(__dirname, "../../scripts/ensure-pulumi.sh");
  execFileSync("bash", [script, "--language-hosts"], { stdio: ["ignore", "inherit", "inherit"] });
  process.env.HOSTING_BACKUPS_TEST_RUN ??= `${process.pid}-${Date.now()}`;
}
