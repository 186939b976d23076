#!/usr/bin/env bash
# The five-minute tour: set up, start the sandbox, `pulumi up` the quickstart (a pre-release
# Backup on each vendor, a BackupPolicy and a RestoreOperation drill), print the outputs,
# delete a backup behind Pulumi's back and let `pulumi preview --refresh` show the drift.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "Setting up (npm packages, Pulumi CLI, build)"
bash scripts/setup.sh
source scripts/env.sh

port=4010 # the port Pulumi.yaml points at
step "Starting the vendor sandbox on port $port (state in .sandbox-state.json)"
node dist/sandbox/main.js --port "$port" --state .sandbox-state.json > .sandbox.log 2>&1 &
sandbox_pid=$!
trap 'kill $sandbox_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  curl -fsS "http://127.0.0.1:$port/_admin/seed" > /dev/null 2>&1 && break
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$port/_admin/seed" > /dev/null || { cat .sandbox.log; exit 1; }
export HOSTING_BACKUPS_SANDBOX="http://127.0.0.1:$port"

step "Selecting the local stack 'demo' (file backend in .pulumi-state)"
pulumi stack select --create demo --non-interactive > /dev/null
pulumi config set quickstart:release "${RELEASE:-v1.0.0}" > /dev/null

step "pulumi up: a pre-release backup on every vendor, a retention policy and a restore drill"
pulumi up --yes --refresh --non-interactive

step "Stack outputs"
pulumi stack output --json

backup_id="$(pulumi stack output --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).backups.vpsorg.backupId))')"
step "Deleting VPS.org backup $backup_id out of band (as if someone removed it by hand)"
curl -fsS -X DELETE "http://127.0.0.1:$port/_admin/backups/vpsorg/$backup_id" > /dev/null

step "pulumi preview --refresh: Pulumi notices the missing backup and plans to take it again"
pulumi preview --refresh --diff --non-interactive

step "Done"
cat <<EOT
The sandbox has stopped; its state is kept in .sandbox-state.json. To continue:
  npm run sandbox -- --port $port --state .sandbox-state.json &   # bring the sandbox back
  source scripts/env.sh
  pulumi up        # converge again (takes the deleted backup anew)
  pulumi destroy   # remove everything the demo created
To use real accounts, create your own program (see examples/) and set credentials:
  pulumi config set --secret hosting-backups:kinstaApiKey <key>   (docs/configuration.md)
EOT
