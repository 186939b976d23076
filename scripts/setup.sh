#!/usr/bin/env bash
# Everything a fresh clone needs, idempotent and quick when already done:
# a Node.js >= 22 (scripts/ensure-node.sh), npm packages, the Pulumi CLI (scripts/ensure-pulumi.sh), the build, and a real copy of
# this package in node_modules so programs under examples/ and test/ import it by name
# (the dynamic provider is then serialized as a `require` of the package: tiny state).
# `--no-pulumi` skips the Pulumi CLI (scripts/test.sh builds it in the background meanwhile).
# The YAML and Go language hosts are not built here: `bash scripts/ensure-pulumi.sh --language-hosts`.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
log() { echo "[setup] $*" >&2; }

bash scripts/ensure-node.sh
source scripts/env.sh

if [ ! -d node_modules/@pulumi/pulumi ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
if [ "${1:-}" != "--no-pulumi" ]; then bash scripts/ensure-pulumi.sh; fi
log "building"
npx tsc -p tsconfig.build.json
# Swap the copy in at once, so a test run in progress never sees a half-copied package.
self="node_modules/pulumi-hosting-backups"
staging="$(mktemp -d node_modules/.pulumi-hosting-backups.XXXXXX)"
cp -R dist policy-pack package.json README.md "$staging/"
rm -rf "$self.old" && { [ -d "$self" ] && mv "$self" "$self.old" || true; } && mv "$staging" "$self" && rm -rf "$self.old"
