package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
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
			return "stale:   " + lister
		},
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
