#!/usr/bin/env bash
# Starts the portal as quick-start command 1 does (cluster config included), waits until the
# frontend and backend answer, runs the Playwright specs in Debian's Chromium, stops the portal.
# Usage: run-browser-tests.sh <json-report-path> [playwright arguments, e.g. a spec file]
set -uo pipefail
repo_root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo_root"
report="${1:-$repo_root/test-results/browser.json}"
portal_log="$repo_root/.test-results/portal.log"
mkdir -p "$(dirname "$portal_log")"

configs=(--config "$repo_root/app-config.yaml")
# PORTAL_UNREACHABLE_CLUSTER=1 adds a cluster at a closed port (tab-access.test.ts @unreachable-cluster),
# in a file of its own so that the usual one never holds it.
cluster_config="$repo_root/.cluster/app-config.cluster${PORTAL_UNREACHABLE_CLUSTER:+-unreachable}.yaml"
if node scripts/lib/cluster-app-config.mjs ${PORTAL_UNREACHABLE_CLUSTER:+--unreachable-cluster} \
  >"$cluster_config"; then
  configs+=(--config "$cluster_config")
fi

setsid yarn start "${configs[@]}" >"$portal_log" 2>&1 &
portal_pid=$!
stop_portal() { kill -- -"$portal_pid" 2>/dev/null; wait "$portal_pid" 2>/dev/null; }
trap stop_portal EXIT

wait_for() { # url seconds
  local deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    if [ $SECONDS -ge $deadline ] || ! kill -0 "$portal_pid" 2>/dev/null; then
      echo "portal did not answer at $1; last lines of $portal_log:" >&2
      tail -40 "$portal_log" >&2
      return 1
    fi
    sleep 2
  done
}
wait_for http://localhost:7007/.backstage/health/v1/readiness 300 || exit 1
wait_for http://localhost:3000 600 || exit 1

PLAYWRIGHT_JSON_OUTPUT="$report" yarn playwright test "${@:2}"
