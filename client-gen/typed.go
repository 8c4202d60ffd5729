package clientgen

import (
	"strings"

	"k8s.io/gengo/v2/generator"
	"k8s.io/gengo/v2/types"

	"github.com/kubegen/kubegen/internal/codegen/gofile"
	"github.com/kubegen/kubegen/internal/codegen/model"
)

// typedTarget is the typed client package of one group/version.
func (l layout) typedTarget(api *model.API, v *model.Version, header []byte) generator.Target {
	pkg := l.typedPkg(v)
	doc := "Package " + v.Name + " is the typed client of the " + v.String() + " API: " +
		v.GroupVersionGoName() + "Client and one interface per resource."
	return gofile.Target(v.Name, pkg, l.typedDir(v), header, doc, func() []generator.Generator {
		gens := []generator.Generator{
			gofile.New(groupClientFile(v), pkg, func(sw *generator.SnippetWriter) { l.writeGroupClient(sw, api, v) }),
			gofile.New(expansionFile, pkg, func(sw *generator.SnippetWriter) { l.writeExpansions(sw, v) }),
		}
		var impls []string
		for _, k := range v.Kinds {
			d := l.kindData(k)
			impls = append(impls, d.Impl)
			gens = append(gens, gofile.New(typedFile(d), pkg, func(sw *generator.SnippetWriter) { writeResource(sw, d) }))
		}
		return gofile.Reserve(gens, impls...)
	})
}

const expansionFile = "generated_expansion.go"

func groupClientFile(v *model.Version) string { return v.Group.PackageName + "_client.go" }

// typedFile is the file of a kind's typed client: <kind>.go.
func typedFile(d kindData) string {
	return gofile.KindFile("", d.Lower, gofile.DocFile, groupClientFile(d.Kind.Version), expansionFile)
}

// fakeFile is the file of a kind's fake typed client: fake_<kind>.go.
func fakeFile(d kindData) string {
	return gofile.KindFile("fake_", d.Lower, gofile.DocFile, "fake_"+groupClientFile(d.Kind.Version))
}

// typedScopes declares the names client-gen writes into the typed and fake packages of v.
func (l layout) typedScopes(v *model.Version) []*model.Scope {
	gv := v.GroupVersionGoName()
	typed := model.NewScope(Tool, l.typedPkg(v), gv+"Interface", gv+"Client", "NewForConfig", "NewForConfigAndClient",
		"NewForConfigOrDie", "New", "withDefaults", "typeScheme", "codecs", "parameterCodec", "addToScheme", "addKnownTypes")
	fake := model.NewScope(Tool, l.fakeTypedPkg(v), "Fake"+gv, "Resources")
	for _, k := range v.Kinds {
		d := l.kindData(k)
		typed.Add(k, d.Plural+"Getter", d.Name+"Interface", d.Name+"Expansion", d.Impl, "new"+d.Plural, typedFile(d))
		fake.Add(k, "fake"+d.Plural, "newFake"+d.Plural, fakeFile(d))
	}
	return []*model.Scope{typed, fake}
}

// typedRegistrations are what the typed package of v registers in its own scheme: the types of v,
// then those of every other package whose types its methods send or receive (the scale of apps/v1,
// the token request of core/v1's service accounts) or its hand-written expansions in dir import (the
// evictions of core/v1's pods), each through the package's AddToScheme or, for an API package
// without one, a function of the typed package that adds its kinds.
func typedRegistrations(api *model.API, v *model.Version, dir string) []schemeVersion {
	sym := args("runtimeScheme", types.Ref(runtimePkg, "Scheme"), "must", types.Ref("k8s.io/apimachinery/pkg/util/runtime", "Must"))
	byPkg := map[string]*model.Version{}
	for _, g := range api.Groups {
		for _, gv := range g.Versions {
			byPkg[gv.Package.Path] = gv
		}
	}
	seen := map[string]bool{}
	var out []schemeVersion
	add := func(path string) {
		if seen[path] {
			return
		}
		seen[path] = true
		if mv := byPkg[path]; mv != nil {
			sv := schemeVersion{Group: mv.Group.Name, Version: mv.Name, Sym: sym}
			if mv.HasAddToScheme {
				sv.AddToScheme = types.Ref(path, "AddToScheme")
			} else {
				sv.Func = "addKnownTypes"
				if mv != v {
					sv.Func += mv.GroupVersionGoName()
				}
				sv.Types = registeredTypes(mv)
			}
			out = append(out, sv)
			return
		}
		if p := api.Universe[path]; p != nil && (p.Functions["AddToScheme"] != nil || p.Variables["AddToScheme"] != nil) {
			out = append(out, schemeVersion{AddToScheme: types.Ref(path, "AddToScheme"), Sym: sym})
		}
	}
	add(v.Package.Path)
	var lowers []string
	for _, k := range v.Kinds {
		for _, m := range k.Methods {
			add(m.Input.Package)
			add(m.Result.Package)
		}
		lowers = append(lowers, strings.ToLower(k.Name))
	}
	for _, p := range gofile.ExpansionImports(dir, lowers) {
		add(p)
	}
	return out
}

func (l layout) groupArgs(v *model.Version) generator.Args {
	var kinds []kindData
	for _, k := range v.Kinds {
		kinds = append(kinds, l.kindData(k))
	}
	return args(
		"gv", v.String(), "GV", v.GroupVersionGoName(), "group", v.Group.Name, "version", v.Name,
		"kinds", kinds, "apiPath", apiPath(v), "protobuf", l.args.PrefersProtobuf,
		"lazyScheme", types.Ref(typedPkg, "LazyScheme"),
		"runtimeScheme", types.Ref(runtimePkg, "Scheme"),
		"parameterCodec", types.Ref(runtimePkg, "ParameterCodec"),
		"codecFactory", types.Ref("k8s.io/apimachinery/pkg/runtime/serializer", "CodecFactory"),
	)
}

func (l layout) writeGroupClient(sw *generator.SnippetWriter, api *model.API, v *model.Version) {
	a := l.groupArgs(v)
	a["registrations"] = typedRegistrations(api, v, l.typedDir(v))
	sw.Do(`// $.GV$Interface is the $.gv$ API: one getter per resource, and the REST client beneath them.
type $.GV$Interface interface {
	RESTClient() $.restInterface|raw$
$- range .kinds$
	$.Plural$Getter
$- end$
}

// $.GV$Client talks to the $.gv$ API of one server. It implements $.GV$Interface.
type $.GV$Client struct {
	restClient $.restInterface|raw$
}
$range .kinds$
// $.Plural$ returns the client of $.Plural$$if .Namespaced$ in namespace (all namespaces when empty)$end$.
func (c *$.GV$Client) $.Plural$($if .Namespaced$namespace string$end$) $.Name$Interface {
	return new$.Plural$(c$if .Namespaced$, namespace$end$)
}
$end$
// NewForConfig returns a client of the $.gv$ API for config, with its own HTTP client.
func NewForConfig(config *$.restConfig|raw$) (*$.GV$Client, error) {
	httpClient, err := $.httpClientFor|raw$(withDefaults(config))
	if err != nil {
		return nil, err
	}
	return NewForConfigAndClient(config, httpClient)
}

// NewForConfigAndClient returns a client of the $.gv$ API for config that sends its requests
// through httpClient, so that several clients can share connections.
func NewForConfigAndClient(config *$.restConfig|raw$, httpClient *$.httpClient|raw$) (*$.GV$Client, error) {
	client, err := $.restClientFor|raw$(withDefaults(config), httpClient)
	if err != nil {
		return nil, err
	}
	return &$.GV$Client{restClient: client}, nil
}

// NewForConfigOrDie is NewForConfig for configurations known to be valid: it panics on error.
func NewForConfigOrDie(config *$.restConfig|raw$) *$.GV$Client {
	client, err := NewForConfig(config)
	if err != nil {
		panic(err)
	}
	return client
}

// New returns a client of the $.gv$ API that sends its requests through c.
func New(c $.restInterface|raw$) *$.GV$Client {
	return &$.GV$Client{restClient: c}
}

// RESTClient returns the REST client the resource clients use; nil for a nil client.
func (c *$.GV$Client) RESTClient() $.restInterface|raw$ {
	if c == nil {
		return nil
	}
	return c.restClient
}

// withDefaults returns a copy of config addressing $.gv$: its group/version, API path and codecs$if .protobuf$,
// and protobuf as the content type unless config names one$end$.
func withDefaults(config *$.restConfig|raw$) *$.restConfig|raw$ {
	c := $.copyConfig|raw$(config)
	c.GroupVersion = &$.groupVersion|raw${Group: "$.group$", Version: "$.version$"}
	c.APIPath = "$.apiPath$"
	c.NegotiatedSerializer = codecs().WithoutConversion()
$- if .protobuf$
	if c.ContentType == "" {
		c.ContentType = "application/vnd.kubernetes.protobuf"
	}
$- end$
	return c
}

// typeScheme knows the types this package sends and receives: the metav1 options, the types of
// $.gv$ and those of other groups its methods take or return. addToScheme fills it when the
// first client of this package is built, not at init, so that a program that imports the package
// without using it (through the clientset, say) spends no start-up time or memory on it.
var typeScheme $.lazyScheme|raw$

// codecs returns the codecs of typeScheme (JSON, YAML, protobuf).
func codecs() $.codecFactory|raw$ {
	return typeScheme.Codecs(addToScheme)
}

// parameterCodec returns the codec of option structs (ListOptions, ...) as query parameters.
func parameterCodec() $.parameterCodec|raw$ {
	return typeScheme.ParameterCodec(addToScheme)
}

// addToScheme registers in scheme the types of typeScheme.
func addToScheme(scheme *$.runtimeScheme|raw$) {
	$.addToGroupVersion|raw$(scheme, $.groupVersion|raw${Version: "v1"})
$- range .registrations$
	$.Sym.must|raw$($if .AddToScheme$$.AddToScheme|raw$$else$$.Func$$end$(scheme))
$- end$
}
$range .registrations$`+registrationFunc+`$end$`, a)
}

func (l layout) writeExpansions(sw *generator.SnippetWriter, v *model.Version) {
	dir := l.typedDir(v)
	for _, k := range v.Kinds {
		d := l.kindData(k)
		if gofile.HasExpansion(dir, d.Lower) {
			continue
		}
		sw.Do(`// $.Name$Expansion holds hand-written methods of $.Name$Interface: to add some, declare this
// interface in a file named $.Lower$_expansion.go and implement them on $.Impl$ (and on fake$.Plural$ for the fake).
type $.Name$Expansion interface{}

`, d)
	}
}
