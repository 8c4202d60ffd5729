package listergen

import (
	"fmt"
	"path/filepath"
	"strings"

	"k8s.io/gengo/v2/generator"
	"k8s.io/gengo/v2/types"

	"github.com/kubegen/kubegen/internal/codegen"
	"github.com/kubegen/kubegen/internal/codegen/gofile"
	"github.com/kubegen/kubegen/internal/codegen/model"
	"github.com/kubegen/kubegen/internal/codegen/naming"
)

const (
	cachePkg  = "github.com/kubegen/kubegen/client/cache"
	labelsPkg = "k8s.io/apimachinery/pkg/labels"
	schemaPkg = "k8s.io/apimachinery/pkg/runtime/schema"
)

// Listable tells whether a kind gets a lister: it must be listable, so that a cache of it can be
// filled.
func Listable(k *model.Kind) bool { return k.Has("list") && k.List != nil }

// Targets returns one gengo target per group/version that has listable kinds: a listers package
// with doc.go, one file per kind and expansion_generated.go. header starts every file.
func Targets(api *model.API, a *Args, header []byte) ([]generator.Target, error) {
	api, err := codegen.Enabled(api, model.ListerGen)
	if err != nil {
		return nil, err
	}
	var scopes []*model.Scope
	for _, g := range api.Groups {
		for _, v := range g.Versions {
			scopes = append(scopes, scope(v, listableKinds(v), a))
		}
	}
	if err := model.ScopeErrors(scopes...); err != nil {
		return nil, err
	}
	var targets []generator.Target
	for _, g := range api.Groups {
		for _, v := range g.Versions {
			if kinds := listableKinds(v); len(kinds) > 0 {
				targets = append(targets, target(v, kinds, a, header))
			}
		}
	}
	if len(targets) == 0 {
		return nil, fmt.Errorf("%w: no +genclient kind can be listed (listers need the list verb and a <Kind>List type)", codegen.ErrNothingToGenerate)
	}
	return targets, nil
}

func listableKinds(v *model.Version) []*model.Kind {
	var out []*model.Kind
	for _, k := range v.Kinds {
		if Listable(k) {
			out = append(out, k)
		}
	}
	return out
}

// PackagePath is the import path of the listers of v under the listers root pkg.
func PackagePath(root string, v *model.Version) string {
	return root + "/" + v.Group.PackageName + "/" + v.Name
}

func target(v *model.Version, kinds []*model.Kind, a *Args, header []byte) generator.Target {
	pkg := PackagePath(a.OutputPkg, v)
	dir := filepath.Join(a.OutputDir, v.Group.PackageName, v.Name)
	return gofile.Target(v.Name, pkg, dir, header, packageDoc(v), func() []generator.Generator {
		gens := []generator.Generator{
			gofile.New(expansionFile, pkg, func(sw *generator.SnippetWriter) { writeExpansions(sw, dir, kinds) }),
		}
		for _, k := range kinds {
			d := newKindData(k)
			gens = append(gens, gofile.New(kindFile(d), pkg, func(sw *generator.SnippetWriter) { writeLister(sw, d) }).Prefer(k.Type.Name.Package))
		}
		return gens
	})
}

// kindData is what the templates need about a kind.
type kindData struct {
	*model.Kind
	Type      *types.Type // the API struct
	Group     string
	Lower     string // file name stem: "deployment"
	Impl      string // unexported lister type: "deploymentLister"
	NSImpl    string // unexported namespace lister type: "deploymentNamespaceLister"
	Lister    *types.Type
	NSLister  *types.Type
	NewLister *types.Type
	Indexer   *types.Type
	ReaderOf  *types.Type
	GR        *types.Type
	Selector  *types.Type
}

func newKindData(k *model.Kind) kindData {
	lower := naming.LowerFirst(k.Name)
	return kindData{
		Kind:      k,
		Type:      types.Ref(k.Type.Name.Package, k.Type.Name.Name),
		Group:     k.Version.Group.Name,
		Lower:     strings.ToLower(k.Name),
		Impl:      lower + "Lister",
		NSImpl:    lower + "NamespaceLister",
		Lister:    types.Ref(cachePkg, "Lister"),
		NSLister:  types.Ref(cachePkg, "NamespaceLister"),
		NewLister: types.Ref(cachePkg, "NewLister"),
		Indexer:   types.Ref(cachePkg, "Indexer"),
		ReaderOf:  types.Ref(cachePkg, "ReaderOf"),
		GR:        types.Ref(schemaPkg, "GroupResource"),
		Selector:  types.Ref(labelsPkg, "Selector"),
	}
}

const expansionFile = "expansion_generated.go"

// kindFile is the file of a kind's lister: <kind>.go.
func kindFile(d kindData) string { return gofile.KindFile("", d.Lower, gofile.DocFile, expansionFile) }

// scope declares the names lister-gen writes into the listers package of v.
func scope(v *model.Version, kinds []*model.Kind, a *Args) *model.Scope {
	s := model.NewScope(Tool, PackagePath(a.OutputPkg, v))
	for _, k := range kinds {
		d := newKindData(k)
		s.Add(k, k.Name+"Lister", k.Name+"ListerExpansion", d.Impl, "New"+k.Name+"Lister", kindFile(d))
		if k.Namespaced {
			s.Add(k, k.Name+"NamespaceLister", k.Name+"NamespaceListerExpansion", d.NSImpl)
		}
	}
	return s
}
