package clientgen

import (
	"k8s.io/gengo/v2/generator"
	"k8s.io/gengo/v2/types"

	"github.com/kubegen/kubegen/internal/codegen/gofile"
	"github.com/kubegen/kubegen/internal/codegen/model"
)

// fakeTypedTarget is the fake of one typed client package, over client/fake's object tracker.
func (l layout) fakeTypedTarget(v *model.Version, header []byte) generator.Target {
	pkg := l.fakeTypedPkg(v)
	var kinds []kindData
	for _, k := range v.Kinds {
		kinds = append(kinds, l.kindData(k))
	}
	a := args("gv", v.String(), "GV", v.GroupVersionGoName(), "kinds", kinds,
		"Interface", types.Ref(l.typedPkg(v), v.GroupVersionGoName()+"Interface"),
		"group", v.Group.Name, "version", v.Name)
	doc := "Package fake serves the " + v.String() + " typed client from an in-memory object tracker, for tests."
	return gofile.Target("fake", pkg, l.fakeTypedDir(v), header, doc, func() []generator.Generator {
		gens := []generator.Generator{
			gofile.New("fake_"+groupClientFile(v), pkg, func(sw *generator.SnippetWriter) { sw.Do(fakeGroupTemplate, a) }),
		}
		for _, d := range kinds {
			gens = append(gens, gofile.New(fakeFile(d), pkg, func(sw *generator.SnippetWriter) { l.writeFakeResource(sw, d) }).Prefer(v.Package.Path))
		}
		return gens
	})
}

const fakeGroupTemplate = `// Fake$.GV$ implements $.Interface|raw$ over an object tracker.
type Fake$.GV$ struct {
	// Tracker holds the objects; register Resources with it first.
	Tracker *$.tracker|raw$
}

var _ $.Interface|raw$ = &Fake$.GV${}

// Resources describes the $.gv$ resources to an object tracker (scope, status subresource).
var Resources = []$.fakeResource|raw${
$- range .kinds$
	{
		Resource:       $.Sym.gvr|raw${Group: "$.Group$", Version: "$.Version$", Resource: "$.Resource$"},
		Kind:           $.Sym.gvk|raw${Group: "$.Group$", Version: "$.Version$", Kind: "$.Name$"},
		ClusterScoped:  $if .Namespaced$false$else$true$end$,
		HasStatus:      $.StatusSub$,
		CustomResource: $.CustomResource$,
	},
$- end$
}
$range .kinds$
// $.Plural$ returns the fake client of $.Plural$$if .Namespaced$ in namespace$end$.
func (c *Fake$.GV$) $.Plural$($if .Namespaced$namespace string$end$) $.IfaceRef|raw$ {
	return newFake$.Plural$(c.Tracker$if .Namespaced$, namespace$end$)
}
$end$
// RESTClient returns nil: a fake has no server.
func (c *Fake$.GV$) RESTClient() $.restInterface|raw$ {
	return nil
}
`

func (l layout) writeFakeResource(sw *generator.SnippetWriter, d kindData) {
	a := args("k", d, "Interface", types.Ref(l.typedPkg(d.Kind.Version), d.Name+"Interface"),
		"withStatus", types.Ref(fakePkg, "WithStatusSubresource"),
		"clusterScoped", types.Ref(fakePkg, "ClusterScoped"),
		"customResource", types.Ref(fakePkg, "AsCustomResource"))
	sw.Do(`// fake$.k.Plural$ implements $.Interface|raw$ over an object tracker.
type fake$.k.Plural$ struct {
$- if .k.ApplyConfig$
	*$.fakeClientApply|raw$[*$.k.Type|raw$, *$.k.List|raw$, *$.k.ApplyConfig|raw$]
$- else$
	*$.fakeClient|raw$[*$.k.Type|raw$, *$.k.List|raw$]
$- end$
}

var _ $.Interface|raw$ = &fake$.k.Plural${}

func newFake$.k.Plural$(tracker *$.tracker|raw$$if .k.Namespaced$, namespace string$end$) *fake$.k.Plural$ {
	return &fake$.k.Plural${$if .k.ApplyConfig$$.newFakeApply|raw$[*$.k.Type|raw$, *$.k.List|raw$, *$.k.ApplyConfig|raw$]$else$$.newFakeClient|raw$$end$(tracker,
		$.gvr|raw${Group: "$.k.Group$", Version: "$.k.Version$", Resource: "$.k.Resource$"},
		$.gvk|raw${Group: "$.k.Group$", Version: "$.k.Version$", Kind: "$.k.Name$"},
		$if .k.Namespaced$namespace$else$""$end$,
		func() *$.k.Type|raw$ { return &$.k.Type|raw${} },
		func() *$.k.List|raw$ { return &$.k.List|raw${} },
$- if .k.StatusSub$
		$.withStatus|raw$(),
$- end$
$- if not .k.Namespaced$
		$.clusterScoped|raw$(),
$- end$
$- if .k.CustomResource$
		$.customResource|raw$(),
$- end$
	)}
}
`, a)
	writeMethods(sw, d, "fake"+d.Plural, "Client")
}

// fakeClientsetTarget is the fake clientset: the clientset's Interface over one object tracker.
func (l layout) fakeClientsetTarget(api *model.API, versions []*model.Version, header []byte) generator.Target {
	pkg := l.fakeClientsetPkg()
	var all []*model.Version
	for _, g := range api.Groups {
		all = append(all, g.Versions...)
	}
	a := args("versions", l.versionRefs(versions), "all", l.versionRefs(all),
		"clientsetInterface", types.Ref(l.clientsetPkg(), "Interface"),
		"scheme", types.Ref(l.schemePkg(), "Scheme"),
		"object", types.Ref(runtimePkg, "Object"),
		"discoveryInterface", types.Ref(discoveryPkg, "Interface"),
		"newFakeDiscovery", types.Ref(fakePkg, "NewDiscovery"),
		"fakeDiscovery", types.Ref(fakePkg, "Discovery"),
		"testingFake", types.Ref(testingPkg, "Fake"))
	if pkg := l.parserPkg(); pkg != "" {
		a["parser"] = types.Ref(pkg, "Parser")
	}
	const doc = `Package fake is an in-memory clientset for tests, backed by an object tracker that behaves
like the API server (resource versions, conflicts, selectors, watches, status subresources).`
	return gofile.Target("fake", pkg, l.clientsetDir()+"/fake", header, doc, func() []generator.Generator {
		return []generator.Generator{
			gofile.New("clientset.go", pkg, func(sw *generator.SnippetWriter) { sw.Do(fakeClientsetTemplate, a) }),
		}
	})
}

const fakeClientsetTemplate = `// Clientset implements $.clientsetInterface|raw$ over an in-memory object tracker. It embeds
// $.testingFake|raw$ as client-go's fake clientsets do: Actions, ClearActions, PrependReactor and
// the other reactor methods are the tracker's.
type Clientset struct {
	$.testingFake|raw$
	tracker   *$.tracker|raw$
	discovery *$.fakeDiscovery|raw$
}

var _ $.clientsetInterface|raw$ = &Clientset{}

// NewClientset returns a fake clientset whose tracker knows every resource of the clientset's
// groups and holds objects. As client-go's, it stores the objects exactly as given (no uid,
// resourceVersion or defaults added; reads keep their TypeMeta), so that informers list what a
// test's fixtures are, and it panics if an object cannot be added (a kind the clientset does not
// serve, or the same object twice): the objects are a test's fixed input. Writes through the
// clientset are answered as the apiserver answers them. NewClientsetOrError returns that error
// instead of panicking; Tracker().Add adds objects as the apiserver creates them.
func NewClientset(objects ...$.object|raw$) *Clientset {
	c, err := NewClientsetOrError(objects...)
	if err != nil {
		panic(err)
	}
	return c
}

// NewSimpleClientset is NewClientset, under the name code written against client-go uses.
// client-go's NewSimpleClientset has a simpler tracker without server-side apply; this one is
// the same fake as NewClientset's.
//
// Deprecated: use NewClientset, as client-go advises.
func NewSimpleClientset(objects ...$.object|raw$) *Clientset {
	return NewClientset(objects...)
}

// NewClientsetOrError is NewClientset returning the error where NewClientset
// panics: for objects that a test reads from files or builds from its input.
func NewClientsetOrError(objects ...$.object|raw$) (*Clientset, error) {
	tracker, err := $.newTracker|raw$($.scheme|raw$)
	if err != nil {
		return nil, err
	}
$- if .parser$
	// Server-side apply merges and records managedFields with the schema of the apply configurations.
	tracker.SetSchema($.parser|raw$())
$- end$
	for _, resources := range [][]$.fakeResource|raw${
$- range .all$
		$.Resources|raw$,
$- end$
	} {
		for _, r := range resources {
			tracker.Register(r)
		}
	}
	if err := tracker.AddAsGiven(objects...); err != nil {
		return nil, err
	}
	c := &Clientset{tracker: tracker, discovery: $.newFakeDiscovery|raw$(tracker)}
	tracker.UseFake(&c.Fake)
	return c, nil
}

// Tracker returns the object tracker: add objects, inspect recorded actions, add reactors.
func (c *Clientset) Tracker() *$.tracker|raw$ {
	return c.tracker
}

// Discovery serves the Resources set on the clientset, as client-go's fake discovery does, or
// while they are nil the resources the tracker knows. It returns the same
// *$.fakeDiscovery|raw$ on every call, so a test may set its Version.
func (c *Clientset) Discovery() $.discoveryInterface|raw$ {
	return c.discovery
}
$range .versions$
// $.GV$ returns the fake client of the $.GVString$ API.
func (c *Clientset) $.GV$() $.Interface|raw$ {
	return &$.Fake|raw${Tracker: c.tracker}
}
$end$`
