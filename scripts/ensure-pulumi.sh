#!/usr/bin/env bash
# Makes a Pulumi CLI, the Node.js language host and the dynamic-provider launcher
# available, without any download but the Go module proxy:
#   1. a `pulumi` already on PATH, if it is at least $PULUMI_MIN_VERSION, is used as it is;
#   2. else a CLI built earlier into .tools/bin is reused;
#   3. else both Go programs are built from tools/pulumi*/go.mod (pinned versions).
# Prints nothing but progress on stderr; writes the chosen root (a folder with bin/pulumi)
# to .tools/pulumi-root, which scripts/env.sh and the tests read.
# `--language-hosts` instead builds the Pulumi YAML and Go language hosts (for programs using
# the plugin, docs/plugin.md) into .tools/bin when they are not beside the chosen `pulumi`;
# scripts/env.sh puts .tools/bin on PATH after the chosen root. Only programs using the plugin
# need them (the plugin tests' global setup, CI in the background, users per docs/plugin.md),
# so the demo and a plain setup do not build them.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The CLI we build and test with (pkg/v3 + sdk/v3 in tools/pulumi/go.mod).
PULUMI_VERSION="3.276.0"
# The oldest CLI taken from PATH: 3.254.0 is the first that redacts secrets in its verbose
# logs (docs/reliability.md); CI always runs $PULUMI_VERSION.
PULUMI_MIN_VERSION="3.254.0"
bin="$repo/.tools/bin"
mkdir -p "$bin"

log() { echo "[ensure-pulumi] $*" >&2; }

# The legacy analyzer plugin that runs a Node.js policy-pack folder (`pulumi preview --policy-pack`)
# for CLIs that still look for it on PATH (v3.276 runs a folder through the language host, and an
# executable pack such as policy-pack/analyzer directly): docs/policy-pack.md.
install -m 0755 "$repo/scripts/pulumi-analyzer-policy" "$bin/pulumi-analyzer-policy"

version_at_least() { # $1 >= $2 (dotted, numeric)
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

export GOFLAGS="${GOFLAGS:-} -trimpath" CGO_ENABLED=0
# The module proxy serves these modules, but this machine reaches no checksum database;
# go.sum (committed) pins the exact hashes instead.
export GONOSUMDB="github.com/pulumi/pulumi,github.com/pulumi/pulumi-yaml"

# Builds language host $1 from tools/$1/go.mod into .tools/bin unless the `pulumi` in use has
# it beside it ($2) or the one built earlier came from the same go.mod (copied as $1.go.mod).
ensure_language_host() {
  local name="$1" beside="$2" mod="$repo/tools/$1/go.mod"
  if [ "$beside" != "$bin" ] && [ -x "$beside/$name" ]; then return 0; fi
  if [ -x "$bin/$name" ] && cmp -s "$mod" "$bin/$name.go.mod"; then return 0; fi
  log "building $name from the Go module proxy (first time: minutes)"
  local start=$(date +%s)
  (cd "$repo/tools/$name" && GOBIN="$bin" go install tool)
  cp "$mod" "$bin/$name.go.mod"
  log "built $name in $(( $(date +%s) - start ))s"
}

# One run at a time: CI's background build, `npm test`'s and a jest global setup may overlap.
exec 9> "$repo/.tools/.ensure-pulumi.lock"
if command -v flock >/dev/null; then flock 9; fi

if [ "${1:-}" = "--language-hosts" ]; then
  root="$(cat "$repo/.tools/pulumi-root" 2>/dev/null || echo "$repo/.tools")"
  ensure_language_host pulumi-language-yaml "$root/bin"
  ensure_language_host pulumi-language-go "$root/bin"
  exit 0
fi

if [ -z "${HOSTING_BACKUPS_BUILD_PULUMI:-}" ] && command -v pulumi >/dev/null 2>&1 \
  && [ "$(command -v pulumi)" != "$bin/pulumi" ]; then
  have="$(pulumi version 2>/dev/null | sed 's/^v//')"
  onpath="$(dirname "$(command -v pulumi)")"
  if [ -n "$have" ] && version_at_least "$have" "$PULUMI_MIN_VERSION" && [ -x "$onpath/pulumi-language-nodejs" ]; then
    log "using pulumi $have from $onpath"
    echo "$(dirname "$onpath")" > "$repo/.tools/pulumi-root"
    exit 0
  fi
  log "pulumi on PATH is ${have:-unknown} (need >= $PULUMI_MIN_VERSION with pulumi-language-nodejs beside it); building our own"
fi

# The dynamic-provider launcher ships inside the @pulumi/pulumi npm package.
launcher="$repo/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
if [ ! -f "$launcher" ]; then
  log "node_modules is missing; run npm ci first"; exit 1
fi
install -m 0755 "$launcher" "$bin/pulumi-resource-pulumi-nodejs"

if [ -x "$bin/pulumi" ] && [ "$("$bin/pulumi" version 2>/dev/null)" = "v$PULUMI_VERSION" ]; then
  log "reusing pulumi v$PULUMI_VERSION in $bin"
else
  log "building pulumi v$PULUMI_VERSION from the Go module proxy (first time: several minutes)"
  start=$(date +%s)
  (cd "$repo/tools/pulumi" && GOBIN="$bin" go install -tags osusergo,grpcnotrace \
    -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION" tool)
  log "built pulumi in $(( $(date +%s) - start ))s"
fi

if [ ! -x "$bin/pulumi-language-nodejs" ]; then
  log "building pulumi-language-nodejs"
  start=$(date +%s)
  (cd "$repo/tools/pulumi-language-nodejs" && GOBIN="$bin" go install tool)
  log "built pulumi-language-nodejs in $(( $(date +%s) - start ))s"
fi

echo "$repo/.tools" > "$repo/.tools/pulumi-root"
