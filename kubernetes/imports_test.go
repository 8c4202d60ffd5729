package kubernetes_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestProgramsLeaveSchemeOut checks what a program on the clientset, or on core/v1's typed package
// alone, imports. The scheme package registers every type of k8s.io/api at init, so importing it
// links the protobuf, deep-copy and String code of every group and version; the typed packages
// register their own types instead. (Each k8s.io/api package also links its own registration
// through its init, so a program linking one typed package links only the API packages it imports.)
func TestProgramsLeaveSchemeOut(t *testing.T) {
	const module = "github.com/kubegen/kubegen/"
	for pkg, wantAPI := range map[string][]string{
		module + "kubernetes": nil,
		module + "kubernetes/typed/core/v1": {
			"k8s.io/api/core/v1", "k8s.io/api/policy/v1", "k8s.io/api/policy/v1beta1",
			"k8s.io/api/autoscaling/v1", "k8s.io/api/authentication/v1",
		},
	} {
		out, err := exec.Command("go", "list", "-deps", pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		allowed := map[string]bool{}
		for _, p := range wantAPI {
			allowed[p] = true
		}
		for _, dep := range strings.Fields(string(out)) {
			if dep == module+"kubernetes/scheme" {
				t.Errorf("%s imports %s, which registers every group of k8s.io/api", pkg, dep)
			}
			if wantAPI != nil && strings.HasPrefix(dep, "k8s.io/api/") && !allowed[dep] {
				t.Errorf("%s imports %s", pkg, dep)
			}
		}
	}
}
