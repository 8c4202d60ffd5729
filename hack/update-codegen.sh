#!/usr/bin/env bash
# Regenerates every committed generated tree: kubegen's runtime apply configurations of meta/v1 under
# client/applyconfigurations, the blessed clientset under kubernetes/ and the example clients under
# examples/. Uses kubegen's own generators (one package load per run).
#
# Set KUBEGEN_OUTPUT_ROOT to write the trees somewhere else (verify-codegen.sh does, to diff them).
set -euo pipefail
cd "$(dirname "$0")/.."
root=${KUBEGEN_OUTPUT_ROOT:-.}
kubegen=(go run ./cmd/kubegen)

# kubegen's own meta/v1 apply configurations (ObjectMeta, TypeMeta, OwnerReference, Condition,
# LabelSelector, ...), which every generated apply configuration embeds or refers to.
go run ./cmd/applyconfiguration-gen --kubegen-runtime-meta \
  --output-dir "$root/client/applyconfigurations" --output-pkg github.com/kubegen/kubegen/client/applyconfigurations \
  k8s.io/apimachinery/pkg/apis/meta/v1

# The blessed clientset for k8s.io/api (the version go.mod pins, matching the test cluster): every
# group/version gets a typed package; the clientset holds the newest GA version of each group, else
# the newest beta (--clientset-all-versions=false, as client-go's); alpha-only groups stay out, and so
# do group-versions no supported kube-apiserver serves (--clientset-oldest-server: the oldest minor of
# the compatibility matrix, hack/matrix.sh; every kind of extensions/v1beta1 is removed by 1.22).
# Built-in types prefer protobuf. Apply configurations
# (client-go's layout), listers and informers (for every group/version; the factory offers the
# clientset's versions) go under kubernetes/applyconfigurations, kubernetes/listers and
# kubernetes/informers. k8s.io/api already carries its deep-copy functions,
# so the deepcopy generator does not run.
"${kubegen[@]}" --generators=applyconfiguration,client,lister,informer \
  --output-dir "$root" --output-pkg github.com/kubegen/kubegen --clientset-name kubernetes \
  --applyconfigurations-dir kubernetes/applyconfigurations \
  --listers-dir kubernetes/listers --informers-dir kubernetes/informers \
  --prefers-protobuf --clientset-include-alpha=false --clientset-all-versions=false \
  --clientset-oldest-server=1.35 \
  k8s.io/api/...

# The CRD example: deep copies next to its types; apply configurations, clientset, listers and
# informers under examples/crd/generated. Deep copies
# are always written in place, so when the trees go elsewhere (verify-codegen.sh) they are verified
# in place instead.
crd=(./examples/crd/apis/...)
crd_client=(--output-dir "$root/examples/crd/generated" --output-pkg github.com/kubegen/kubegen/examples/crd/generated
  --clientset-name clientset)
if [ "$root" = "." ]; then
  "${kubegen[@]}" "${crd_client[@]}" "${crd[@]}"
else
  "${kubegen[@]}" --generators=deepcopy --verify-only "${crd[@]}"
  "${kubegen[@]}" --generators=applyconfiguration,client,lister,informer "${crd_client[@]}" "${crd[@]}"
fi

# k8s.io/sample-controller's types, generated in code-generator's layout (clientset/versioned,
# informers/externalversions, listers) so that upstream's controller needs only new import paths.
# Deep copies go next to the types; register-gen's zz_generated.register.go is upstream's.
sample=(./examples/sample-controller/pkg/apis/...)
sample_client=(--output-dir "$root/examples/sample-controller/pkg/generated/clientset"
  --output-pkg github.com/kubegen/kubegen/examples/sample-controller/pkg/generated/clientset
  --clientset-name versioned --informers-dir ../informers/externalversions --listers-dir ../listers)
if [ "$root" = "." ]; then
  "${kubegen[@]}" --generators=deepcopy,client,lister,informer "${sample_client[@]}" "${sample[@]}"
else
  "${kubegen[@]}" --generators=deepcopy --verify-only "${sample[@]}"
  "${kubegen[@]}" --generators=client,lister,informer "${sample_client[@]}" "${sample[@]}"
fi

# The out-of-tree example is a module of its own that runs kubegen with `go tool` from its Makefile,
# as a user's project does; regenerate it the same way (its own tests verify it).
if [ "$root" = "." ]; then
  source hack/ensure-make.sh
  (cd examples/out-of-tree && make generate)
fi
