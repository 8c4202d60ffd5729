package apistubs

import (
	"strings"
	"testing"
)

func TestBadOptions(t *testing.T) {
	for _, tc := range []struct {
		name string
		o    Options
		want string
	}{
		{"empty release", Options{Policy: Strict}, "release name is empty"},
		{"bad release", Options{Release: "../x", Policy: Strict}, "must start with a letter or digit"},
		{"bad char", Options{Release: "v1/2", Policy: Strict}, "may hold only"},
		{"bad policy", Options{Release: "v1", Policy: "loose"}, "unknown stub policy"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Cut(tc.o)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Cut error = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}
