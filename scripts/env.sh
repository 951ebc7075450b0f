# Source this in a new shell to use the project's own Node 22 and Yarn 4 for the commands the
# README lists (yarn cluster:status, yarn bench, yarn test:unit, ...):
#   source scripts/env.sh
# It installs nothing the quick-start commands would not: Node into .tools/ when the machine's is
# older, and the dependencies when yarn.lock changed since the last install.
# shellcheck shell=bash
# shellcheck source=lib/toolchain.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/toolchain.sh"
setup_toolchain
