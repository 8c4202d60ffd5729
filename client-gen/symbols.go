package clientgen

import (
	"k8s.io/gengo/v2/generator"
	"k8s.io/gengo/v2/types"

	"github.com/kubegen/kubegen/internal/codegen/gofile"
)

const (
	restPkg      = "github.com/kubegen/kubegen/client/rest"
	typedPkg     = "github.com/kubegen/kubegen/client/typed"
	fakePkg      = "github.com/kubegen/kubegen/client/fake"
	testingPkg   = "github.com/kubegen/kubegen/client/testing"
	discoveryPkg = "github.com/kubegen/kubegen/client/discovery"
	metav1Pkg    = "k8s.io/apimachinery/pkg/apis/meta/v1"
	runtimePkg   = "k8s.io/apimachinery/pkg/runtime"
	schemaPkg    = "k8s.io/apimachinery/pkg/runtime/schema"
)

// common are the symbols every template may use, by short key.
var common = generator.Args{
	"context":           types.Ref("context", "Context"),
	"httpClient":        types.Ref("net/http", "Client"),
	"restInterface":     types.Ref(restPkg, "Interface"),
	"restConfig":        types.Ref(restPkg, "Config"),
	"copyConfig":        types.Ref(restPkg, "CopyConfig"),
	"httpClientFor":     types.Ref(restPkg, "HTTPClientFor"),
	"restClientFor":     types.Ref(restPkg, "RESTClientForConfigAndClient"),
	"tokenBucket":       types.Ref(restPkg, "NewTokenBucketRateLimiter"),
	"defaultQPS":        types.Ref(restPkg, "DefaultQPS"),
	"defaultBurst":      types.Ref(restPkg, "DefaultBurst"),
	"typedClient":       types.Ref(typedPkg, "Client"),
	"newTypedClient":    types.Ref(typedPkg, "NewClient"),
	"typedClientApply":  types.Ref(typedPkg, "ClientWithApply"),
	"newTypedApply":     types.Ref(typedPkg, "NewClientWithApply"),
	"fakeClientApply":   types.Ref(fakePkg, "ClientWithApply"),
	"newFakeApply":      types.Ref(fakePkg, "NewClientWithApply"),
	"tracker":           types.Ref(fakePkg, "Tracker"),
	"newTracker":        types.Ref(fakePkg, "NewTracker"),
	"fakeClient":        types.Ref(fakePkg, "Client"),
	"newFakeClient":     types.Ref(fakePkg, "NewClient"),
	"fakeResource":      types.Ref(fakePkg, "Resource"),
	"groupVersion":      types.Ref(schemaPkg, "GroupVersion"),
	"gvr":               types.Ref(schemaPkg, "GroupVersionResource"),
	"gvk":               types.Ref(schemaPkg, "GroupVersionKind"),
	"runtimeObject":     types.Ref(runtimePkg, "Object"),
	"createOptions":     types.Ref(metav1Pkg, "CreateOptions"),
	"updateOptions":     types.Ref(metav1Pkg, "UpdateOptions"),
	"deleteOptions":     types.Ref(metav1Pkg, "DeleteOptions"),
	"getOptions":        types.Ref(metav1Pkg, "GetOptions"),
	"listOptions":       types.Ref(metav1Pkg, "ListOptions"),
	"patchOptions":      types.Ref(metav1Pkg, "PatchOptions"),
	"applyOptions":      types.Ref(metav1Pkg, "ApplyOptions"),
	"metaList":          types.Ref(metav1Pkg, "List"),
	"addToGroupVersion": types.Ref(metav1Pkg, "AddToGroupVersion"),
	"patchType":         types.Ref("k8s.io/apimachinery/pkg/types", "PatchType"),
	"watchInterface":    types.Ref("k8s.io/apimachinery/pkg/watch", "Interface"),
}

// args returns the common symbols plus extra key/value pairs.
func args(kv ...any) generator.Args { return gofile.Args(common, kv...) }
