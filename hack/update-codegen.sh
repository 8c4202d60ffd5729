#!/usr/bin/env bash
# Regenerates every committed generated tree: the blessed clientset under kubernetes/ and the example
# clients under examples/. Uses kubegen's own generators (one package load per run).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d cmd/kubegen ]; then
  echo "update-codegen: cmd/kubegen is not built yet; nothing to regenerate" >&2
  exit 0
fi
