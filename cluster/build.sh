#!/usr/bin/env bash
# Builds etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok from the pinned
# wrapper modules in go/ into .cluster/bin. Skips binaries that are newer than their go.sum.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${CLUSTER_HOME:-$here/../.cluster}/bin"
mkdir -p "$bin"
export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=mod

if ! command -v go >/dev/null 2>&1; then
  echo "cluster: Go is not installed; the local cluster cannot be built (install Go >= 1.26)." >&2
  exit 3
fi

k8s_version="$(awk '$1=="k8s.io/kubernetes"{print $2; exit}' "$here/go/k8s/go.mod")"
k8s_minor="$(echo "$k8s_version" | cut -d. -f2)"
version_flags="-s -w \
 -X k8s.io/component-base/version.gitVersion=${k8s_version} \
 -X k8s.io/component-base/version.gitMajor=1 \
 -X k8s.io/component-base/version.gitMinor=${k8s_minor} \
 -X k8s.io/component-base/version.gitTreeState=clean \
 -X k8s.io/client-go/pkg/version.gitVersion=${k8s_version}"

build() { # module-dir package output [ldflags] [tags]
  local dir="$1" pkg="$2" out="$bin/$3" ldflags="${4:--s -w}" tags="${5:-}"
  if [ -x "$out" ] && [ "$out" -nt "$here/go/$dir/go.sum" ]; then
    echo "cluster: $3 is up to date"
    return
  fi
  echo "cluster: building $3 (first build of the control plane takes a while on a small machine)..."
  local start=$SECONDS
  (cd "$here/go/$dir" && go build -trimpath -tags "$tags" -ldflags "$ldflags" -o "$out.tmp" "$pkg")
  mv "$out.tmp" "$out"
  echo "cluster: built $3 in $((SECONDS - start))s ($(du -h "$out" | cut -f1))"
}

build etcd go.etcd.io/etcd/server/v3 etcd
build kwok sigs.k8s.io/kwok/cmd/kwok kwok
for cmd in kube-apiserver kube-controller-manager kube-scheduler; do
  build k8s "k8s.io/kubernetes/cmd/$cmd" "$cmd" "$version_flags" "selinux,notest"
done
