package model

import (
	"strings"
	"testing"

	"k8s.io/gengo/v2/types"
)

// FuzzClientTags feeds arbitrary comment lines through tag extraction and parsing: whatever users
// write, the model reports errors with positions and never panics.
func FuzzClientTags(f *testing.F) {
	for _, seed := range []string{
		"+genclient", "+genclient=false", "+genclient:method=", "+genclient:method=A,verb", "+genclient:method=,",
		"+genclient:onlyVerbs=", "+genclient:onlyVerbs=,,", "+genclient:skipVerbs=get,get", "+genclient:method=X,verb=get,input=.",
		"+genclient:method=X,verb=update,input=a/b.,result=", "+genclientx", "+genclient:", "+genclient:method=X,verb=get,verb=get",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, line string) {
		lines := append([]string{"+genclient"}, strings.Split(line, "\n")...)
		b := &builder{u: types.Universe{}}
		errs := &b.errs
		tags := extractTags(lines, "genclient", func(string) Position { return Position{File: "types.go", Line: 1} })
		ct := parseClientTags(tags, errs)
		ct.verbs(true, errs, Position{File: "types.go"})
		kind := &typesTypeStub
		for _, m := range ct.methods {
			b.resolveMethod(m, kind)
		}
		for _, e := range errs.errs {
			if e.Pos.File == "" || e.Msg == "" {
				t.Fatalf("error without position or message: %#v", e)
			}
		}
	})
}

var typesTypeStub = types.Type{Name: types.Name{Package: "example.com/apis/v1", Name: "Thing"}}
