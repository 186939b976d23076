#!/usr/bin/env bash
# npm run bench: set up, then measure. bench/run.js (engine overhead, limits off) writes
# bench/results.json; bench/fleet.js (fleet scale, limits on) writes bench/fleet-results.json.
# BENCH_PARTS=run or BENCH_PARTS=fleet runs one part only.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
bash scripts/setup.sh
source scripts/env.sh
parts="${BENCH_PARTS:-run,fleet}"
if [[ ",$parts," == *",run,"* ]]; then node bench/run.js; fi
if [[ ",$parts," == *",fleet,"* ]]; then node bench/fleet.js; fi
