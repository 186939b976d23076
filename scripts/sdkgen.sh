#!/usr/bin/env bash
# Generates the plugin's SDKs from provider/plugin/schema.json with Pulumi's code generators
# (tools/sdkgen, pkg/v3 at the CLI's version): sdks/go (a Go module, sdks/go/go.mod) and
# sdks/python. `npm run sdkgen`. With `--out DIR`, writes into DIR instead (the freshness test).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$repo/sdks"
[ "${1:-}" = "--out" ] && out="$2"
# As scripts/ensure-pulumi.sh: the proxy serves these, go.sum (committed) pins their hashes.
export GONOSUMDB="github.com/pulumi/pulumi" CGO_ENABLED=0
cd "$repo/tools/sdkgen"
go run -trimpath . -schema "$repo/provider/plugin/schema.json" -out "$out"
