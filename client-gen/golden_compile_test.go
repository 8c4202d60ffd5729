//go:build golden

package clientgen

import (
	"testing"

	"github.com/kubegen/kubegen/internal/codegen/golden"
)

// TestGoldenCompiles builds and vets the golden tree: generated code must compile against the
// runtime it targets.
func TestGoldenCompiles(t *testing.T) {
	golden.Compiles(t, goldenDir)
}
