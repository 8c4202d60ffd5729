package clientgen

import (
	"testing"

	"github.com/spf13/pflag"
)

// TestClientsetNameShorthand: -n is --clientset-name, as in code-generator's client-gen.
func TestClientsetNameShorthand(t *testing.T) {
	a := DefaultArgs()
	fs := pflag.NewFlagSet("client-gen", pflag.ContinueOnError)
	a.AddFlags(fs)
	if err := fs.Parse([]string{"-n", "versioned"}); err != nil {
		t.Fatal(err)
	}
	if a.ClientsetName != "versioned" {
		t.Errorf("ClientsetName = %q", a.ClientsetName)
	}
}
