#!/usr/bin/env bash
# Cuts (once) the release stub of the blessed clientset: kubernetes/stubs/<release>_test.go freezes the
# interfaces of kubernetes/ and kubernetes/typed/... for the k8s.io/api release it is generated from.
# Re-running is a no-op while the interfaces match, and fails listing the changed methods when they do
# not; `go run ./cmd/kubegen diff-api --release <release> kubernetes` explains a failing stub.
set -euo pipefail
cd "$(dirname "$0")/.."
go run ./cmd/kubegen cut-stub --release "${KUBEGEN_BLESSED_RELEASE:-v1.37}" --policy strict kubernetes
