#!/usr/bin/env bash
# Quick-start command 1: installs what is needed, starts the local simulated cluster (building it
# the first time) and serves the portal: frontend on :3000, backend on :7007.
# Without Go the cluster is skipped and the portal starts with no cluster configured.
set -euo pipefail
source "$(dirname "$0")/lib/toolchain.sh"
setup_toolchain
cd "$repo_root"

configs=(--config "$repo_root/app-config.yaml")
cluster_status=0
node cluster/src/cli.ts up --nodes "${PORTAL_CLUSTER_NODES:-20}" || cluster_status=$?
if [ "$cluster_status" = 0 ]; then
  node scripts/lib/cluster-app-config.mjs >"$repo_root/.cluster/app-config.cluster.yaml"
  configs+=(--config "$repo_root/.cluster/app-config.cluster.yaml")
  log "portal points at the local cluster (stop it with: yarn cluster:down)"
elif [ "$cluster_status" = 3 ]; then
  log "no local cluster (Go is missing): the portal starts without one; the DaemonSet tab will say so."
else
  log "the local cluster failed to start (see .cluster/logs/); the portal starts without it."
fi
[ -f "$repo_root/app-config.local.yaml" ] && configs+=(--config "$repo_root/app-config.local.yaml")

log "starting the portal: http://localhost:3000 (backend http://localhost:7007)"
exec yarn start "${configs[@]}"
