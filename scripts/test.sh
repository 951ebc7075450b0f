#!/usr/bin/env bash
# Quick-start command 2: installs what is needed and runs the whole test suite:
# type check, lint, prettier, API reports, unit tests, the local cluster's own tests, integration tests
# against the real local cluster, and browser tests in Debian's Chromium against the portal.
# Every stage runs even if an earlier one failed; the exit code is non-zero if any failed.
# The closing summary also fails when a test layer wrote no results or ran no tests, and a
# missing prerequisite (no cluster, no /proc) fails the layer that needs it (CI=true): see
# docs/testing.md.
# A subset, e.g. for a test of this script: TEST_STAGES="local cluster,integration tests" runs only
# the stages so named (comma-separated) and the summary requires only their layers' results;
# TEST_RESULTS_DIR puts the results elsewhere than .test-results/; TEST_JEST_ARGS adds arguments
# to the unit and integration jest runs (e.g. TEST_JEST_ARGS="-t broken").
set -uo pipefail
source "$(dirname "$0")/lib/toolchain.sh"
source "$(dirname "$0")/lib/postgres.sh"
set -e
setup_toolchain
ensure_chromium
set +e
cd "$repo_root"

results="${TEST_RESULTS_DIR:-$repo_root/.test-results}"
rm -rf "$results" && mkdir -p "$results"
failed_stages=()
read -ra jest_args <<<"${TEST_JEST_ARGS:-}"
selected() { [ -z "${TEST_STAGES:-}" ] || [[ ",$TEST_STAGES," == *",$1,"* ]]; }
stage() { # name command...
  local name="$1"
  shift
  selected "$name" || return 0
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
stage "type check (bench)" yarn tsc -p bench/tsconfig.json
stage "lint" yarn lint:all
stage "prettier" yarn prettier:check
stage "API reports" yarn build:api-reports:check
# Before the unit and integration stages: the approval store tests run on it (CI: missing = failure).
postgres_was_running=false
postgres_running && postgres_was_running=true
stage "PostgreSQL for the tests" ensure_postgres
stage "unit tests" yarn test:unit --json --outputFile="$results/unit.json" "${jest_args[@]}"
stage "summary script tests" node --test \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$results/summary.tap" \
  scripts/lib/summarise-results.test.mjs scripts/lib/env.test.mjs scripts/test-script.test.mjs

cluster_was_running=false
node cluster/src/cli.ts status >/dev/null 2>&1 && cluster_was_running=true
stage "local cluster" node cluster/src/cli.ts up --nodes "${TEST_CLUSTER_NODES:-20}" --seed 1
stage "cluster tests" node --test --test-concurrency=1 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$results/cluster.tap" \
  'cluster/test/*.test.ts'
stage "integration tests" yarn test:integration --json --outputFile="$results/integration.json" \
  "${jest_args[@]}"
stage "browser tests" bash scripts/lib/run-browser-tests.sh "$results/browser.json" \
  --grep-invert @unreachable-cluster
# A portal of its own with a second, unreachable cluster: it would show on every other tab.
stage "browser tests (unreachable cluster)" env PORTAL_UNREACHABLE_CLUSTER=1 \
  bash scripts/lib/run-browser-tests.sh "$results/browser-unreachable.json" \
  --grep @unreachable-cluster

# Leave the machine as it was: stop the cluster and PostgreSQL only if this run started them.
[ "$cluster_was_running" = true ] || node cluster/src/cli.ts down >/dev/null 2>&1
[ "$postgres_was_running" = true ] || stop_postgres
# The fault tests' own cluster (they stop and restart its components) never outlives the run.
selected "integration tests" &&
  CLUSTER_HOME="${FAULTS_CLUSTER_HOME:-$repo_root/.cluster-faults}" \
    CLUSTER_PORT_OFFSET="${FAULTS_CLUSTER_PORT_OFFSET:-2000}" \
    node cluster/src/cli.ts down >/dev/null 2>&1

node scripts/lib/summarise-results.mjs ${TEST_STAGES:+"--layers=$TEST_STAGES"} \
  "$results" "${failed_stages[@]}"
