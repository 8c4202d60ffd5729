//go:build golden

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kubegen/kubegen/internal/codegen/golden"
)

// TestPackageOptOutTags (issue 13): code-generator v0.37's package opt-out tags in doc.go
// (+k8s:client-gen=false, +k8s:lister-gen=false, +k8s:informer-gen=false,
// +k8s:applyconfiguration-gen=false) keep that generator's output for the package out of the README
// command's run, nothing else refers to it, and the module builds and vets; a bad value fails
// naming doc.go:line and writes nothing.
func TestPackageOptOutTags(t *testing.T) {
	bin := golden.BuildCommand(t, "kubegen")
	mod := tempModule(t)
	for group, tool := range golden.OptOutGroups {
		writeCase(t, mod, apiCase{name: group, kinds: []string{"Widget"}})
		tag := "+k8s:client-gen=true"
		if tool != "" {
			tag = "+k8s:" + tool + "=false"
		}
		writeFile(t, filepath.Join(mod, "apis", group, "v1", "doc.go"),
			fmt.Sprintf("// Package v1 is a test API.\n//\n// +k8s:deepcopy-gen=package\n// +groupName=%s.example.com\n// %s\npackage v1\n", group, tag))
	}
	cmd := exec.Command(bin, "--output-dir", "out", "--output-pkg", "example.com/m/out", "./apis/...")
	cmd.Dir, cmd.Env = mod, moduleEnv()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("kubegen: %v\n%s", err, out)
	}
	for _, tc := range []struct {
		dir string
		off []string // the groups that must have nothing there
	}{
		{"out/versioned/typed", []string{"noclient"}},
		{"out/listers", []string{"nolister"}},
		{"out/informers", []string{"noclient", "nolister", "noinformer"}},
		{"out/applyconfiguration", []string{"noapply"}},
	} {
		for group := range golden.OptOutGroups {
			_, err := os.Stat(filepath.Join(mod, tc.dir, group))
			if off := slices.Contains(tc.off, group); off != os.IsNotExist(err) {
				t.Errorf("%s/%s: exists %v, want %v", tc.dir, group, err == nil, !off)
			}
		}
	}
	for file, groups := range map[string][]string{
		"out/versioned/clientset.go":      {"Noclient"},
		"out/versioned/fake/clientset.go": {"Noclient"},
		"out/informers/factory.go":        {"Noclient", "Nolister", "Noinformer"},
		"out/informers/generic.go":        {"noclient", "nolister", "noinformer"},
	} {
		text := mustRead(t, filepath.Join(mod, file))
		for _, g := range groups {
			if strings.Contains(text, g) {
				t.Errorf("%s names %s, which is turned off", file, g)
			}
		}
	}
	vet := exec.Command("go", "vet", "./...")
	vet.Dir, vet.Env = mod, moduleEnv()
	if out, err := vet.CombinedOutput(); err != nil {
		t.Errorf("go vet: %v\n%s", err, out)
	}

	writeFile(t, filepath.Join(mod, "apis", "all", "v1", "doc.go"),
		"// Package v1 is a test API.\n//\n// +k8s:deepcopy-gen=package\n// +groupName=all.example.com\n// +k8s:informer-gen=maybe\npackage v1\n")
	if err := os.RemoveAll(filepath.Join(mod, "out")); err != nil {
		t.Fatal(err)
	}
	cmd = exec.Command(bin, "--output-dir", "out", "--output-pkg", "example.com/m/out", "./apis/...")
	cmd.Dir, cmd.Env = mod, moduleEnv()
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "apis/all/v1/doc.go:5: malformed tag +k8s:informer-gen=maybe") {
		t.Errorf("kubegen with +k8s:informer-gen=maybe: err=%v, output:\n%s\nwant it to fail naming doc.go:5", err, out)
	}
	if _, err := os.Stat(filepath.Join(mod, "out")); err == nil {
		t.Errorf("kubegen failed but wrote out/")
	}
}
