package command

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

func TestRun(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	bad := errors.New(filepath.Join(wd, "apis/v1/types.go") + ":6: unknown tag +genclient:frobnicate")
	tests := []struct {
		name     string
		needArgs bool
		args     []string
		runErr   error
		code     int
		output   string // what stderr must contain ("" for nothing at all)
		ran      string // the arguments Run saw, joined
	}{
		{"success", false, []string{"--out", "d", "./apis/..."}, nil, 0, "", "./apis/..."},
		{"run error, paths relative", false, []string{"./apis/..."}, bad, 1, "test-gen: apis/v1/types.go:6: unknown tag", "./apis/..."},
		{"no arguments left to Run", false, nil, nil, 0, "", ""},
		{"no arguments is a usage error", true, nil, nil, 2, "usage: test-gen [flags] <patterns>", "-"},
		{"unknown flag", false, []string{"--nope"}, nil, 2, "unknown flag: --nope", "-"},
		{"help", false, []string{"--help"}, nil, 0, "--out string", "-"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ran := "-"
			c := Command{
				Name: "test-gen", Args: "<patterns>", NeedArgs: tc.needArgs,
				AddFlags: func(fs *pflag.FlagSet) { fs.String("out", "", "output directory") },
				Run: func(args []string) ([]string, error) {
					ran = strings.Join(args, " ")
					return nil, tc.runErr
				},
			}
			var stdout, stderr bytes.Buffer
			code := c.run(tc.args, &stdout, &stderr)
			if code != tc.code || ran != tc.ran {
				t.Errorf("exit %d, Run saw %q; want %d, %q", code, ran, tc.code, tc.ran)
			}
			out := stdout.String() + stderr.String()
			if (tc.output == "" && out != "") || !strings.Contains(out, tc.output) {
				t.Errorf("stderr %q, want it to contain %q", out, tc.output)
			}
			if strings.Contains(out, wd) {
				t.Errorf("stderr %q still holds the working directory", out)
			}
		})
	}
}

// TestErrorPrintedOnce (issue 10 item 12): a failing run prints its error once, prefixed with the
// command's name once even when the error already carries it.
func TestErrorPrintedOnce(t *testing.T) {
	for _, msg := range []string{"x.go:1: bad tag", "test-gen: x.go:1: bad tag"} {
		c := Command{Name: "test-gen", AddFlags: func(*pflag.FlagSet) {},
			Run: func([]string) ([]string, error) { return nil, errors.New(msg) }}
		var stdout, stderr bytes.Buffer
		if code := c.run(nil, &stdout, &stderr); code != 1 {
			t.Fatalf("exit %d", code)
		}
		if got := stderr.String(); got != "test-gen: x.go:1: bad tag\n" {
			t.Errorf("stderr %q, want the error once", got)
		}
	}
}

// TestHelpGroupsLoggingFlags (issue 10 item 12): --help lists the command's own flags first, then
// klog's in a group of their own, on stdout, and exits 0.
func TestHelpGroupsLoggingFlags(t *testing.T) {
	c := Command{Name: "test-gen", Args: "<patterns>", AddFlags: func(fs *pflag.FlagSet) { fs.String("out", "", "output directory") },
		Run: func([]string) ([]string, error) { t.Fatal("ran"); return nil, nil }}
	var stdout, stderr bytes.Buffer
	if code := c.run([]string{"--help"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d, stderr %s", code, stderr.String())
	}
	help := stdout.String()
	own, logging := strings.Index(help, "--out string"), strings.Index(help, "Logging flags:")
	verbosity := strings.Index(help, "-v, --v Level")
	if own < 0 || logging < 0 || verbosity < 0 || !(own < logging && logging < verbosity) {
		t.Errorf("want own flags, then \"Logging flags:\" with klog's -v after it:\n%s", help)
	}
	if ownPart := help[:logging]; strings.Contains(ownPart, "--vmodule") || strings.Contains(ownPart, "--logtostderr") {
		t.Errorf("klog flags among the command's own:\n%s", ownPart)
	}
	if !strings.Contains(help[:logging], "--version") {
		t.Errorf("--version missing from the command's flags:\n%s", help)
	}
}

// TestVersionFlag (issue 10 item 12): --version prints the command's name and version on stdout
// and runs nothing.
func TestVersionFlag(t *testing.T) {
	c := Command{Name: "test-gen", AddFlags: func(*pflag.FlagSet) {},
		Run: func([]string) ([]string, error) { t.Fatal("ran"); return nil, nil }}
	var stdout, stderr bytes.Buffer
	if code := c.run([]string{"--version"}, &stdout, &stderr); code != 0 || stdout.String() != "test-gen "+Version()+"\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
}
