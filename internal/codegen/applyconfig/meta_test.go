//go:build golden

package applyconfig

import (
	"slices"
	"testing"

	"github.com/kubegen/kubegen/internal/codegen/output"
)

// TestRuntimeMetaTypes: the runtime package is planned with exactly MetaTypes (the closure of the
// roots adds nothing), so that every type mapped to it exists there.
func TestRuntimeMetaTypes(t *testing.T) {
	l, err := output.Load([]string{MetaV1}, output.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := BuildMeta(l.Universe.Package(MetaV1))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Packages) != 1 || p.Packages[0].Path != RuntimeMetaV1 || p.Packages[0].APIVersion != "meta.k8s.io/v1" {
		t.Fatalf("packages = %+v", p.Packages)
	}
	var got []string
	for _, typ := range p.Packages[0].Types {
		got = append(got, typ.Name.Name)
	}
	if !slices.Equal(got, MetaTypes) {
		t.Errorf("runtime meta/v1 types = %v, want %v", got, MetaTypes)
	}
}
