#!/usr/bin/env bash
# Install test: packs the five plugin packages, creates a fresh Backstage app outside the
# workspace with @backstage/create-app (as a new adopter would), installs the tarballs into it
# following the plugin READMEs, starts its backend and checks that the plugins load, then builds
# its frontend bundle.
#
#   scripts/install-test.sh
#
# Environment:
#   INSTALL_TEST_DIR    work directory (default /tmp/daemonset-install-test); emptied first
#   INSTALL_TEST_PORT   backend port of the test app (default 7417)
#   INSTALL_TEST_KEEP=1 keep the work directory after a passing run (it is kept after failures)
#   INSTALL_TEST_SKIP_FRONTEND=1  skip the frontend bundle build
#   CREATE_APP_VERSION  @backstage/create-app version (default 0.9.2, which makes a 1.55.0 app)
#
# With the local cluster running (.cluster/state.json) the test app points at it with the portal
# token; otherwise at a dummy cluster URL (routes are still checked).
set -uo pipefail
source "$(dirname "$0")/lib/toolchain.sh"
ensure_node
ensure_yarn
cd "$repo_root"

work="${INSTALL_TEST_DIR:-/tmp/daemonset-install-test}"
port="${INSTALL_TEST_PORT:-7417}"
create_app_version="${CREATE_APP_VERSION:-0.9.2}"
helper="$repo_root/scripts/lib/install-test.mjs"
tarballs="$work/tarballs"
app="$work/app"
token="install-test-$(node -e 'process.stdout.write(require("crypto").randomBytes(16).toString("hex"))')"
started=$SECONDS
passed=0
failed=0
backend_pid=""

step() { printf '\n\033[1m[install-test %4ss] %s\033[0m\n' "$((SECONDS - started))" "$*"; }
pass() { passed=$((passed + 1)); echo "ok - $*"; }
fail() { failed=$((failed + 1)); echo "not ok - $*"; }
# Runs a helper subcommand and counts its ok / not ok lines.
helper_checks() {
  local out
  out="$(node "$helper" "$@" 2>&1)"
  echo "$out"
  local ok bad
  ok="$(grep -c '^ok - ' <<<"$out" || true)"
  bad="$(grep -c '^not ok - ' <<<"$out" || true)"
  passed=$((passed + ok))
  failed=$((failed + bad))
  return 0
}
# Runs a command with a time limit, logging its output to a file; counts pass/fail.
run_logged() { # name limit-seconds logfile command...
  local name="$1" limit="$2" logfile="$3"
  shift 3
  local t0=$SECONDS rc=0
  timeout --kill-after=10 "$limit" "$@" >"$logfile" 2>&1 || rc=$?
  if [ "$rc" = 0 ]; then
    pass "$name ($((SECONDS - t0))s)"
    return 0
  fi
  # 124: time limit; 128+N: killed by signal N.
  fail "$name (exit $rc after $((SECONDS - t0))s, log: $logfile)"
  tail -n 40 "$logfile" | sed 's/^/    /'
  return 1
}

stop_backend() {
  if [ -n "$backend_pid" ] && kill -0 "$backend_pid" 2>/dev/null; then
    kill -TERM -- "-$backend_pid" 2>/dev/null || kill -TERM "$backend_pid" 2>/dev/null
    for _ in $(seq 1 20); do
      kill -0 "$backend_pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL -- "-$backend_pid" 2>/dev/null || true
  fi
  backend_pid=""
}
finish() {
  local code=$?
  stop_backend
  local total=$((SECONDS - started))
  echo
  echo "install-test: $passed passed, $failed failed (${total}s; work dir $work)"
  if [ "$failed" -eq 0 ] && [ "$code" -eq 0 ] && [ "${INSTALL_TEST_KEEP:-0}" != 1 ]; then
    rm -rf "$work"
  fi
  if [ "$failed" -gt 0 ]; then exit 1; fi
  exit "$code"
}
# Every failure is counted (and stops the script with exit 1 where later steps depend on it), so
# reaching the end of the script means success.
trap finish EXIT
trap 'echo "interrupted"; failed=$((failed + 1)); exit 130' INT TERM

step "clean work directory $work"
case "$work" in
  "$repo_root" | "$repo_root"/*) echo "INSTALL_TEST_DIR must be outside the workspace"; exit 2 ;;
esac
rm -rf "$work" && mkdir -p "$tarballs" "$work/logs"

# ------------------------------------------------------------------------------------------------
step "build and pack the plugin packages"
run_logged "yarn tsc (declarations for the package builds)" 900 "$work/logs/tsc.log" yarn tsc || exit 1
plugin_dirs=(daemonset-common daemonset-node daemonset-backend scaffolder-backend-module-daemonset daemonset)
for dir in "${plugin_dirs[@]}"; do
  pkg="$repo_root/plugins/$dir"
  name="$(node -p "require('$pkg/package.json').name")"
  out="$tarballs/$(node -p "'$name'.replace('@','').replace('/','-')").tgz"
  run_logged "build $name" 600 "$work/logs/build-$dir.log" \
    bash -c "cd '$pkg' && yarn backstage-cli package build" || continue
  # yarn pack runs prepack (backstage-cli package prepack: publishConfig -> main/types/exports)
  # and postpack, which restores package.json.
  run_logged "pack $name" 300 "$work/logs/pack-$dir.log" \
    bash -c "cd '$pkg' && yarn pack --out '$out'" || continue
  helper_checks check-tarball "$out" "$pkg"
done
if [ "$failed" -gt 0 ]; then
  echo "packing failed; not creating the app"
  exit 1
fi

# ------------------------------------------------------------------------------------------------
step "create a Backstage app with @backstage/create-app@$create_app_version"
run_logged "create-app" 600 "$work/logs/create-app.log" \
  bash -c "cd '$work' && echo daemonset-install-test | npx -y '@backstage/create-app@$create_app_version' --skip-install --path '$app'" || exit 1
echo "    app release line: $(node -p "require('$app/backstage.json').version")"

step "add the tarballs and wire the plugins as the READMEs say"
cluster_config=""
cluster_name="local"
real_cluster=0
if [ -f "$repo_root/.cluster/state.json" ] && node "$repo_root/scripts/lib/cluster-app-config.mjs" >"$work/cluster-config.json" 2>"$work/logs/cluster-config.log"; then
  cluster_config="$work/cluster-config.json"
  cluster_name="$(node -p "require('$cluster_config').kubernetes.clusterLocatorMethods[0].clusters[0].name")"
  server="$(node -p "require('$cluster_config').kubernetes.clusterLocatorMethods[0].clusters[0].url")"
  if curl -sk --max-time 5 -o /dev/null "$server/version"; then
    real_cluster=1
    echo "    using the local cluster at $server"
  else
    echo "    .cluster/state.json exists but $server does not answer: route checks only"
  fi
else
  echo "    no local cluster: a dummy cluster URL (route checks only)"
fi
helper_checks wire-app "$app" "$tarballs" "$repo_root" "$port" "$token" $cluster_config
[ "$failed" -gt 0 ] && exit 1

step "yarn install in the app (npm_config_nodedir=${npm_config_nodedir:-unset})"
# The app pins its own Yarn release (yarnPath in its .yarnrc.yml).
run_logged "yarn install" 1800 "$work/logs/install.log" bash -c "cd '$app' && yarn install" || exit 1
for name in $(node -e "console.log(Object.keys(require('$app/package.json').resolutions).filter(n=>n.startsWith('@daemonsets/')).join(' '))"); do
  if [ -f "$app/node_modules/$name/dist/index.d.ts" ]; then pass "installed $name"; else fail "installed $name"; fi
done
got="$(node -p "require('$app/node_modules/@backstage/backend-defaults/package.json').version")"
want="$(node -p "require('$repo_root/package.json').resolutions['@backstage/backend-defaults']")"
if [ "$got" = "$want" ]; then pass "@backstage/backend-defaults stays on $want"; else fail "@backstage/backend-defaults is $got, not $want"; fi

# ------------------------------------------------------------------------------------------------
step "start the app's backend on port $port"
if curl -s --max-time 2 -o /dev/null "http://localhost:$port"; then
  fail "port $port is already in use (set INSTALL_TEST_PORT)"
  exit 1
fi
(cd "$app/packages/backend" && exec setsid yarn start >"$work/logs/backend.log" 2>&1) &
backend_pid=$!
ready=0
for _ in $(seq 1 180); do
  if ! kill -0 "$backend_pid" 2>/dev/null; then break; fi
  # `backstage-cli package start` keeps watching after a failed start-up: stop waiting then.
  if grep -q "Backend startup failed" "$work/logs/backend.log"; then break; fi
  if [ "$(curl -s --max-time 2 -o /dev/null -w '%{http_code}' "http://localhost:$port/.backstage/health/v1/readiness")" = 200 ]; then
    ready=1
    break
  fi
  sleep 2
done
if [ "$ready" = 1 ]; then
  pass "backend is ready ($((SECONDS - started))s since start of test)"
else
  fail "backend did not become ready (log: $work/logs/backend.log)"
  sed 's/\x1b\[[0-9;]*m//g' "$work/logs/backend.log" | grep -iE 'error|fail' | grep -v readiness | tail -n 20 | cut -c1-400 | sed 's/^/    /'
  exit 1
fi
if grep -q "Plugin 'daemonset'" "$work/logs/backend.log" && grep -iE "Plugin 'daemonset'.*(fail|error)" "$work/logs/backend.log"; then
  fail "the daemonset plugin logged a start-up failure"
fi

step "check the plugins' routes"
helper_checks http-checks "http://localhost:$port" "$token" "$cluster_name" "$real_cluster"
stop_backend

# ------------------------------------------------------------------------------------------------
if [ "${INSTALL_TEST_SKIP_FRONTEND:-0}" = 1 ]; then
  step "frontend bundle: skipped (INSTALL_TEST_SKIP_FRONTEND=1)"
else
  step "build the app's frontend bundle"
  run_logged "yarn build in packages/app" 1800 "$work/logs/app-build.log" \
    bash -c "cd '$app/packages/app' && yarn build" &&
    helper_checks check-bundle "$app"
fi
exit 0
