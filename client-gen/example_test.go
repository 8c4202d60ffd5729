//go:build golden

package clientgen_test

import (
	"fmt"
	"path/filepath"
	"strings"

	clientgen "github.com/kubegen/kubegen/client-gen"
	"github.com/kubegen/kubegen/internal/codegen/output"
)

// Generate the clients of a package of API types in memory (what Run writes to disk), here the
// fixtures client-gen's golden tests use.
func Example() {
	loaded, err := output.Load([]string{"./testdata/apis/example/v1"}, output.LoadOptions{})
	if err != nil {
		panic(err)
	}
	a := clientgen.DefaultArgs()
	a.OutputDir, a.OutputPkg = "/tmp/generated", "example.com/me/generated"
	job, err := clientgen.Job(loaded, a)
	if err != nil {
		panic(err)
	}
	files, err := output.Generate(job)
	if err != nil {
		panic(err)
	}
	for _, f := range files {
		if rel, _ := filepath.Rel(a.OutputDir, f.Path); !strings.Contains(rel, "fake") {
			fmt.Println(rel)
		}
	}
	// Output:
	// versioned/clientset.go
	// versioned/doc.go
	// versioned/scheme/doc.go
	// versioned/scheme/register.go
	// versioned/typed/example/v1/doc.go
	// versioned/typed/example/v1/example_client.go
	// versioned/typed/example/v1/example_test.go
	// versioned/typed/example/v1/gauge.go
	// versioned/typed/example/v1/generated_expansion.go
	// versioned/typed/example/v1/nudge.go
	// versioned/typed/example/v1/policy.go
	// versioned/typed/example/v1/review.go
	// versioned/typed/example/v1/sprocket.go
	// versioned/typed/example/v1/widget.go
}
