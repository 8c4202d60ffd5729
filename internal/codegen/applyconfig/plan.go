package applyconfig

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"k8s.io/gengo/v2/types"

	"github.com/kubegen/kubegen/internal/codegen/model"
)

const (
	// MetaV1 is apimachinery's meta/v1, whose types every kind embeds.
	MetaV1 = "k8s.io/apimachinery/pkg/apis/meta/v1"
	// RuntimeMetaV1 is kubegen's own package of meta/v1 apply configurations.
	RuntimeMetaV1 = "github.com/kubegen/kubegen/client/applyconfigurations/meta/v1"
	// BlessedRoot is the apply configuration tree of kubegen's blessed clientset for k8s.io/api.
	BlessedRoot = "github.com/kubegen/kubegen/kubernetes/applyconfigurations"
	// Suffix ends the name of every apply configuration type: DeploymentApplyConfiguration.
	Suffix = "ApplyConfiguration"

	k8sAPI = "k8s.io/api/"
)

// MetaTypes are the meta/v1 types RuntimeMetaV1 holds apply configurations of: those client-go's
// meta/v1 apply configurations cover.
var MetaTypes = []string{
	"Condition", "DeleteOptions", "GroupResource", "LabelSelector", "LabelSelectorRequirement",
	"ManagedFieldsEntry", "ObjectMeta", "OwnerReference", "Preconditions", "TypeMeta",
}

// Layout says where apply configurations live.
type Layout struct {
	// Root is the import path of the tree this run generates: <Root>/<group>/<version>.
	Root string
	// External maps API types outside the inputs to the package holding their apply
	// configuration; "" means the type has none (fields of it stay Go values).
	External map[types.Name]string
}

// ParseExternal parses --external-applyconfigurations values, "<pkg>.<Type>:<applyconfig pkg>".
func ParseExternal(values []string) (map[types.Name]string, error) {
	out := map[types.Name]string{}
	for _, v := range values {
		typ, pkg, ok := strings.Cut(v, ":")
		name := types.ParseFullyQualifiedName(typ)
		if !ok || name.Package == "" || name.Name == "" {
			return nil, fmt.Errorf("%q: want <type package>.<Type>:<apply configuration package>, e.g. k8s.io/api/core/v1.PodSpec:example.com/applyconfiguration/core/v1", v)
		}
		out[name] = pkg
	}
	return out, nil
}

// Package is one package of apply configurations a run writes.
type Package struct {
	// Path is its import path; Name its package name (the version).
	Path, Name string
	// Source is the Go package of the API types.
	Source *types.Package
	// Version is the model's group/version of Source; nil for meta/v1.
	Version *model.Version
	// APIVersion is "group/version" ("v1" for core) for constructors of types with TypeMeta.
	APIVersion string
	// Types are the API structs that get an apply configuration, sorted by name.
	Types []*types.Type
}

// Plan is the outcome of Build: the packages to write, and the apply configuration of every API type
// that has one.
type Plan struct {
	Packages []*Package
	// Kinds are the +genclient kinds among the packages' types.
	Kinds  map[types.Name]*model.Kind
	layout Layout
	local  map[types.Name]string // generated here: API type → apply configuration package
}

// Build plans the apply configurations of api: every struct reachable from a kind with the apply or
// applyStatus verb (or with no verbs at all, like Eviction: an object sent to a subresource, which
// client-go gives one too), or from the input of an apply method, that lives in one of api's version
// packages and has JSON fields.
func Build(api *model.API, layout Layout) (*Plan, error) {
	p := newPlan(layout)
	byPkg := map[string]*model.Version{}
	for _, g := range api.Groups {
		for _, v := range g.Versions {
			byPkg[v.Package.Path] = v
		}
	}
	reached := map[types.Name]bool{}
	var errs []string
	for _, g := range api.Groups {
		for _, v := range g.Versions {
			for _, k := range v.Kinds {
				p.Kinds[k.Type.Name] = k
				if k.Has("apply") || k.Has("applyStatus") || len(k.Verbs) == 0 {
					reach(k.Type, byPkg, reached)
				}
				for _, m := range k.Methods {
					if m.Verb != "apply" {
						continue
					}
					if in := byPkg[m.Input.Package]; in != nil {
						if t := in.Package.Types[m.Input.Name]; t != nil {
							reach(t, byPkg, reached)
							continue
						}
						errs = append(errs, fmt.Sprintf("%s: %s: input %s is not declared in %s", m.Tag.Pos, m.Tag, m.Input.Name, m.Input.Package))
					}
				}
			}
		}
	}
	for _, v := range slices.Sorted(maps.Keys(byPkg)) {
		ver := byPkg[v]
		pkg := &Package{Path: VersionPath(layout.Root, ver), Name: ver.Name, Source: ver.Package, Version: ver, APIVersion: apiVersion(ver.Group.Name, ver.Name)}
		p.add(pkg, reached)
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return p, nil
}

// BuildMeta plans kubegen's runtime package of meta/v1 apply configurations (RuntimeMetaV1) from
// meta, the loaded k8s.io/apimachinery/pkg/apis/meta/v1.
func BuildMeta(meta *types.Package) (*Plan, error) {
	p := newPlan(Layout{})
	byPkg := map[string]*model.Version{meta.Path: nil}
	reached := map[types.Name]bool{}
	for _, name := range MetaTypes {
		t := meta.Types[name]
		if t == nil {
			return nil, fmt.Errorf("%s declares no type %s", meta.Path, name)
		}
		reach(t, byPkg, reached)
	}
	p.add(&Package{Path: RuntimeMetaV1, Name: "v1", Source: meta, APIVersion: "meta.k8s.io/v1"}, reached)
	return p, nil
}

func newPlan(layout Layout) *Plan {
	return &Plan{Kinds: map[types.Name]*model.Kind{}, layout: layout, local: map[types.Name]string{}}
}

// add records pkg with those of its types that were reached and need an apply configuration.
func (p *Plan) add(pkg *Package, reached map[types.Name]bool) {
	for _, name := range slices.Sorted(maps.Keys(pkg.Source.Types)) {
		t := pkg.Source.Types[name]
		if reached[t.Name] && needsApplyConfiguration(t) {
			pkg.Types = append(pkg.Types, t)
			p.local[t.Name] = pkg.Path
		}
	}
	if len(pkg.Types) > 0 {
		p.Packages = append(p.Packages, pkg)
	}
}

// VersionPath is the import path of the apply configurations of v under root.
func VersionPath(root string, v *model.Version) string {
	return root + "/" + v.Group.PackageName + "/" + v.Name
}

func apiVersion(group, version string) string {
	if group == "" {
		return version
	}
	return group + "/" + version
}

// For returns the apply configuration type of the API type named n, or false when it has none.
func (p *Plan) For(n types.Name) (types.Name, bool) {
	pkg, ok := p.local[n]
	if !ok {
		pkg, ok = p.layout.external(n)
	}
	if !ok || pkg == "" {
		return types.Name{}, false
	}
	return types.Name{Package: pkg, Name: n.Name + Suffix}, true
}

// external is where a type outside the generated packages has its apply configuration: an explicit
// External entry, else kubegen's runtime package for meta/v1's types, else the blessed tree for
// k8s.io/api's structs.
func (l Layout) external(n types.Name) (string, bool) {
	if pkg, ok := l.External[n]; ok {
		return pkg, true
	}
	if n.Package == MetaV1 && slices.Contains(MetaTypes, n.Name) {
		return RuntimeMetaV1, true
	}
	if rest, ok := strings.CutPrefix(n.Package, k8sAPI); ok && strings.Count(rest, "/") == 1 && l.Root != BlessedRoot {
		return BlessedRoot + "/" + rest, true
	}
	return "", false
}

// reach marks t and every named type it refers to, stopping at packages other than the planned ones
// (their types are not walked: their apply configurations, if any, are external).
func reach(t *types.Type, planned map[string]*model.Version, seen map[types.Name]bool) {
	if t == nil || seen[t.Name] {
		return
	}
	if t.Name.Package != "" {
		if _, ok := planned[t.Name.Package]; !ok {
			return
		}
	}
	seen[t.Name] = true
	reach(t.Elem, planned, seen)
	reach(t.Key, planned, seen)
	reach(t.Underlying, planned, seen)
	for _, m := range t.Members {
		reach(m.Type, planned, seen)
	}
}

// excluded are structs that never get an apply configuration: they carry raw, already encoded data.
var excluded = map[types.Name]bool{
	{Package: "k8s.io/apimachinery/pkg/runtime", Name: "RawExtension"}: true,
	{Package: "k8s.io/apimachinery/pkg/runtime", Name: "Unknown"}:      true,
}

// needsApplyConfiguration: a struct with at least one JSON field.
func needsApplyConfiguration(t *types.Type) bool {
	if t.Kind != types.Struct || excluded[t.Name] {
		return false
	}
	for _, m := range t.Members {
		if _, ok := JSONName(m); ok {
			return true
		}
	}
	return false
}

// JSONName returns the JSON name of a member ("" for an inlined embedded struct) and false when the
// member is not encoded (no json tag, or "-").
func JSONName(m types.Member) (string, bool) {
	tag, ok := reflect.StructTag(m.Tags).Lookup("json")
	if !ok || tag == "-" {
		return "", false
	}
	name, _, _ := strings.Cut(tag, ",")
	if name == "" && !m.Embedded {
		name = m.Name
	}
	return name, true
}
