package command_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/kubegen/kubegen/internal/codegen/command"
)

// Relative turns absolute file:line positions under the working directory into the relative ones
// an editor or a terminal shows as links.
func ExampleRelative() {
	wd, _ := os.Getwd()
	fmt.Println(command.Relative(filepath.Join(wd, "apis", "v1", "types.go") + ":6: unknown tag +genclient:frobnicate"))
	// Output: apis/v1/types.go:6: unknown tag +genclient:frobnicate
}
