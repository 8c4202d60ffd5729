//go:build golden

package codegen_test

import (
	"errors"
	"fmt"

	"k8s.io/gengo/v2/generator"

	"github.com/kubegen/kubegen/internal/codegen"
	"github.com/kubegen/kubegen/internal/codegen/model"
)

// A generator package describes itself once; Job and Run do the rest. Options are checked before
// any package is loaded.
func ExampleGenerator_Run() {
	g := codegen.Generator{
		Tool:     "hello-gen",
		Validate: func() (map[string]string, error) { return nil, errors.New("--output-dir is required") },
		Targets: func(api *model.API, header []byte) ([]generator.Target, error) {
			return nil, nil // one target per group/version, usually
		},
	}
	_, err := g.Run([]string{"./apis/..."})
	fmt.Println(err)
	// Output: --output-dir is required
}
