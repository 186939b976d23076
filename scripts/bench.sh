#!/usr/bin/env bash
# npm run bench [-- --compare <previous>]: set up, then measure. bench/run.js (engine overhead,
# limits off; the dynamic and plugin paths, completion latency) writes bench/results.json;
# bench/fleet.js (fleet scale, limits on) writes bench/fleet-results.json; then
# docs/benchmarks.md is regenerated from both (bench/figures.ts).
# BENCH_PARTS=run or BENCH_PARTS=fleet runs one part only (the other's results file stays).
# --compare <file | folder | git revision> prints every figure beside that previous run's and
# flags ratios and request counts worse by more than 25 % (e.g. `--compare HEAD`: the
# committed results). A part that fails does not stop the others.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

compare=""
while [ $# -gt 0 ]; do
  case "$1" in
    --compare) compare="${2:?--compare needs a results file, folder or git revision}"; shift 2 ;;
    *) echo "usage: npm run bench [-- --compare <results file | folder | git revision>]" >&2; exit 2 ;;
  esac
done
# A previous file is copied first: this run overwrites bench/*.json.
if [ -n "$compare" ] && [ -e "$compare" ]; then
  saved="$(mktemp -d)"
  trap 'rm -rf "$saved"' EXIT
  cp -R "$compare" "$saved/previous"
  compare="$saved/previous"
fi

bash scripts/setup.sh
source scripts/env.sh
parts="${BENCH_PARTS:-run,fleet}"
status=0
if [[ ",$parts," == *",run,"* ]]; then node bench/run.js || status=$?; fi
if [[ ",$parts," == *",fleet,"* ]]; then node bench/fleet.js || status=$?; fi
node --no-warnings bench/figures.ts docs
if [ -n "$compare" ]; then node --no-warnings bench/figures.ts compare "$compare"; fi
exit "$status"
