#!/usr/bin/env bash
# The whole test suite: unit, contract (clients against the sandbox) and end-to-end
# (the real Pulumi engine against the sandbox). Extra arguments go to jest.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
bash scripts/setup.sh
source scripts/env.sh
npx jest --ci "$@"
