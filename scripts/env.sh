# Sourced by the other scripts: everything Pulumi needs to run here with no network.
# A user's own PULUMI_* settings win over these defaults.
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The project-local Node (scripts/ensure-node.sh) when the machine's is too old.
if [ -x "$repo/.tools/node/bin/node" ]; then
  export PATH="$repo/.tools/node/bin:$PATH"
fi
pulumi_root="$(cat "$repo/.tools/pulumi-root" 2>/dev/null || echo "$repo/.tools")"
# .tools/bin after the chosen root: language hosts built there when that root lacks them.
export PATH="$pulumi_root/bin:$repo/.tools/bin:$PATH"
export PULUMI_HOME="${PULUMI_HOME:-$repo/.pulumi-home}"
export PULUMI_BACKEND_URL="${PULUMI_BACKEND_URL:-file://$repo/.pulumi-state}"
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE-local-sandbox-passphrase}"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
mkdir -p "$PULUMI_HOME" "${PULUMI_BACKEND_URL#file://}"
