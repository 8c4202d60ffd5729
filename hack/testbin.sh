#!/usr/bin/env bash
# Builds the real test-cluster binaries (kube-apiserver and etcd) from the Go module proxy into a cache
# outside the repository, only when they are missing. Prints the directory holding them.
#
#   hack/testbin.sh            build if missing, print the directory
#   KUBEGEN_TESTBIN=DIR        use (and fill) DIR instead of the default cache
set -euo pipefail

KUBE_VERSION=${KUBE_VERSION:-v1.37.1}
STAGING_VERSION=${STAGING_VERSION:-v0.37.1}
ETCD_VERSION=${ETCD_VERSION:-v3.6.7}

cache=${XDG_CACHE_HOME:-$HOME/.cache}
dir=${KUBEGEN_TESTBIN:-$cache/kubegen/testbin/$KUBE_VERSION}
mkdir -p "$dir"

log() { echo "testbin: $*" >&2; }

# Each build happens in a throwaway module, removed however the script ends.
work=
trap 'if [ -n "$work" ]; then rm -rf "$work"; fi' EXIT

build_apiserver() {
  work=$(mktemp -d)
  log "building kube-apiserver $KUBE_VERSION (a few minutes on 2 cores)"
  (
    cd "$work"
    go mod init kubegen.local/testbin-apiserver >/dev/null 2>&1
    local gomod
    gomod=$(go mod download -json "k8s.io/kubernetes@$KUBE_VERSION" | sed -n 's/^\s*"GoMod": "\(.*\)",$/\1/p')
    [ -n "$gomod" ] || { log "cannot download k8s.io/kubernetes@$KUBE_VERSION"; exit 1; }
    go mod edit -require="k8s.io/kubernetes@$KUBE_VERSION"
    # Every staging module the kubernetes go.mod replaces with a local path comes from the proxy instead.
    for m in $(sed -n 's#^\s*\(k8s.io/[a-z0-9-]*\) => ./staging/.*#\1#p' "$gomod"); do
      go mod edit -replace="$m=$m@$STAGING_VERSION"
    done
    cat > tools.go <<'GO'
//go:build tools

package tools

import _ "k8s.io/kubernetes/cmd/kube-apiserver"
GO
    go mod tidy >/dev/null 2>&1 || go mod tidy
    go build -trimpath -o "$dir/kube-apiserver.tmp" k8s.io/kubernetes/cmd/kube-apiserver
  )
  mv "$dir/kube-apiserver.tmp" "$dir/kube-apiserver"
  rm -rf "$work"
}

build_etcd() {
  work=$(mktemp -d)
  log "building etcd $ETCD_VERSION"
  (
    cd "$work"
    go mod init kubegen.local/testbin-etcd >/dev/null 2>&1
    go get "go.etcd.io/etcd/server/v3@$ETCD_VERSION" >/dev/null 2>&1 || go get "go.etcd.io/etcd/server/v3@$ETCD_VERSION"
    go build -trimpath -o "$dir/etcd.tmp" go.etcd.io/etcd/server/v3
  )
  mv "$dir/etcd.tmp" "$dir/etcd"
  rm -rf "$work"
}

# Concurrent runs (two checkouts, two terminals) wait for each other instead of building twice.
if [ ! -x "$dir/etcd" ] || [ ! -x "$dir/kube-apiserver" ]; then
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$dir/.build.lock"
    flock 9
  fi
  [ -x "$dir/etcd" ] || build_etcd
  [ -x "$dir/kube-apiserver" ] || build_apiserver
fi
echo "$dir"
