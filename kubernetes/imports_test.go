package kubernetes_test

import (
	"os/exec"
	"path/filepath"
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

// TestListPodsLinksOnlyCore builds a program that lists pods through the clientset's CoreV1 and
// reads its symbol table: the clientset builds its group clients on first use and the typed packages
// their schemes, so no code of any other group's typed package (constructors, scheme registration,
// init) is linked, while core/v1's registration is.
func TestListPodsLinksOnlyCore(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "listpods")
	if out, err := exec.Command("go", "build", "-o", bin, "./testdata/listpods").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command("go", "tool", "nm", bin).Output()
	if err != nil {
		t.Fatalf("go tool nm: %v", err)
	}
	const typed = "github.com/kubegen/kubegen/kubernetes/typed/"
	const coreRegistration = typed + "core/v1.addToScheme"
	var others []string
	sawCore := false
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		if len(f) < 3 || (f[len(f)-2] != "T" && f[len(f)-2] != "t") {
			continue
		}
		sym := f[len(f)-1]
		switch {
		case sym == coreRegistration:
			sawCore = true
		case strings.HasPrefix(sym, typed) && !strings.HasPrefix(sym, typed+"core/v1."):
			others = append(others, sym)
		}
	}
	if !sawCore {
		t.Errorf("%s is not linked: the program cannot list pods, or the symbol table is not read right", coreRegistration)
	}
	if len(others) > 0 {
		t.Errorf("%d functions of other groups' typed packages are linked, e.g. %s", len(others), strings.Join(others[:min(5, len(others))], ", "))
	}
}
