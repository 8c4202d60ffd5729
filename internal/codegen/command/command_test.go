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
		{"run error, paths relative", false, []string{"./apis/..."}, bad, 1, "apis/v1/types.go:6: unknown tag", "./apis/..."},
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
			var stderr bytes.Buffer
			code := c.run(tc.args, &stderr)
			if code != tc.code || ran != tc.ran {
				t.Errorf("exit %d, Run saw %q; want %d, %q", code, ran, tc.code, tc.ran)
			}
			out := stderr.String()
			if (tc.output == "" && out != "") || !strings.Contains(out, tc.output) {
				t.Errorf("stderr %q, want it to contain %q", out, tc.output)
			}
			if strings.Contains(out, wd) {
				t.Errorf("stderr %q still holds the working directory", out)
			}
		})
	}
}
