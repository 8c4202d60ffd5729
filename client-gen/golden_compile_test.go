package clientgen

import (
	"os/exec"
	"strings"
	"testing"
)

// TestGoldenCompiles builds and vets the golden tree: generated code must compile against the
// runtime it targets.
func TestGoldenCompiles(t *testing.T) {
	for _, args := range [][]string{{"build", "./" + goldenDir + "/..."}, {"vet", "./" + goldenDir + "/..."}} {
		out, err := exec.Command("go", args...).CombinedOutput()
		if err != nil {
			t.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}
