//go:build golden

package listergen

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/kubegen/kubegen/internal/codegen/output"
)

// TestPluralExceptions: plurals come from the model and --plural-exceptions, in the namespace
// accessor and in the resource of NotFound errors.
func TestPluralExceptions(t *testing.T) {
	l := load(t)
	out := t.TempDir()
	job, err := Job(l, &Args{OutputDir: out, OutputPkg: goldenPkg, PluralExceptions: []string{"Widget:Widgetry"}})
	if err != nil {
		t.Fatal(err)
	}
	files, err := output.Generate(job)
	if err != nil {
		t.Fatal(err)
	}
	var widget string
	for _, f := range files {
		if f.Path == filepath.Join(out, "example", "v1", "widget.go") {
			widget = string(f.Content)
		}
	}
	for _, want := range []string{"Widgetry(namespace string) WidgetNamespaceLister", `Resource: "widgetry"`} {
		if !strings.Contains(widget, want) {
			t.Errorf("widget lister lacks %q:\n%s", want, widget)
		}
	}
}
