package gofile_test

import (
	"fmt"

	"k8s.io/gengo/v2/types"

	"github.com/kubegen/kubegen/internal/codegen/gofile"
)

// Import names say which group and version a package is, so files that mix the API types, typed
// clients and listers of one version stay readable.
func ExampleNewImportTracker() {
	tracker := gofile.NewImportTracker("example.com/gen/informers/apps/v1")
	for _, pkg := range []string{"k8s.io/api/apps/v1", "example.com/gen/clientset/typed/apps/v1", "example.com/gen/listers/apps/v1"} {
		tracker.AddSymbol(types.Name{Package: pkg, Name: "Deployment"})
		fmt.Println(tracker.LocalNameOf(pkg))
	}
	// Output:
	// appsv1
	// typedappsv1
	// listersappsv1
}
