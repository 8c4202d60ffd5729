package apistubs_test

import (
	"fmt"
	"go/token"

	"github.com/kubegen/kubegen/internal/apistubs"
)

// A report says what changed since a release and whether the release's policy allows it.
func ExampleReport() {
	rep := &apistubs.Report{
		Release: "v1.0",
		Policy:  apistubs.Additive,
		File:    "clientset/stubs/v1.0_test.go",
		Changes: []apistubs.Change{{
			Kind:      apistubs.Added,
			Interface: "corev1.PodInterface",
			Method:    "Evict",
			New:       "(ctx context.Context, name string) error",
			Pos:       token.Position{Filename: "clientset/typed/core/v1/pod.go", Line: 42, Column: 2},
		}},
	}
	fmt.Print(rep)
	fmt.Println("breaking:", rep.Breaking())
	// Output:
	// release v1.0 (additive), clientset/stubs/v1.0_test.go: 1 change(s), compatible
	//   added             corev1.PodInterface.Evict  clientset/typed/core/v1/pod.go:42:2
	//       now  Evict(ctx context.Context, name string) error
	// breaking: false
}
