#!/usr/bin/env bash
# Runs the e2e tier against several Kubernetes minors and prints the compatibility matrix (feature ×
# minor, each cell from the tests of that feature on that minor). Binaries come from hack/testbin.sh
# (built from the Go module proxy when missing, cached outside the repository).
#
#   hack/matrix.sh                      the three supported minors, full e2e tier on each
#   hack/matrix.sh v1.36.3 v1.37.1      only these, oldest first (the last is the newest)
#   MATRIX_RUN='regexp' hack/matrix.sh  only the tests matching the regexp (go test -run)
#   MATRIX_WRITE=1 hack/matrix.sh       also rewrite the README's matrix between its markers
#   MATRIX_OUT=dir hack/matrix.sh       keep each minor's go test -json output in dir/<version>.json
#
# It exits non-zero when a test fails on any minor: a feature a minor lacks is asserted by the test
# (it checks the fallback), never skipped. Only two comparisons held to the newest minor (the fake's
# rules suite, the schema derived from the newest k8s.io/api) are left out on the older minors, and the
# matrix says so in their cells.
set -euo pipefail
cd "$(dirname "$0")/.."

minors=("$@")
[ ${#minors[@]} -gt 0 ] || minors=(v1.35.4 v1.36.3 v1.37.1)

source hack/lib.sh
# The packages of the e2e tier of hack/test.sh.
packages=$(tier_packages e2e)

# The go test -json output of each minor goes to $MATRIX_OUT when set (kept), else a temporary directory.
if [ -n "${MATRIX_OUT:-}" ]; then
  out=$MATRIX_OUT
  mkdir -p "$out"
else
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
fi
status=0
for v in "${minors[@]}"; do
  staging="v0.${v#v1.}"
  dir=$(KUBE_VERSION=$v STAGING_VERSION=$staging hack/testbin.sh)
  echo "matrix: e2e tier against kube-apiserver $v" >&2
  start=$(date +%s)
  # The fake's rules suite holds the fake to the newest minor's answers, and the schema derived from
  # k8s.io/api (the newest minor's types) has fields older servers lack: both compared there only.
  skip=()
  [ "$v" = "${minors[-1]}" ] || skip=(-skip '^(TestRulesMatchFake|TestSchemaMatchesAPIServer)$')
  # shellcheck disable=SC2086 # one argument per package
  if ! KUBEGEN_TESTBIN=$dir go test -tags e2e -count=1 -p 2 -timeout 45m -json ${MATRIX_RUN:+-run "$MATRIX_RUN"} "${skip[@]}" $packages >"$out/$v.json"; then
    status=1
  fi
  echo "matrix: $v took $(( $(date +%s) - start )) s" >&2
done
args=()
[ -z "${MATRIX_WRITE:-}" ] || args=(-write README.md)
files=()
for v in "${minors[@]}"; do files+=("$out/$v.json"); done
go run ./hack/matrix "${args[@]}" "${files[@]}" || status=1
exit $status
