#!/usr/bin/env bash
# Runs the tests of kubegen, by tier. A fresh machine needs only Go: the e2e tier builds the real
# test-cluster binaries when they are missing (cached outside the repo).
#
#   hack/test.sh           everything: gofmt, go vet (all tags), unit, golden, e2e, then the nested modules,
#                          then a smoke subset of the e2e tier against the two older Kubernetes minors
#   hack/test.sh unit      no network, no test-cluster binaries, no generator runs (test files without tag),
#                          except the generated per-group examples of the blessed clientset (below)
#   hack/test.sh golden    generator runs: fixtures diffed against golden output, committed generated trees
#                          regenerated and diffed, generated code compiled (test files tagged golden); and
#                          the generated examples of kubernetes/typed/... (one test binary per group
#                          version, 55 of them: 70% of the unit tier's CPU time if they ran there)
#   hack/test.sh smoke     the smoke subset against the older minors (below), building what is missing
#   hack/test.sh e2e       against a real etcd and kube-apiserver (test files tagged e2e); a missing binary
#                          that cannot be built is a failure
#
# Several tiers may be named: hack/test.sh unit golden.
set -euo pipefail
cd "$(dirname "$0")/.."

# -count=1 everywhere: several tests drive scripts, binaries and a real apiserver whose inputs the Go
# test cache cannot see, so no result is ever taken from the cache.
# -p 2: two cores, one test binary at a time per core.

source hack/lib.sh

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

# The older Kubernetes minors of the compatibility matrix (hack/matrix.sh runs the whole e2e tier on
# each; the README's table comes from there). In the full run they get a smoke subset: CRUD and every
# patch type, server-side apply, watch and 410, informers, discovery, dynamic, exec, attach and
# port-forward. Building a minor's kube-apiserver takes 15-30 minutes on 2 cores, so a run builds a
# missing one only while it is within its first $smoke_budget seconds: a fresh machine builds them
# over its first runs (saying so), and every run after that tests all three.
older_minors=(v1.36.3 v1.35.4)
smoke_budget=${KUBEGEN_SMOKE_BUDGET:-1800}
smoke_packages=(./kubernetes ./client/typed/e2e ./client/cache/e2e ./client/dynamic/e2e ./test/streaming)
smoke_run='^(TestBlessedClientsetAgainstCluster|TestConfigMapsScenarioMatchesFake|TestServerSideApplyMatchesFake|TestWatchFromCompactedResourceVersionMatchesFake|TestInformerAgainstAPIServer|TestAggregatedAndLegacyDiscoveryAgree|TestDynamicCronTabScenario|TestExecSuccess|TestAttach|TestPortForwardHTTP)$'

smoke_older_minors() {
  local started=$1 v dir
  for v in "${older_minors[@]}"; do
    dir=${XDG_CACHE_HOME:-$HOME/.cache}/kubegen/testbin/$v
    if ! { [ -x "$dir/kube-apiserver" ] && [ -x "$dir/etcd" ]; } && (( $(date +%s) - started > smoke_budget )); then
      echo "test: NOT RUN: the smoke subset against kube-apiserver $v: its binaries are not built and this run is past its ${smoke_budget}s budget for building; the next run builds them (or: KUBE_VERSION=$v STAGING_VERSION=v0.${v#v1.} hack/testbin.sh)" >&2
      continue
    fi
    dir=$(KUBEGEN_TESTBIN=$dir KUBE_VERSION=$v STAGING_VERSION="v0.${v#v1.}" hack/testbin.sh)
    echo "test: smoke subset against kube-apiserver $v" >&2
    KUBEGEN_TESTBIN=$dir go test -count=1 -p 2 -tags e2e -timeout 20m -run "$smoke_run" "${smoke_packages[@]}"
  done
}

all() {
  local started
  started=$(date +%s)
  source hack/ensure-make.sh
  unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go') 2>/dev/null || true)
  if [ -n "$unformatted" ]; then
    echo "gofmt would change:" >&2; echo "$unformatted" >&2; exit 1
  fi
  # Each tier compiles its own set of test files (a file that uses a helper of a tagged file must carry
  # the tag too), so each tier's set is vetted. e2e,golden together vets every file of every package;
  # the other sets differ from it only in the packages holding a tagged test file (no other file of
  # the module carries these tags), so only those are vetted again.
  go vet -tags e2e,golden ./...
  local tagged
  tagged=$( { tier_packages golden; tier_packages e2e; } | sort -u)
  for tags in "" golden e2e; do
    # Only those with a Go file under this tag set (an e2e-only package has none without the tag).
    # shellcheck disable=SC2086 # one argument per package
    go vet -tags "$tags" $(go list -e -tags "$tags" -f '{{if or .GoFiles .TestGoFiles .XTestGoFiles}}{{.Dir}}{{end}}' $tagged)
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

  smoke_older_minors "$started"
}

if [ $# -eq 0 ]; then
  all
  exit
fi
for tier in "$@"; do
  case $tier in
    unit | golden | e2e) "$tier" ;;
    smoke) smoke_older_minors "$(date +%s)" ;;
    *) echo "usage: hack/test.sh [unit|golden|e2e|smoke]..." >&2; exit 2 ;;
  esac
done
