package gofile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"k8s.io/gengo/v2/generator"
	"k8s.io/gengo/v2/types"
)

// TestImportNames names imports in order, in a file of package .../informers/core/v1: each name
// says what the package is and none repeats.
func TestImportNames(t *testing.T) {
	tracker := NewImportTracker("example.com/gen/informers/core/v1")
	tests := []struct{ pkg, want string }{
		{"k8s.io/api/core/v1", "corev1"},
		{"example.com/gen/clientset/typed/core/v1", "typedcorev1"},
		{"example.com/gen/listers/core/v1", "listerscorev1"},
		{"example.com/gen/clientset/typed/core/v1/fake", "corev1fake"},
		{"github.com/kubegen/kubegen/client/cache", "cache"},
		{"example.com/other/cache", "othercache"},
		{"k8s.io/apimachinery/pkg/runtime/schema", "schema"},
		{"example.com/x/go-lib.v2", "golibv2"},
		{"example.com/type", "typepkg"},
	}
	for _, tc := range tests {
		tracker.AddSymbol(types.Name{Package: tc.pkg, Name: "X"})
		if got := tracker.LocalNameOf(tc.pkg); got != tc.want {
			t.Errorf("import name of %s = %q, want %q", tc.pkg, got, tc.want)
		}
	}
}

func TestCommentLines(t *testing.T) {
	got := CommentLines("Package x does y.\n\n\tcode()\nmore\n")
	want := "// Package x does y.\n//\n//\tcode()\n// more\n"
	if got != want {
		t.Errorf("CommentLines = %q, want %q", got, want)
	}
}

// TestTargetDoc puts the package documentation into doc.go's header only.
func TestTargetDoc(t *testing.T) {
	tgt := Target("v1", "example.com/v1", "out/v1", []byte("// header\n\n"), "Package v1 is a test.", func() []generator.Generator {
		return []generator.Generator{New("a.go", "example.com/v1", func(*generator.SnippetWriter) {})}
	})
	if got := string(tgt.Header(DocFile)); got != "// header\n\n// Package v1 is a test.\n" {
		t.Errorf("doc.go header = %q", got)
	}
	if got := string(tgt.Header("a.go")); got != "// header\n\n" {
		t.Errorf("a.go header = %q", got)
	}
	var files []string
	for _, g := range tgt.Generators(nil) {
		files = append(files, g.Filename())
	}
	if strings.Join(files, ",") != "doc.go,a.go" {
		t.Errorf("files = %v, want doc.go first", files)
	}
}

func TestArgs(t *testing.T) {
	base := map[string]string{"context": "context.Context", "kind": "base"}
	got := Args(base, "kind", "Pod", "group", "core", "dangling")
	want := map[any]any{"context": "context.Context", "kind": "Pod", "group": "core"}
	if len(got) != len(want) {
		t.Fatalf("Args = %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("Args[%v] = %v, want %v", k, got[k], v)
		}
	}
	if base["kind"] != "base" {
		t.Error("Args changed its base")
	}
}

// TestHasExpansion finds a kind's hand-written <lower>_expansion.go and nothing else.
func TestHasExpansion(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "widget_expansion.go"), []byte("package v1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		dir, lower string
		want       bool
	}{
		{dir, "widget", true},
		{dir, "gauge", false},
		{filepath.Join(dir, "missing"), "widget", false},
	} {
		if got := HasExpansion(tc.dir, tc.lower); got != tc.want {
			t.Errorf("HasExpansion(%s, %s) = %v, want %v", tc.dir, tc.lower, got, tc.want)
		}
	}
}

// TestKindFile: a kind's file never takes a fixed file's name nor one the go command builds only
// for some platforms or only in tests.
func TestKindFile(t *testing.T) {
	for _, tc := range []struct{ prefix, stem, want string }{
		{"", "widget", "widget.go"},
		{"", "doc", "doc_kind.go"},
		{"", "interface", "interface_kind.go"},
		{"", "linux", "linux.go"}, // no underscore: not constrained
		{"fake_", "widget", "fake_widget.go"},
		{"fake_", "test", "fake_test_kind.go"},
		{"fake_", "linux", "fake_linux_kind.go"},
		{"fake_", "arm64", "fake_arm64_kind.go"},
	} {
		if got := KindFile(tc.prefix, tc.stem, DocFile, "interface.go"); got != tc.want {
			t.Errorf("KindFile(%q, %q) = %q, want %q", tc.prefix, tc.stem, got, tc.want)
		}
	}
}
