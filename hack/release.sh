#!/usr/bin/env bash
# Checks that the tree is ready to be released as VERSION, and refuses, naming what is missing, when it
# is not (docs/versioning.md, "Releasing"). It publishes nothing: on success it prints the tag command.
#
#   hack/release.sh v0.37.0
#
# The three long checks run commands that tests may replace (each is run with bash -c):
#   KUBEGEN_RELEASE_STUB    re-cuts the blessed interface stub (default hack/release-stub.sh)
#   KUBEGEN_RELEASE_VERIFY  verifies the generated trees        (default hack/verify-codegen.sh)
#   KUBEGEN_RELEASE_TESTS   runs every test tier                (default hack/test.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

refuse() { echo "release: refused: $*" >&2; exit 1; }
step() { echo "release: $*" >&2; }

[ $# -eq 1 ] || { echo "usage: hack/release.sh vMAJOR.MINOR.PATCH" >&2; exit 2; }
version=$1

# 1. The version names a Kubernetes minor, the one the blessed clientset is generated from.
if ! [[ $version =~ ^v0\.([0-9]+)\.([0-9]+)$ ]]; then
  refuse "version '$version' is not v0.<kubernetes minor>.<patch> (docs/versioning.md)"
fi
minor=${BASH_REMATCH[1]}
api=$(sed -n 's#^[[:space:]]*k8s.io/api v0\.\([0-9]*\)\..*#\1#p' go.mod | head -1)
[ -n "$api" ] || refuse "go.mod does not require k8s.io/api"
[ "$minor" = "$api" ] || refuse "version $version is for Kubernetes 1.$minor but go.mod requires k8s.io/api v0.$api.x"

# 2. A clean tree, not tagged yet.
git rev-parse --git-dir >/dev/null 2>&1 || refuse "not a git checkout"
dirty=$(git status --porcelain)
[ -z "$dirty" ] || refuse "the working tree is not clean:
$dirty"
if git rev-parse -q --verify "refs/tags/$version" >/dev/null; then
  refuse "tag $version already exists"
fi

# 3. A changelog entry with something in it.
[ -f CHANGELOG.md ] || refuse "CHANGELOG.md is missing"
entry=$(awk -v v="$version" '
  $0 ~ "^## \\[" { if (found) exit; if (index($0, "## [" v "]") == 1) { found = 1; next } }
  found && NF { print }
' CHANGELOG.md)
if ! grep -q "^## \[$version\]" CHANGELOG.md; then
  refuse "CHANGELOG.md has no '## [$version]' section (move the Unreleased entries under it)"
fi
[ -n "$entry" ] || refuse "CHANGELOG.md's '## [$version]' section is empty"

# 4. The blessed clientset's interface stub for this minor exists, and re-cutting it changes nothing.
stub="kubernetes/stubs/v1.${minor}_test.go"
[ -f "$stub" ] || refuse "$stub is missing: cut it with KUBEGEN_BLESSED_RELEASE=v1.$minor hack/release-stub.sh"
step "checking the interface stub $stub"
if ! KUBEGEN_BLESSED_RELEASE=v1.$minor bash -c "${KUBEGEN_RELEASE_STUB:-hack/release-stub.sh}"; then
  refuse "the blessed clientset's interfaces no longer match $stub (see kubegen diff-api)"
fi
[ -z "$(git status --porcelain)" ] || refuse "re-cutting $stub changed the tree: $(git status --porcelain | head -5)"

# 5. Generated code is what the generators write today.
step "verifying generated code"
bash -c "${KUBEGEN_RELEASE_VERIFY:-hack/verify-codegen.sh}" || refuse "generated code is stale (run hack/update-codegen.sh)"

# 6. Every test tier.
step "running every test tier"
bash -c "${KUBEGEN_RELEASE_TESTS:-hack/test.sh}" || refuse "tests failed"

step "ready: $version ($(git rev-parse --short HEAD))"
echo "git tag -a $version -m 'kubegen $version' && git push origin $version"
