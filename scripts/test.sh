#!/usr/bin/env bash
# Quick-start command 2: installs what is needed and runs the whole test suite:
# type check, lint, prettier, API reports, unit tests, the local cluster's own tests, integration tests
# against the real local cluster, and browser tests in Debian's Chromium against the portal.
# Every stage runs even if an earlier one failed; the exit code is non-zero if any failed.
# The closing summary also fails when a test layer wrote no results or ran no tests, and a
# missing prerequisite (no cluster, no /proc) fails the layer that needs it (CI=true): see
# docs/testing.md.
set -uo pipefail
source "$(dirname "$0")/lib/toolchain.sh"
set -e
setup_toolchain
ensure_chromium
set +e
cd "$repo_root"

results="$repo_root/.test-results"
rm -rf "$results" && mkdir -p "$results"
failed_stages=()
stage() { # name command...
  local name="$1"
  shift
  log "── $name"
  local start=$SECONDS
  if "$@"; then
    log "── $name passed ($((SECONDS - start))s)"
  else
    log "── $name FAILED ($((SECONDS - start))s)"
    failed_stages+=("$name")
  fi
}

export CI=true
stage "type check" yarn tsc
stage "type check (cluster tool)" yarn tsc -p cluster/tsconfig.json
stage "lint" yarn lint:all
stage "prettier" yarn prettier:check
stage "API reports" yarn build:api-reports:check
stage "unit tests" yarn test:unit --json --outputFile="$results/unit.json"
stage "summary script tests" node --test \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$results/summary.tap" \
  scripts/lib/summarise-results.test.mjs

cluster_was_running=false
node cluster/src/cli.ts status >/dev/null 2>&1 && cluster_was_running=true
stage "local cluster" node cluster/src/cli.ts up --nodes "${TEST_CLUSTER_NODES:-20}" --seed 1
stage "cluster tests" node --test --test-concurrency=1 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$results/cluster.tap" \
  'cluster/test/*.test.ts'
stage "integration tests" yarn test:integration --json --outputFile="$results/integration.json"
stage "browser tests" bash scripts/lib/run-browser-tests.sh "$results/browser.json"

# Leave the machine as it was: stop the cluster only if this run started it.
[ "$cluster_was_running" = true ] || node cluster/src/cli.ts down >/dev/null 2>&1
# The fault tests' own cluster (they stop and restart its components) never outlives the run.
CLUSTER_HOME="$repo_root/.cluster-faults" CLUSTER_PORT_OFFSET=2000 \
  node cluster/src/cli.ts down >/dev/null 2>&1

node scripts/lib/summarise-results.mjs "$results" "${failed_stages[@]}"
