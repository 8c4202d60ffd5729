//go:build golden

package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kubegen/kubegen/internal/codegen/golden"
)

// TestCommand runs kubegen the way a Makefile does, with client, lister and informer generators over
// one load: generate, verify (clean), break one file, verify (fails naming it), and a fixture with a
// bad tag (fails naming file:line, writes nothing).
func TestCommand(t *testing.T) {
	golden.CommandScenario{
		Bin:      golden.BuildCommand(t, "kubegen"),
		Fixtures: "../../client-gen/testdata",
		Flags: func(dir string) []string {
			return []string{"--generators=client,lister,informer", "--output-dir", dir, "--output-pkg", "example.com/out"}
		},
		Break: func(t testing.TB, dir string) string {
			lister := filepath.Join(dir, "listers/example/v1/widget.go")
			if err := os.WriteFile(lister, []byte("package v1\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			return "changed: " + lister
		},
		Keep: func(out string) string { return filepath.Join(out, "versioned", "stubs") },
	}.Run(t)
}

// TestSubcommandUsage checks that the stub subcommands reject bad invocations with exit code 2 and
// say how to call them.
func TestSubcommandUsage(t *testing.T) {
	bin := golden.BuildCommand(t, "kubegen")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"diff-api"}, "usage: kubegen diff-api"},
		{[]string{"diff-api", "--release", "v1"}, "usage: kubegen diff-api"},
		{[]string{"cut-stub", "dir"}, "usage: kubegen cut-stub"},
		{[]string{"cut-stub", "--release", "../bad", "dir"}, "must start with a letter or digit"},
		{[]string{"cut-stub", "--release", "v1", "--policy", "lax", "dir"}, "--stub-policy \"lax\""},
		{[]string{"--generators=nope", "./x/..."}, "unknown generator"},
	} {
		out, err := exec.Command(bin, tc.args...).CombinedOutput()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() == 0 || !strings.Contains(string(out), tc.want) {
			t.Errorf("kubegen %v: err=%v, output:\n%s\nwant it to fail mentioning %q", tc.args, err, out, tc.want)
		}
	}
}

// TestErrorPrintedOnce (issue 10 item 12): a bad +genclient tag is reported once, not once per
// generator that reads the API model.
func TestErrorPrintedOnce(t *testing.T) {
	bin := golden.BuildCommand(t, "kubegen")
	out, err := exec.Command(bin, "--output-dir", t.TempDir(), "--output-pkg", "example.com/out",
		"../../client-gen/testdata/errors/unknowntag/...").CombinedOutput()
	if err == nil {
		t.Fatalf("no error:\n%s", out)
	}
	if n := strings.Count(string(out), "unknown tag +genclient:frobnicate"); n != 1 {
		t.Errorf("the error is printed %d times:\n%s", n, out)
	}
	if !strings.HasPrefix(string(out), "kubegen: ") {
		t.Errorf("output does not start with the command's name:\n%s", out)
	}
}

// TestVersion (issue 10 item 12, issue 17 item 6): kubegen --version prints the module version Go
// stamped into the binary, else the VCS revision of a development build (as go version -m reports
// it), else "(devel)".
func TestVersion(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "kubegen")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Env = append(os.Environ(), "GOFLAGS=-buildvcs=true")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	info, err := exec.Command("go", "version", "-m", bin).Output()
	if err != nil {
		t.Fatal(err)
	}
	want := "kubegen (devel)"
	// Go stamps the main module with a pseudo-version from a clean checkout (go version -m's "mod"
	// line); --version must print that version then, and the revision only for a development build.
	if m := regexp.MustCompile(`(?m)^\s*mod\s+github\.com/kubegen/kubegen\s+(\S+)`).FindSubmatch(info); m != nil && string(m[1]) != "(devel)" {
		want = "kubegen " + string(m[1])
	} else if m := regexp.MustCompile(`vcs\.revision=([0-9a-f]{12})`).FindSubmatch(info); m != nil {
		want += " " + string(m[1])
		if strings.Contains(string(info), "vcs.modified=true") {
			want += "-dirty"
		}
	}
	out, err := exec.Command(bin, "--version").Output()
	if err != nil || strings.TrimSpace(string(out)) != want {
		t.Errorf("kubegen --version: %q, %v; want %q", out, err, want)
	}
}
