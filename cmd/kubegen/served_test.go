//go:build golden

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kubegen/kubegen/internal/codegen/golden"
)

// TestClientsetOldestServer (issue 16): with --clientset-oldest-server=1.35 a group-version whose
// every kind carries +k8s:prerelease-lifecycle-gen:removed at or before 1.35 stays out of the
// clientset, the fake clientset's getters and the informer factory, while its typed package,
// listers and informers are still written and the module builds, vets and runs its examples; a
// group-version with one kind still served stays in, and without the flag nothing is left out. A
// malformed removed tag or flag value fails, naming types.go:line or the flag, and writes nothing.
func TestClientsetOldestServer(t *testing.T) {
	bin := golden.BuildCommand(t, "kubegen")
	mod := tempModule(t)
	removed := func(r string) []string { return []string{"+k8s:prerelease-lifecycle-gen:removed=" + r} }
	writeCase(t, mod, apiCase{name: "retired", kinds: []string{"Widget", "Gadget"},
		tags: map[string][]string{"Widget": removed("1.22"), "Gadget": removed("1.16")}})
	writeCase(t, mod, apiCase{name: "mixed", kinds: []string{"Widget", "Gadget"},
		tags: map[string][]string{"Widget": removed("1.16")}})
	writeCase(t, mod, apiCase{name: "later", kinds: []string{"Widget"}, tags: map[string][]string{"Widget": removed("1.36")}})
	run := func(out string, flags ...string) (string, error) {
		args := append([]string{"--output-dir", out, "--output-pkg", "example.com/m/" + out}, flags...)
		cmd := exec.Command(bin, append(args, "./apis/...")...)
		cmd.Dir, cmd.Env = mod, moduleEnv()
		b, err := cmd.CombinedOutput()
		return string(b), err
	}

	if out, err := run("out", "--clientset-oldest-server=1.35"); err != nil {
		t.Fatalf("kubegen: %v\n%s", err, out)
	}
	for file, names := range map[string][2][]string{ // names left out, names kept
		"out/versioned/clientset.go":      {{"RetiredV1"}, {"MixedV1", "LaterV1"}},
		"out/versioned/fake/clientset.go": {{"RetiredV1()"}, {"MixedV1()", "LaterV1()"}},
		"out/informers/factory.go":        {{"Retired"}, {"Mixed", "Later"}},
		"out/informers/generic.go":        {{"retired.example.com"}, {"mixed.example.com", "later.example.com"}},
	} {
		text := mustRead(t, filepath.Join(mod, file))
		for _, n := range names[0] {
			if strings.Contains(text, n) {
				t.Errorf("%s names %s, which no server from 1.35 on serves", file, n)
			}
		}
		for _, n := range names[1] {
			if !strings.Contains(text, n) {
				t.Errorf("%s does not name %s, which is still served", file, n)
			}
		}
	}
	for _, dir := range []string{"out/versioned/typed/retired/v1", "out/versioned/typed/retired/v1/fake", "out/listers/retired/v1", "out/informers/retired/v1"} {
		if _, err := os.Stat(filepath.Join(mod, dir)); err != nil {
			t.Errorf("the left-out version still gets %s: %v", dir, err)
		}
	}
	vet := exec.Command("go", "vet", "./...")
	vet.Dir, vet.Env = mod, moduleEnv()
	if out, err := vet.CombinedOutput(); err != nil {
		t.Errorf("go vet: %v\n%s", err, out)
	}
	test := exec.Command("go", "test", "./out/versioned/typed/retired/...")
	test.Dir, test.Env = mod, moduleEnv()
	if out, err := test.CombinedOutput(); err != nil {
		t.Errorf("the left-out version's example: %v\n%s", err, out)
	}

	// Off by default: every group-version is in the clientset.
	if out, err := run("all"); err != nil {
		t.Fatalf("kubegen: %v\n%s", err, out)
	}
	if text := mustRead(t, filepath.Join(mod, "all/versioned/clientset.go")); !strings.Contains(text, "RetiredV1()") {
		t.Errorf("without --clientset-oldest-server the clientset leaves out RetiredV1")
	}

	for _, bad := range []struct {
		edit  func()
		flag  string
		wants []string
	}{
		{flag: "v1.35", wants: []string{"--clientset-oldest-server", `"v1.35" is not a Kubernetes release`}},
		{flag: "1.35", edit: func() {
			writeCase(t, mod, apiCase{name: "retired", kinds: []string{"Widget", "Gadget"},
				tags: map[string][]string{"Widget": removed("1.x"), "Gadget": removed("1.16")}})
		}, wants: []string{"apis/retired/v1/types.go:6: malformed tag +k8s:prerelease-lifecycle-gen:removed=1.x on Widget"}},
	} {
		if bad.edit != nil {
			bad.edit()
		}
		out, err := run("bad", "--clientset-oldest-server="+bad.flag)
		if err == nil {
			t.Errorf("kubegen --clientset-oldest-server=%s succeeded, want an error", bad.flag)
		}
		for _, w := range bad.wants {
			if !strings.Contains(out, w) {
				t.Errorf("kubegen --clientset-oldest-server=%s: output\n%s\ndoes not contain %q", bad.flag, out, w)
			}
		}
		if _, err := os.Stat(filepath.Join(mod, "bad")); err == nil {
			t.Errorf("kubegen --clientset-oldest-server=%s failed but wrote bad/", bad.flag)
		}
	}
}
