#!/usr/bin/env bash
# npm run test:live [-- --sweep]: the live acceptance kit (docs/live-testing.md) against the
# accounts the environment names. Sets up like `npm test`, bundles test/live/kit.ts, runs it.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
bash scripts/setup.sh
source scripts/env.sh
npx esbuild test/live/kit.ts --bundle --platform=node --external:@pulumi/pulumi --log-level=warning \
  --outfile=.tools/live/kit.js
node .tools/live/kit.js "$@"
