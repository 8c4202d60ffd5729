package main

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

// TestRunRejectsBadInvocations checks the errors a user sees before any connection is made.
func TestRunRejectsBadInvocations(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "no-such-kubeconfig")
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"stray argument", []string{"crontabs"}, `unexpected arguments ["crontabs"]`},
		{"unknown flag", []string{"--replicas", "3"}, "unknown flag: --replicas"},
		{"bad worker count", []string{"--workers", "many"}, `invalid argument "many"`},
		{"missing kubeconfig", []string{"--kubeconfig", missing}, missing},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := run(context.Background(), tc.args)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("run(%q) = %v, want an error containing %q", tc.args, err, tc.want)
			}
		})
	}
}

func TestRunHelp(t *testing.T) {
	if err := run(context.Background(), []string{"--help"}); !errors.Is(err, pflag.ErrHelp) {
		t.Errorf("run(--help) = %v, want pflag.ErrHelp", err)
	}
}
