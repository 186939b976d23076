#!/usr/bin/env bash
# `npm run release`: everything a user downloads, in dist/release/ (docs/plugin.md, "Cutting a release"):
#   pulumi-hosting-backups-<version>.tgz                          the npm package (npm pack)
#   pulumi-resource-hostingbackups-v<version>-<os>-<arch>.tar.gz  the plugin for linux-amd64, linux-arm64,
#                                                                 darwin-amd64, darwin-arm64, windows-amd64
#   schema.json                                                   the plugin's schema (pulumi package gen-sdk)
#   SHA256SUMS                                                    `sha256sum -c SHA256SUMS`
# Options: --out <dir> (default dist/release), --platforms <os-arch,...> (default all five).
# Node binaries for the platforms are cached under .tools/release-node: a second release downloads nothing.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
source scripts/env.sh
log() { echo "[release] $*" >&2; }
start=$(date +%s)

out="dist/release"
args=("$@")
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --platforms) shift 2 ;;
    *) log "unknown option $1"; exit 2 ;;
  esac
done
mkdir -p "$out"
out="$(cd "$out" && pwd)"
# Only a previous release's files go: --out may name a folder holding other things.
rm -f "$out"/pulumi-resource-hostingbackups-v*.tar.gz "$out"/pulumi-hosting-backups-*.tgz "$out/schema.json" "$out/SHA256SUMS"

bash scripts/build-plugin.sh # the bundle (and the schema it serves, regenerated)
npx esbuild scripts/release/main.ts --bundle --platform=node --log-level=warning --outfile=.tools/release/release.js
node .tools/release/release.js "${args[@]}" --out "$out"

npx tsc -p tsconfig.build.json
npm pack --silent --pack-destination "$out" >/dev/null
cp provider/plugin/schema.json "$out/schema.json"
(cd "$out" && sha256sum -- *.tgz *.tar.gz schema.json > SHA256SUMS)
log "$out: $(ls "$out" | tr '\n' ' ')in $(( $(date +%s) - start ))s"
