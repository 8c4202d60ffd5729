package rest

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// TestIssue10_UserAgentNamesTheProgram (issue 10 item 6): the default user agent follows client-go's
// convention, "<program>/<version> (<os>/<arch>) kubegen/<version>", so that the field manager the
// apiserver derives from it (the part before the first '/') is the user's program, not "kubegen".
func TestIssue10_UserAgentNamesTheProgram(t *testing.T) {
	ua := DefaultUserAgent()
	prog := filepath.Base(os.Args[0])
	want := regexp.MustCompile(`^` + regexp.QuoteMeta(prog) + `/v[0-9][^ ]* \(` +
		regexp.QuoteMeta(runtime.GOOS+"/"+runtime.GOARCH) + `\) kubegen/v[0-9][^ ]*$`)
	if !want.MatchString(ua) {
		t.Errorf("DefaultUserAgent() = %q, want %s", ua, want)
	}
	if got := FieldManagerForUserAgent(ua); got != prog {
		t.Errorf("FieldManagerForUserAgent(%q) = %q, want %q", ua, got, prog)
	}
	for in, want := range map[string]string{
		"kubectl/v1.37.1 (linux/amd64) kubernetes/abc": "kubectl",
		"no-slash":                       "no-slash",
		"bad\x00\x1bname/v1":             "badname",
		strings.Repeat("é", 100) + "/v1": strings.Repeat("é", 64),
	} {
		if got := FieldManagerForUserAgent(in); got != want {
			t.Errorf("FieldManagerForUserAgent(%q) = %q, want %q", in, got, want)
		}
	}
}
