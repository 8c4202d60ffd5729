package model

import (
	"fmt"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"k8s.io/apimachinery/pkg/version"
	"k8s.io/gengo/v2/types"
	"k8s.io/klog/v2"

	"github.com/kubegen/kubegen/internal/codegen/naming"
)

const metaV1 = "k8s.io/apimachinery/pkg/apis/meta/v1"

// Options tune Build.
type Options struct {
	// Plurals derives plural names; nil means English rules and the default exceptions.
	Plurals *naming.Pluralizer
	// External checks a type named by a +genclient:method tag in a package that was not loaded,
	// returning why it cannot be a method's input or result ("" if it can). nil: such types are
	// not checked.
	External func(n types.Name) string
}

// Build reads the +genclient model from the input packages of a gengo universe. It returns every
// problem it finds at once as Errors (each naming file:line), or an error wrapping ErrNoClientTypes
// when no input holds a +genclient type.
func Build(u types.Universe, inputs []string, opts Options) (*API, error) {
	b := &builder{u: u, plurals: opts.Plurals, external: opts.External, src: newSourceIndex(), groups: map[string]*Group{}}
	if b.plurals == nil {
		b.plurals = naming.NewPluralizer(nil)
	}
	paths := append([]string(nil), inputs...)
	sort.Strings(paths)
	for _, p := range paths {
		if pkg := u.Package(p); pkg != nil {
			b.addPackage(pkg)
		}
	}
	if err := b.errs.err(); err != nil {
		return nil, err
	}
	if len(b.groups) == 0 {
		return nil, fmt.Errorf("%w in %s (tag a type that embeds metav1.ObjectMeta with // +genclient)", ErrNoClientTypes, strings.Join(paths, ", "))
	}
	api := b.finish()
	return api, b.errs.err()
}

type builder struct {
	u        types.Universe
	plurals  *naming.Pluralizer
	external func(types.Name) string
	src      *sourceIndex
	errs     errorList
	groups   map[string]*Group
}

func (b *builder) addPackage(pkg *types.Package) {
	if !kubeVersion.MatchString(path.Base(pkg.Path)) {
		// Like code-generator (kube_codegen.sh): clients are made only for packages whose directory
		// is a Kubernetes version; others (an apiserver's internal, unversioned types) get none.
		klog.V(1).Infof("%s: not a versioned API package (v1, v1beta1, ...): no clients", pkg.Path)
		return
	}
	var kinds []*Kind
	for _, name := range sortedTypeNames(pkg) {
		if k := b.kind(pkg, pkg.Types[name]); k != nil {
			kinds = append(kinds, k)
		}
	}
	if len(kinds) == 0 {
		return
	}
	b.checkResources(kinds)
	docTags := b.packageTags(pkg)
	groupTag := findTag(docTags, "groupName")
	if groupTag == nil {
		// Like code-generator: without +groupName the group is named after the directory above the
		// version (k8s.io/api/apps/v1 → "apps").
		groupTag = &Tag{Name: "groupName", Value: path.Base(path.Dir(pkg.Path)), HasValue: true, Pos: kinds[0].Pos}
		klog.V(1).Infof("%s: no +groupName in doc.go; using group %q", pkg.Path, groupTag.Value)
	}
	g := b.group(groupTag, findTag(docTags, "groupGoName"))
	v := &Version{Group: g, Name: path.Base(pkg.Path), Package: pkg, Kinds: kinds, Tags: docTags, off: optOuts(docTags, &b.errs)}
	v.HasAddToScheme = pkg.Functions["AddToScheme"] != nil || pkg.Variables["AddToScheme"] != nil
	for _, k := range kinds {
		k.Version = v
	}
	for _, other := range g.Versions {
		if other.Name == v.Name {
			b.errs.add(groupTag.Pos, "group %q version %s is declared by two packages: %s and %s", g.Name, v.Name, other.Package.Path, pkg.Path)
			return
		}
	}
	g.Versions = append(g.Versions, v)
}

// checkResources reports kinds of one package that share a resource name or differ only in case:
// their clients, files and URLs would be the same.
func (b *builder) checkResources(kinds []*Kind) {
	resources, names := map[string]*Kind{}, map[string]*Kind{}
	for _, k := range kinds {
		if other := names[strings.ToLower(k.Name)]; other != nil {
			b.errs.add(k.Pos, "kinds %s and %s (%s) differ only in case: their generated files would be the same; rename one", k.Name, other.Name, other.Pos)
		} else if other := resources[k.Resource]; other != nil {
			b.errs.add(k.Pos, "kinds %s and %s (%s) have the same resource %q: give one another plural with --plural-exceptions=%s:<Plural>", k.Name, other.Name, other.Pos, k.Resource, k.Name)
		}
		names[strings.ToLower(k.Name)] = k
		resources[k.Resource] = k
	}
}

func (b *builder) group(nameTag, goNameTag *Tag) *Group {
	g, ok := b.groups[nameTag.Value]
	if !ok {
		g = &Group{Name: nameTag.Value, GoName: naming.GroupGoName(nameTag.Value)}
		b.groups[g.Name] = g
	}
	if goNameTag != nil {
		if !naming.IsExportedIdent(goNameTag.Value) {
			b.errs.add(goNameTag.Pos, "malformed tag %s: want an exported Go identifier", goNameTag)
		} else if len(g.Versions) > 0 && g.GoName != goNameTag.Value {
			b.errs.add(goNameTag.Pos, "+groupGoName=%s conflicts with %s used by another version of group %q", goNameTag.Value, g.GoName, g.Name)
		} else {
			g.GoName = goNameTag.Value
		}
	}
	return g
}

// packageTags reads the +tags of the package's doc.go: the group's names and the generators'
// opt-outs.
func (b *builder) packageTags(pkg *types.Package) []Tag {
	docFile := filepath.Join(pkg.Dir, "doc.go")
	posOf := func(line string) Position {
		return Position{File: docFile, Line: b.src.fileLine(docFile, strings.TrimSpace(line))}
	}
	var tags []Tag
	prefixes := []string{"groupName", "groupGoName"}
	for _, tool := range optOutTools {
		prefixes = append(prefixes, "k8s:"+tool)
	}
	for _, prefix := range prefixes {
		for _, t := range extractTags(pkg.Comments, prefix, posOf) {
			if t.Name == prefix {
				tags = append(tags, t)
			}
		}
	}
	return tags
}

func findTag(tags []Tag, name string) *Tag {
	for i := range tags {
		if tags[i].Name == name {
			return &tags[i]
		}
	}
	return nil
}

func sortedTypeNames(pkg *types.Package) []string {
	names := make([]string, 0, len(pkg.Types))
	for n := range pkg.Types {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// finish orders groups and versions and picks each group's package name.
func (b *builder) finish() *API {
	api := &API{Universe: b.u}
	for _, g := range b.groups {
		sortVersions(g.Versions)
		api.Groups = append(api.Groups, g)
	}
	sort.Slice(api.Groups, func(i, j int) bool { return api.Groups[i].Name < api.Groups[j].Name })
	b.assignPackageNames(api)
	return api
}

// sortVersions orders versions newest first in Kubernetes order: GA, beta, alpha, then other names.
func sortVersions(vs []*Version) {
	sort.Slice(vs, func(i, j int) bool {
		return version.CompareKubeAwareVersionStrings(vs[i].Name, vs[j].Name) > 0
	})
}

// assignPackageNames names each group's typed-client directory after the directory holding its
// version packages (k8s.io/api/apps/v1 → "apps"), falling back to the lower-cased Go name when that
// is not a usable, unique package name. Go names must be unique: they name clientset methods.
func (b *builder) assignPackageNames(api *API) {
	byGoName := map[string]*Group{}
	for _, g := range api.Groups {
		if other, dup := byGoName[g.GoName]; dup {
			b.errs.add(groupPos(g), "groups %q and %q both have the Go name %s; set +groupGoName in one of them", other.Name, g.Name, g.GoName)
		}
		byGoName[g.GoName] = g
	}
	count := map[string]int{}
	for _, g := range api.Groups {
		count[dirName(g)]++
	}
	for _, g := range api.Groups {
		name := dirName(g)
		if count[name] > 1 || reservedDirs[name] || name == "" {
			name = naming.PackageName(g.GoName)
		}
		g.PackageName = name
	}
}

var reservedDirs = map[string]bool{"internal": true, "vendor": true, "testdata": true, "fake": true, "scheme": true, "typed": true}

func dirName(g *Group) string {
	return naming.PackageName(path.Base(path.Dir(g.Versions[0].Package.Path)))
}

func groupPos(g *Group) Position {
	if t := findTag(g.Versions[0].Tags, "groupName"); t != nil {
		return t.Pos
	}
	return Position{File: g.Versions[0].Package.Dir}
}
