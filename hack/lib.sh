# Shell functions shared by hack/test.sh and hack/matrix.sh (sourced, not run).

# Packages of the main module holding a test file whose build constraint names tag $1, one per line
# as ./dir. Modules nested in the repository are left out: they are tested on their own.
tier_packages() {
  local tag=$1 file dir d
  { grep -rlE --include='*_test.go' "^//go:build .*\\b$tag\\b" . || true; } | while read -r file; do
    dir=$(dirname "$file")
    d=$dir
    while [ "$d" != "." ] && [ ! -f "$d/go.mod" ]; do d=$(dirname "$d"); done
    if [ "$d" = "." ]; then echo "$dir"; fi
  done | sort -u
}
