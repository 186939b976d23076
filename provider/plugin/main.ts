#!/usr/bin/env node
/**
 * `pulumi-resource-hostingbackups`: the entry point the engine runs (from a path in
 * Pulumi.yaml, or as an installed plugin). It prints the port of its gRPC server on stdout
 * and serves until the engine stops it.
 */
import schema from "./schema.json";
import { serve } from "./server";

serve({ version: schema.version, schema: JSON.stringify(schema) }).catch((error: unknown) => {
  process.stderr.write(`pulumi-resource-hostingbackups: ${String(error)}\n`);
  process.exit(1);
});
