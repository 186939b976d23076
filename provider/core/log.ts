/**
 * Diagnostics from inside the dynamic provider. The provider host forwards stderr/stdout
 * lines to the engine, which shows them under the resource; every line is redacted first.
 */
import { redact } from "./errors";

export function logInfo(message: string): void {
  console.log(redact(`[hosting-backups] ${message}`));
}
