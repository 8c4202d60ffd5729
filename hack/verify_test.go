//go:build golden

package hack

import (
	"os/exec"
	"testing"
)

// TestVerifyCodegen runs hack/verify-codegen.sh: the committed generated trees (kubernetes/,
// examples/) must be exactly what kubegen generates now.
func TestVerifyCodegen(t *testing.T) {
	out, err := exec.Command("bash", "verify-codegen.sh").CombinedOutput()
	if err != nil {
		t.Fatalf("verify-codegen.sh: %v\n%s", err, out)
	}
}
