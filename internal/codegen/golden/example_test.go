package golden_test

import (
	"fmt"

	"github.com/kubegen/kubegen/internal/codegen/golden"
)

// FirstDiff points at the first line where a golden file and fresh output part ways.
func ExampleFirstDiff() {
	fmt.Println(golden.FirstDiff([]byte("package v1\n\ntype A struct{}\n"), []byte("package v1\n\ntype B struct{}\n")))
	// Output:
	// line 3:
	//   golden:    type A struct{}
	//   generated: type B struct{}
}
