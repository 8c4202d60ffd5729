package golden

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// BuildCommand builds the main package in the test's directory into a temporary binary named name
// and returns its path.
func BuildCommand(t testing.TB, name string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), name)
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// CommandScenario runs a built generator command the way a Makefile does, over client-gen's
// fixtures: generate, verify (clean), break one generated file, verify (fails naming it), and a
// fixture with a bad tag (fails naming file:line and writes nothing). Then, as subtests: a write
// that fails part-way leaves the output as it was (AllOrNothing), and removing a kind and a
// group-version removes their files and nothing else (NoStaleOutput).
type CommandScenario struct {
	// Bin is the built command.
	Bin string
	// Fixtures is client-gen's testdata directory, relative to the test's directory.
	Fixtures string
	// Flags are the command's output flags for output directory dir.
	Flags func(dir string) []string
	// Break damages one generated file under dir and returns what verify must then print.
	Break func(t testing.TB, dir string) (want string)
	// Keep, if set, returns a directory under the output directory out that the command must never
	// touch (release stubs).
	Keep func(out string) string
}

// Run runs the scenario.
func (s CommandScenario) Run(t *testing.T) {
	out := t.TempDir()
	apis := s.Fixtures + "/apis/..."
	if msg, err := s.run(out, apis); err != nil {
		t.Fatalf("generate: %v\n%s", err, msg)
	}
	if msg, err := s.run(out, "--verify-only", apis); err != nil {
		t.Fatalf("verify right after generating: %v\n%s", err, msg)
	}
	want := s.Break(t, out)
	if msg, err := s.run(out, "--verify-only", apis); err == nil || !strings.Contains(msg, want) {
		t.Errorf("verify of a broken file: err=%v, output:\n%s\nwant it to contain %q", err, msg, want)
	}

	bad := t.TempDir()
	msg, err := s.run(bad, s.Fixtures+"/errors/unknowntag/...")
	if err == nil || !strings.Contains(msg, "unknowntag/v1/types.go:6: unknown tag +genclient:frobnicate") {
		t.Errorf("bad tag: err=%v, output:\n%s", err, msg)
	}
	if entries, _ := os.ReadDir(bad); len(entries) != 0 {
		t.Errorf("a failed run wrote %d entries", len(entries))
	}
	t.Run("AllOrNothing", s.allOrNothing)
	t.Run("NoStaleOutput", s.noStaleOutput)
}

func (s CommandScenario) run(dir string, args ...string) (string, error) {
	b, err := exec.Command(s.Bin, append(s.Flags(dir), args...)...).CombinedOutput()
	return string(b), err
}
