#!/usr/bin/env bash
# Runs the tests of kubegen, by tier. A fresh machine needs only Go: the e2e tier builds the real
# test-cluster binaries when they are missing (cached outside the repo).
#
#   hack/test.sh           everything: gofmt, go vet (all tags), unit, golden, e2e, then the nested modules
#   hack/test.sh unit      no network, no test-cluster binaries, no generator runs (test files without tag),
#                          except the generated per-group examples of the blessed clientset (below)
#   hack/test.sh golden    generator runs: fixtures diffed against golden output, committed generated trees
#                          regenerated and diffed, generated code compiled (test files tagged golden); and
#                          the generated examples of kubernetes/typed/... (one test binary per group
#                          version, 55 of them: 70% of the unit tier's CPU time if they ran there)
#   hack/test.sh e2e       against a real etcd and kube-apiserver (test files tagged e2e); a missing binary
#                          that cannot be built is a failure
#
# Several tiers may be named: hack/test.sh unit golden.
set -euo pipefail
cd "$(dirname "$0")/.."

# -count=1 everywhere: several tests drive scripts, binaries and a real apiserver whose inputs the Go
# test cache cannot see, so no result is ever taken from the cache.
# -p 2: two cores, one test binary at a time per core.

# Packages of the main module holding a test file whose build constraint names tag $1.
tier_packages() {
  local tag=$1 file dir d
  { grep -rlE --include='*_test.go' "^//go:build .*\\b$tag\\b" . || true; } | while read -r file; do
    dir=$(dirname "$file")
    # Skip the modules nested in the repository; they are tested on their own below.
    d=$dir
    while [ "$d" != "." ] && [ ! -f "$d/go.mod" ]; do d=$(dirname "$d"); done
    if [ "$d" = "." ]; then echo "$dir"; fi
  done | sort -u
}

# The blessed clientset's typed client packages, whose only tests are their generated examples.
blessed_typed='/kubernetes/typed/'

unit() {
  # shellcheck disable=SC2046 # one argument per package
  go test -count=1 -p 2 -timeout 15m $(go list ./... | grep -v "$blessed_typed")
}

golden() {
  # shellcheck disable=SC2046
  go test -count=1 -p 2 -tags golden -timeout 30m $(tier_packages golden) $(go list ./... | grep "$blessed_typed")
}

e2e() {
  KUBEGEN_TESTBIN=$(hack/testbin.sh)
  export KUBEGEN_TESTBIN
  # shellcheck disable=SC2046
  go test -count=1 -p 2 -tags e2e -timeout 45m $(tier_packages e2e)
}

all() {
  source hack/ensure-make.sh
  unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go') 2>/dev/null || true)
  if [ -n "$unformatted" ]; then
    echo "gofmt would change:" >&2; echo "$unformatted" >&2; exit 1
  fi
  # Each tier compiles its own set of test files (a file that uses a helper of a tagged file must carry
  # the tag too), so each tier's set is vetted; e2e,golden together vets every file.
  for tags in "" golden e2e e2e,golden; do
    go vet -tags "$tags" ./...
  done

  unit
  golden
  e2e

  # Modules nested in the repository (the out-of-tree example drives the generators as a user would).
  for mod in examples/out-of-tree test/bench; do
    if [ -f "$mod/go.mod" ]; then
      (cd "$mod" && go vet ./... && go test -count=1 -timeout 15m ./...)
    fi
  done
}

if [ $# -eq 0 ]; then
  all
  exit
fi
for tier in "$@"; do
  case $tier in
    unit | golden | e2e) "$tier" ;;
    *) echo "usage: hack/test.sh [unit|golden|e2e]..." >&2; exit 2 ;;
  esac
done
