package informergen

import (
	"fmt"

	"k8s.io/gengo/v2/generator"
	"k8s.io/gengo/v2/types"

	"github.com/kubegen/kubegen/internal/codegen"
	"github.com/kubegen/kubegen/internal/codegen/gofile"
	"github.com/kubegen/kubegen/internal/codegen/model"
)

// Targets returns the gengo targets of the informers of api: the root package with the
// SharedInformerFactory, a package per group in the clientset, and a package per group/version
// with informable kinds (every version, so that versions outside the clientset get informers too,
// built from their own typed client). header starts every file.
func Targets(api *model.API, a *Args, header []byte) ([]generator.Target, error) {
	// The informers of a package list and watch with its typed client and read through its
	// lister: without either, none are written.
	api, err := codegen.Enabled(api, model.ClientGen, model.ListerGen, model.InformerGen)
	if err != nil {
		return nil, err
	}
	l := layout{args: a}
	served, err := codegen.ServedIn(api, a.OldestServer, Tool)
	if err != nil {
		return nil, err
	}
	groups := l.factoryGroups(served)
	if len(groups) == 0 {
		return nil, fmt.Errorf("%w: no kind of the clientset can be listed and watched (informers need the list and watch verbs and a <Kind>List type)", codegen.ErrNothingToGenerate)
	}
	var scopes []*model.Scope
	for _, g := range api.Groups {
		for _, v := range g.Versions {
			scopes = append(scopes, l.versionScope(v, informableKinds(v)))
		}
	}
	if err := model.ScopeErrors(scopes...); err != nil {
		return nil, err
	}
	targets := []generator.Target{l.rootTarget(groups, header)}
	for _, g := range groups {
		targets = append(targets, l.groupTarget(g, header))
	}
	for _, g := range api.Groups {
		for _, v := range g.Versions {
			if kinds := informableKinds(v); len(kinds) > 0 {
				targets = append(targets, l.versionTarget(v, kinds, header))
			}
		}
	}
	return targets, nil
}

func (l layout) rootTarget(groups []factoryGroup, header []byte) generator.Target {
	pkg := l.args.OutputPkg
	clientset := types.Ref(l.args.VersionedClientsetPkg, "Interface")
	return gofile.Target(l.rootName(), pkg, l.args.OutputDir, header, rootDoc(l.rootName()), func() []generator.Generator {
		return []generator.Generator{
			gofile.New("factory.go", pkg, func(sw *generator.SnippetWriter) { writeFactory(sw, groups, clientset) }),
			gofile.New("generic.go", pkg, func(sw *generator.SnippetWriter) { l.writeGeneric(sw, groups) }),
		}
	})
}

func (l layout) groupTarget(g factoryGroup, header []byte) generator.Target {
	pkg := l.groupPkg(g.Group)
	doc := "Package " + g.PackageName + " gives the informers of the " + g.Group.DocName() + " API group, at the versions the\nclientset holds."
	return gofile.Target(g.PackageName, pkg, l.groupDir(g.Group), header, doc, func() []generator.Generator {
		return []generator.Generator{
			gofile.New("interface.go", pkg, func(sw *generator.SnippetWriter) { l.writeGroup(sw, g) }),
		}
	})
}

func (l layout) versionTarget(v *model.Version, kinds []*model.Kind, header []byte) generator.Target {
	pkg := l.versionPkg(v)
	doc := "Package " + v.Name + " has the shared informers of the " + v.String() + " API: one <Kind>Informer per\nresource that can be listed and watched."
	return gofile.Target(v.Name, pkg, l.versionDir(v), header, doc, func() []generator.Generator {
		gens := []generator.Generator{
			gofile.New(versionFile, pkg, func(sw *generator.SnippetWriter) { l.writeVersion(sw, v, kinds) }),
		}
		for _, k := range kinds {
			d := l.kindData(k)
			file := gofile.New(fileName(k), pkg, func(sw *generator.SnippetWriter) { writeInformer(sw, d) })
			gens = append(gens, file.Prefer(k.Type.Name.Package))
		}
		return gens
	})
}

// versionScope declares the names informer-gen writes into the informers package of v.
func (l layout) versionScope(v *model.Version, kinds []*model.Kind) *model.Scope {
	s := model.NewScope(Tool, l.versionPkg(v), "Interface", "Client", "version", "New")
	for _, k := range kinds {
		d := l.kindData(k)
		s.Add(k, k.Name+"Informer", d.Impl, "New"+k.Name+"Informer", "NewFiltered"+k.Name+"Informer",
			"New"+k.Name+"InformerWithOptions", fileName(k),
			// client-go v0.37's typed shapes
			"Typed"+k.Name+"Informer", k.Name+"IndexInformer", k.Name+"HandlerFuncs", k.Name+"FilteringHandler",
			k.Name+"Indexers", "NewTyped"+k.Name+"Informer", "NewTypedFiltered"+k.Name+"Informer",
			"ToTyped"+k.Name+"Informer", "To"+k.Name+"IndexInformer")
	}
	return s
}
