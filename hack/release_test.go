package hack

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// releaseTree makes a throwaway git repository holding hack/release.sh and what a release of v0.37.0
// needs: go.mod on k8s.io/api v0.37.x, a CHANGELOG.md entry and the v1.37 interface stub, committed.
// edit, when set, changes the tree before the commit.
func releaseTree(t *testing.T, edit func(dir string)) string {
	t.Helper()
	dir := t.TempDir()
	script, err := os.ReadFile("release.sh")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"hack/release.sh": string(script),
		"go.mod":          "module example.com/x\n\ngo 1.26.0\n\nrequire (\n\tk8s.io/api v0.37.1\n\tk8s.io/apimachinery v0.37.1\n)\n",
		"CHANGELOG.md": "# Changelog\n\n## [Unreleased]\n\n## [v0.37.0] - 2026-12-05\n\n### Added\n- everything\n\n" +
			"## [v0.36.0] - 2026-09-01\n\n### Added\n- older\n",
		"kubernetes/stubs/v1.37_test.go": "package stubs\n",
	}
	for name, body := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if edit != nil {
		edit(dir)
	}
	git(t, dir, "init", "-q")
	git(t, dir, "add", "-A")
	git(t, dir, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "tree")
	return dir
}

func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

// runRelease runs the tree's hack/release.sh with the three long checks replaced by the given commands
// (each defaults to one that passes and leaves a mark, so a test can tell which checks ran).
func runRelease(t *testing.T, dir, version string, env map[string]string) (string, error) {
	t.Helper()
	cmd := exec.Command("bash", "hack/release.sh", version)
	cmd.Dir = dir
	checks := map[string]string{
		"KUBEGEN_RELEASE_STUB":   "touch " + filepath.Join(dir, ".git", "ran-stub"),
		"KUBEGEN_RELEASE_VERIFY": "touch " + filepath.Join(dir, ".git", "ran-verify"),
		"KUBEGEN_RELEASE_TESTS":  "touch " + filepath.Join(dir, ".git", "ran-tests"),
	}
	for k, v := range env {
		checks[k] = v
	}
	cmd.Env = os.Environ()
	for k, v := range checks {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func ran(dir, check string) bool {
	_, err := os.Stat(filepath.Join(dir, ".git", "ran-"+check))
	return err == nil
}

// TestReleaseScriptPassesOnPreparedTree: every precondition met, every check run, the tag command printed.
func TestReleaseScriptPassesOnPreparedTree(t *testing.T) {
	dir := releaseTree(t, nil)
	out, err := runRelease(t, dir, "v0.37.0", nil)
	if err != nil {
		t.Fatalf("release refused a prepared tree: %v\n%s", err, out)
	}
	if !strings.Contains(out, "git tag -a v0.37.0") {
		t.Errorf("no tag command in the output:\n%s", out)
	}
	for _, check := range []string{"stub", "verify", "tests"} {
		if !ran(dir, check) {
			t.Errorf("the %s check did not run", check)
		}
	}
}

// TestReleaseScriptRefuses: each missing precondition stops the release with a message naming it, and
// no later (slower) check runs.
func TestReleaseScriptRefuses(t *testing.T) {
	write := func(name, body string) func(string) {
		return func(dir string) {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	cases := []struct {
		name    string
		version string
		edit    func(dir string)             // before the commit
		after   func(t *testing.T, d string) // after the commit
		env     map[string]string
		want    string
		notRun  []string
	}{
		{name: "not a kubernetes-minor version", version: "v1.2.3", want: "is not v0.<kubernetes minor>.<patch>",
			notRun: []string{"stub", "verify", "tests"}},
		{name: "version for another minor", version: "v0.36.4", want: "requires k8s.io/api v0.37.x",
			notRun: []string{"stub", "verify", "tests"}},
		{name: "dirty tree", version: "v0.37.0", want: "working tree is not clean",
			after: func(t *testing.T, d string) {
				if err := os.WriteFile(filepath.Join(d, "notes.txt"), []byte("untracked\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}, notRun: []string{"stub", "verify", "tests"}},
		{name: "tag exists", version: "v0.37.0", want: "tag v0.37.0 already exists",
			after: func(t *testing.T, d string) { git(t, d, "tag", "v0.37.0") }, notRun: []string{"stub"}},
		{name: "no changelog", version: "v0.37.0", want: "CHANGELOG.md is missing",
			edit: func(d string) { os.Remove(filepath.Join(d, "CHANGELOG.md")) }, notRun: []string{"stub"}},
		{name: "no changelog entry", version: "v0.37.0", want: "has no '## [v0.37.0]' section",
			edit:   write("CHANGELOG.md", "# Changelog\n\n## [Unreleased]\n\n### Added\n- everything\n"),
			notRun: []string{"stub"}},
		{name: "empty changelog entry", version: "v0.37.0", want: "section is empty",
			edit:   write("CHANGELOG.md", "# Changelog\n\n## [v0.37.0] - 2026-12-05\n\n## [v0.36.0]\n- older\n"),
			notRun: []string{"stub"}},
		{name: "no interface stub", version: "v0.37.0", want: "kubernetes/stubs/v1.37_test.go is missing",
			edit: func(d string) { os.Remove(filepath.Join(d, "kubernetes/stubs/v1.37_test.go")) }, notRun: []string{"stub", "verify"}},
		{name: "stub no longer matches", version: "v0.37.0", want: "no longer match",
			env: map[string]string{"KUBEGEN_RELEASE_STUB": "exit 1"}, notRun: []string{"verify", "tests"}},
		{name: "re-cut stub changes the tree", version: "v0.37.0", want: "changed the tree",
			env:    map[string]string{"KUBEGEN_RELEASE_STUB": "echo '// more' >> kubernetes/stubs/v1.37_test.go"},
			notRun: []string{"verify", "tests"}},
		{name: "stale generated code", version: "v0.37.0", want: "generated code is stale",
			env: map[string]string{"KUBEGEN_RELEASE_VERIFY": "exit 1"}, notRun: []string{"tests"}},
		{name: "failing tests", version: "v0.37.0", want: "tests failed",
			env: map[string]string{"KUBEGEN_RELEASE_TESTS": "exit 1"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := releaseTree(t, c.edit)
			if c.after != nil {
				c.after(t, dir)
			}
			out, err := runRelease(t, dir, c.version, c.env)
			if err == nil {
				t.Fatalf("release passed; want a refusal containing %q\n%s", c.want, out)
			}
			if !strings.Contains(out, "release: refused: ") || !strings.Contains(out, c.want) {
				t.Errorf("refusal does not say %q:\n%s", c.want, out)
			}
			if strings.Contains(out, "git tag") {
				t.Errorf("a refused release printed the tag command:\n%s", out)
			}
			for _, check := range c.notRun {
				if ran(dir, check) {
					t.Errorf("the %s check ran after the refusal", check)
				}
			}
		})
	}
}
