#!/usr/bin/env bash
# Builds the provider plugin `pulumi-resource-hostingbackups` (docs/plugin.md):
#   dist/plugin/pulumi-resource-hostingbackups   one bundled file (esbuild), run by Node >= 22 on PATH;
#                                                 Pulumi.yaml `plugins: providers: [{ name: hostingbackups, path: dist/plugin }]`
#   dist/plugin/pulumi-resource-hostingbackups-v<version>-<os>-<arch>.tar.gz
#                                                 the release tarball: `pulumi plugin install resource hostingbackups <version> --file <tarball>`
# With --sea, the tarball is the release's instead (scripts/release/main.ts): a Node single executable
# application for this machine's platform, nothing else to install. `npm run release` builds all five.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
source scripts/env.sh
log() { echo "[build-plugin] $*" >&2; }

sea=false
[ "${1:-}" = "--sea" ] && sea=true
version="$(node -p 'require("./package.json").version')"
os="$(node -p 'process.platform')"
arch="$(node -p '({ x64: "amd64", arm64: "arm64" })[process.arch] ?? process.arch')"
out="dist/plugin"
exe="$out/pulumi-resource-hostingbackups"
mkdir -p "$out"

# The schema the plugin serves must be the one its sources generate.
npm run --silent schema

npx esbuild provider/plugin/main.ts --bundle --platform=node --target=node22 --minify --legal-comments=none \
  --log-level=warning --outfile="$exe.js"
mv "$exe.js" "$exe" && chmod +x "$exe"
log "$exe: $(wc -c < "$exe") bytes"

if $sea; then
  npx esbuild scripts/release/main.ts --bundle --platform=node --log-level=warning --outfile=.tools/release/release.js
  node .tools/release/release.js --out "$out" --platforms "$os-$arch"
  exit 0
fi
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
cp "$exe" "$stage/pulumi-resource-hostingbackups"
cp LICENSE "$stage/" 2>/dev/null || true
tarball="$out/pulumi-resource-hostingbackups-v$version-$os-$arch.tar.gz"
tar -czf "$tarball" -C "$stage" .
log "$tarball: $(wc -c < "$tarball") bytes"
