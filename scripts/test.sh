#!/usr/bin/env bash
# The whole test suite: unit, contract (clients against the sandbox), end-to-end and
# reliability (the real Pulumi engine against the sandbox).
#
# With arguments they go to jest as they are (`npm test -- test/e2e/backup.test.ts`,
# `npm test -- --selectProjects unit`). Without, the suite runs in two phases:
#   1. unit and contract (CPU-bound, no Pulumi needed) on jest's usual workers, while the Pulumi
#      CLI and the language hosts build in the background (Go, minutes when cold);
#   2. e2e and reliability, whose cases mostly wait on the engine and the sandbox, on
#      $HOSTING_BACKUPS_ENGINE_WORKERS workers (default 6, even on 2 cores).
# Then the slowest ten test files and the line "N passed, N failed, N skipped". Jest's JSON
# results (and the Go build log) stay in $HOSTING_BACKUPS_TEST_RESULTS (default: a temporary folder).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

if [ $# -gt 0 ]; then
  bash scripts/setup.sh
  source scripts/env.sh
  exec npx jest --ci "$@"
fi

results="${HOSTING_BACKUPS_TEST_RESULTS:-$(mktemp -d)}"
mkdir -p "$results"
rm -f "$results"/*.json
bash scripts/setup.sh --no-pulumi
source scripts/env.sh

echo "[test] building the Pulumi CLI and language hosts in the background (log: $results/go-build.log)"
(bash scripts/ensure-pulumi.sh && bash scripts/ensure-pulumi.sh --language-hosts) > "$results/go-build.log" 2>&1 &
go_build=$!

status=0
echo "[test] unit and contract"
npx jest --ci --selectProjects unit contract --json --outputFile="$results/cpu-rings.json" || status=$?

echo "[test] waiting for the Go build"
if ! wait "$go_build"; then
  cat "$results/go-build.log"
  echo "[test] the Pulumi CLI or a language host failed to build"
  exit 1
fi
cat "$results/go-build.log"
source scripts/env.sh # again: the chosen Pulumi root is known now

workers="${HOSTING_BACKUPS_ENGINE_WORKERS:-6}"
echo "[test] e2e and reliability on $workers workers"
npx jest --ci --selectProjects e2e reliability --maxWorkers="$workers" --json --outputFile="$results/engine-rings.json" \
  || status=$?

node --no-warnings scripts/test-report.ts "$results"/*.json
exit "$status"
