package informergen

import (
	"path"
	"path/filepath"

	"k8s.io/gengo/v2/types"

	"github.com/kubegen/kubegen/internal/codegen/model"
	"github.com/kubegen/kubegen/internal/codegen/naming"
)

const (
	cachePkg   = "github.com/kubegen/kubegen/client/cache"
	schemaPkg  = "k8s.io/apimachinery/pkg/runtime/schema"
	metav1Pkg  = "k8s.io/apimachinery/pkg/apis/meta/v1"
	contextPkg = "context"
)

// Informable tells whether a kind gets an informer: the cache needs list and watch.
func Informable(k *model.Kind) bool { return k.Has("list") && k.Has("watch") && k.List != nil }

// layout says where each generated package goes and what it refers to.
type layout struct{ args *Args }

func (l layout) rootName() string { return naming.PackageName(path.Base(l.args.OutputPkg)) }

func (l layout) groupPkg(g *model.Group) string { return l.args.OutputPkg + "/" + g.PackageName }
func (l layout) groupDir(g *model.Group) string {
	return filepath.Join(l.args.OutputDir, g.PackageName)
}
func (l layout) versionPkg(v *model.Version) string { return l.groupPkg(v.Group) + "/" + v.Name }
func (l layout) versionDir(v *model.Version) string {
	return filepath.Join(l.groupDir(v.Group), v.Name)
}

// typedPkg is client-gen's typed package of v, inside the clientset.
func (l layout) typedPkg(v *model.Version) string {
	return l.args.VersionedClientsetPkg + "/typed/" + v.Group.PackageName + "/" + v.Name
}

// listersPkg is lister-gen's package of v.
func (l layout) listersPkg(v *model.Version) string {
	return l.args.ListersPkg + "/" + v.Group.PackageName + "/" + v.Name
}

func informableKinds(v *model.Version) []*model.Kind {
	var out []*model.Kind
	for _, k := range v.Kinds {
		if Informable(k) {
			out = append(out, k)
		}
	}
	return out
}

// factoryGroup is a group the factory offers: its informable versions of the clientset.
type factoryGroup struct {
	*model.Group
	Versions []*model.Version
	Pkg      *types.Type // the group package's Interface
	New      *types.Type // the group package's New
}

// factoryGroups are the groups of the clientset (client-gen's choice of versions: every one with
// AllVersions, else the preferred one; alpha versions only with IncludeAlpha) that have informable
// kinds, each with those of its versions. api holds the served group-versions only (see
// codegen.ServedIn).
func (l layout) factoryGroups(api *model.API) []factoryGroup {
	var out []factoryGroup
	for _, g := range api.Groups {
		var candidates []*model.Version
		if l.args.AllVersions {
			for _, v := range g.Versions {
				if l.args.IncludeAlpha || !model.IsAlpha(v.Name) {
					candidates = append(candidates, v)
				}
			}
		} else if v := g.ClientsetVersion(l.args.IncludeAlpha); v != nil {
			candidates = append(candidates, v)
		}
		var versions []*model.Version
		for _, v := range candidates {
			if len(informableKinds(v)) > 0 {
				versions = append(versions, v)
			}
		}
		if len(versions) == 0 {
			continue
		}
		out = append(out, factoryGroup{
			Group:    g,
			Versions: versions,
			Pkg:      types.Ref(l.groupPkg(g), "Interface"),
			New:      types.Ref(l.groupPkg(g), "New"),
		})
	}
	return out
}

// kindData is what the informer templates need about a kind.
type kindData struct {
	*model.Kind
	Group      string
	GV         string      // "core/v1"
	Type, List *types.Type // the API struct and its list
	Getter     *types.Type // the typed package's <Plural>Getter
	Lister     *types.Type // the listers package's <Kind>Lister
	NewLister  *types.Type // and its New<Kind>Lister
	Impl       string      // unexported informer type: "podInformer"
	GVGoName   string      // the clientset's getter of the version: "CoreV1"
}

func (l layout) kindData(k *model.Kind) kindData {
	v := k.Version
	return kindData{
		Kind:      k,
		Group:     v.Group.Name,
		GV:        v.String(),
		Type:      types.Ref(k.Type.Name.Package, k.Type.Name.Name),
		List:      types.Ref(k.List.Name.Package, k.List.Name.Name),
		Getter:    types.Ref(l.typedPkg(v), k.Plural+"Getter"),
		Lister:    types.Ref(l.listersPkg(v), k.Name+"Lister"),
		NewLister: types.Ref(l.listersPkg(v), "New"+k.Name+"Lister"),
		Impl:      naming.LowerFirst(k.Name) + "Informer",
		GVGoName:  v.GroupVersionGoName(),
	}
}

// symbols are the runtime names templates use, by short key.
var symbols = map[string]*types.Type{
	"factory":                  types.Ref(cachePkg, "Factory"),
	"informerOptions":          types.Ref(cachePkg, "InformerOptions"),
	"newFactory":               types.Ref(cachePkg, "NewFactory"),
	"informerFor":              types.Ref(cachePkg, "InformerFor"),
	"newInformer":              types.Ref(cachePkg, "NewSharedIndexInformerWithOptions"),
	"indexers":                 types.Ref(cachePkg, "Indexers"),
	"typedIndexers":            types.Ref(cachePkg, "TypedIndexers"),
	"toTyped":                  types.Ref(cachePkg, "IndexersToTypedIndexers"),
	"informer":                 types.Ref(cachePkg, "TypedInformer"),
	"sharedIndexInformer":      types.Ref(cachePkg, "SharedIndexInformer"),
	"typedSharedIndexInformer": types.Ref(cachePkg, "TypedSharedIndexInformer"),
	"typedHandlerFuncs":        types.Ref(cachePkg, "TypedResourceEventHandlerFuncs"),
	"typedFilteringHandler":    types.Ref(cachePkg, "TypedFilteringResourceEventHandler"),
	"toTypedInformer":          types.Ref(cachePkg, "NewTypedSharedIndexInformer"),
	"transformFunc":            types.Ref(cachePkg, "TransformFunc"),
	"informerName":             types.Ref(cachePkg, "InformerName"),
	"syncResult":               types.Ref(cachePkg, "SyncResult"),
	"metaObject":               types.Ref(metav1Pkg, "Object"),
	"runtimeObject":            types.Ref("k8s.io/apimachinery/pkg/runtime", "Object"),
	"reflectType":              types.Ref("reflect", "Type"),
	"typeOf":                   types.Ref("reflect", "TypeOf"),
	"object":                   types.Ref(cachePkg, "Object"),
	"genericInformer":          types.Ref(cachePkg, "GenericInformer"),
	"newGeneric":               types.Ref(cachePkg, "Generic"),
	"gr":                       types.Ref(schemaPkg, "GroupResource"),
	"gvr":                      types.Ref(schemaPkg, "GroupVersionResource"),
	"listOptions":              types.Ref(metav1Pkg, "ListOptions"),
	"context":                  types.Ref(contextPkg, "Context"),
	"duration":                 types.Ref("time", "Duration"),
	"errorf":                   types.Ref("fmt", "Errorf"),
}
