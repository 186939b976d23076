#!/usr/bin/env bash
# npm run bench: set up, then measure (see bench/run.js). Writes bench/results.json.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
bash scripts/setup.sh
source scripts/env.sh
node bench/run.js
