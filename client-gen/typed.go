package clientgen

import (
	"k8s.io/gengo/v2/generator"
	"k8s.io/gengo/v2/types"

	"github.com/kubegen/kubegen/internal/codegen/gofile"
	"github.com/kubegen/kubegen/internal/codegen/model"
)

// typedTarget is the typed client package of one group/version.
func (l layout) typedTarget(v *model.Version, header []byte) generator.Target {
	pkg := l.typedPkg(v)
	doc := "Package " + v.Name + " is the typed client of the " + v.String() + " API: " +
		v.GroupVersionGoName() + "Client and one interface per resource."
	return gofile.Target(v.Name, pkg, l.typedDir(v), header, doc, func() []generator.Generator {
		gens := []generator.Generator{
			gofile.New(groupClientFile(v), pkg, func(sw *generator.SnippetWriter) { l.writeGroupClient(sw, v) }),
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
		"NewForConfigOrDie", "New", "withDefaults")
	fake := model.NewScope(Tool, l.fakeTypedPkg(v), "Fake"+gv, "Resources")
	for _, k := range v.Kinds {
		d := l.kindData(k)
		typed.Add(k, d.Plural+"Getter", d.Name+"Interface", d.Name+"Expansion", d.Impl, "new"+d.Plural, typedFile(d))
		fake.Add(k, "fake"+d.Plural, "newFake"+d.Plural, fakeFile(d))
	}
	return []*model.Scope{typed, fake}
}

func (l layout) groupArgs(v *model.Version) generator.Args {
	var kinds []kindData
	for _, k := range v.Kinds {
		kinds = append(kinds, l.kindData(k))
	}
	return args(
		"gv", v.String(), "GV", v.GroupVersionGoName(), "group", v.Group.Name, "version", v.Name,
		"kinds", kinds, "apiPath", apiPath(v), "protobuf", l.args.PrefersProtobuf,
		"codecs", types.Ref(l.schemePkg(), "Codecs"),
	)
}

func (l layout) writeGroupClient(sw *generator.SnippetWriter, v *model.Version) {
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
	c.NegotiatedSerializer = $.codecs|raw$.WithoutConversion()
$- if .protobuf$
	if c.ContentType == "" {
		c.ContentType = "application/vnd.kubernetes.protobuf"
	}
$- end$
	return c
}
`, l.groupArgs(v))
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
