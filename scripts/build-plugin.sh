#!/usr/bin/env bash
# Builds the provider plugin `pulumi-resource-hostingbackups` (docs/plugin.md):
#   dist/plugin/pulumi-resource-hostingbackups   one bundled file (esbuild), run by Node >= 22 on PATH;
#                                                 Pulumi.yaml `plugins: providers: [{ name: hostingbackups, path: dist/plugin }]`
#   dist/plugin/pulumi-resource-hostingbackups-v<version>-<os>-<arch>.tar.gz
#                                                 the release tarball: `pulumi plugin install resource hostingbackups <version> --file <tarball>`
# With --sea, the tarball's executable is a Node single executable application (Node itself
# with the bundle injected by `postject`): nothing else to install, about 120 MB.
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

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
if $sea; then
  cp "$exe" "$stage/main.js"
  printf '{ "main": "%s/main.js", "output": "%s/sea.blob", "disableExperimentalSEAWarning": true }\n' "$stage" "$stage" > "$stage/sea.json"
  node --experimental-sea-config "$stage/sea.json" >/dev/null
  cp "$(command -v node)" "$stage/pulumi-resource-hostingbackups"
  chmod u+w "$stage/pulumi-resource-hostingbackups"
  npx postject "$stage/pulumi-resource-hostingbackups" NODE_SEA_BLOB "$stage/sea.blob" \
    --sentinel-fuse NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2 >/dev/null
  rm "$stage/main.js" "$stage/sea.json" "$stage/sea.blob"
else
  cp "$exe" "$stage/pulumi-resource-hostingbackups"
fi
cp LICENSE "$stage/" 2>/dev/null || true
tarball="$out/pulumi-resource-hostingbackups-v$version-$os-$arch.tar.gz"
tar -czf "$tarball" -C "$stage" .
log "$tarball: $(wc -c < "$tarball") bytes$($sea && echo ' (single executable)')"
