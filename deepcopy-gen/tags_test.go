package deepcopygen

import (
	"go/token"
	"strings"
	"testing"
)

// TestPackageTagValuesCodeGeneratorAccepts (issue 13): doc.go's +k8s:deepcopy-gen takes every value
// code-generator accepts (cert-manager writes "package,register"); other parameters are errors.
func TestPackageTagValuesCodeGeneratorAccepts(t *testing.T) {
	for _, tc := range []struct {
		value   string
		enabled bool
		err     string
	}{
		{"package", true, ""},
		{"package,register", true, ""},
		{"package,register=true", true, ""},
		{"package,register=false", true, ""},
		{"false", false, ""},
		{"package,frobnicate", false, `unknown parameter "frobnicate"`},
		{"maybe", false, "unknown value"},
	} {
		on, errs := parsePackageTags([]tag{{name: tagName, value: tc.value, pos: token.Position{Filename: "doc.go", Line: 3}}})
		switch {
		case tc.err == "" && (len(errs) > 0 || on != tc.enabled):
			t.Errorf("%q: enabled %v, errors %v; want %v", tc.value, on, errs, tc.enabled)
		case tc.err != "" && (len(errs) != 1 || !strings.Contains(errs[0].Error(), tc.err)):
			t.Errorf("%q: errors %v, want one mentioning %q", tc.value, errs, tc.err)
		}
	}
	if on, errs := parseTypeTags([]tag{{name: tagName, value: "true,register"}}); len(errs) > 0 || on.enabled == nil || !*on.enabled {
		t.Errorf("type tag true,register: %v %v", on.enabled, errs)
	}
}
