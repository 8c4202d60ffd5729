package deepcopygen_test

import (
	"testing"

	deepcopygen "github.com/kubegen/kubegen/deepcopy-gen"
)

func TestArgsValidate(t *testing.T) {
	cases := []struct {
		file string
		ok   bool
	}{
		{"zz_generated.deepcopy.go", true},
		{"deepcopy.go", true},
		{"", false},
		{"sub/zz.go", false},
		{"zz_generated.txt", false},
	}
	for _, tc := range cases {
		args := deepcopygen.DefaultArgs()
		args.OutputFile = tc.file
		if err := args.Validate(); (err == nil) != tc.ok {
			t.Errorf("Validate(%q) = %v, want ok=%v", tc.file, err, tc.ok)
		}
	}
}
