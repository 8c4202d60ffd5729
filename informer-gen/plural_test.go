//go:build golden

package informergen

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/kubegen/kubegen/internal/codegen/output"
)

// TestPluralExceptions: plurals come from the model and --plural-exceptions, in accessors, client
// getters and ForResource.
func TestPluralExceptions(t *testing.T) {
	l := load(t)
	out := t.TempDir()
	a := goldenArgs(out)
	a.PluralExceptions = []string{"Widget:Widgetry"}
	job, err := Job(l, a)
	if err != nil {
		t.Fatal(err)
	}
	files, err := output.Generate(job)
	if err != nil {
		t.Fatal(err)
	}
	content := map[string]string{}
	for _, f := range files {
		content[f.Path] = string(f.Content)
	}
	checks := []struct{ file, want string }{
		{"example/v1/interface.go", "Widgetry() WidgetInformer"},
		{"example/v1/widget.go", "client.Widgetry(namespace)"},
		{"example/v1/widget.go", "typedexamplev1.WidgetryGetter"},
		{"generic.go", `Resource: "widgetry"}:`},
		{"generic.go", "f.Example().V1().Widgetry().TypedInformer()"},
	}
	for _, c := range checks {
		if got := content[filepath.Join(out, filepath.FromSlash(c.file))]; !strings.Contains(got, c.want) {
			t.Errorf("%s lacks %q", c.file, c.want)
		}
	}
}
