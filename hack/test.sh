#!/usr/bin/env bash
# Runs every test of kubegen on a fresh machine that has only Go: builds the real test-cluster binaries
# when they are missing (cached outside the repo), checks formatting and vet, then runs all tests,
# end-to-end tests against a real kube-apiserver and etcd included.
set -euo pipefail
cd "$(dirname "$0")/.."

source hack/ensure-make.sh
KUBEGEN_TESTBIN=$(hack/testbin.sh)
export KUBEGEN_TESTBIN

unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go') 2>/dev/null || true)
if [ -n "$unformatted" ]; then
  echo "gofmt would change:" >&2; echo "$unformatted" >&2; exit 1
fi
go vet ./...

# Two cores: one test binary at a time per core.
# -count=1: several tests drive scripts, binaries and a real apiserver whose inputs the Go test cache
# cannot see, so no result is ever taken from the cache.
go test -count=1 -p 2 -timeout 45m ./...

# Modules nested in the repository (the out-of-tree example drives the generators as a user would).
for mod in examples/out-of-tree test/bench; do
  if [ -f "$mod/go.mod" ]; then
    (cd "$mod" && go vet ./... && go test -count=1 -timeout 15m ./...)
  fi
done
