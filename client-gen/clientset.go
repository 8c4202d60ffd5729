package clientgen

import (
	"k8s.io/gengo/v2/generator"
	"k8s.io/gengo/v2/types"

	"github.com/kubegen/kubegen/internal/codegen/gofile"
	"github.com/kubegen/kubegen/internal/codegen/model"
	"github.com/kubegen/kubegen/internal/codegen/naming"
)

// versionRef is a clientset's view of one group/version.
type versionRef struct {
	GV        string      // "AppsV1"
	Field     string      // "appsV1"
	GVString  string      // "apps/v1"
	Group     string      // "apps"
	Version   string      // "v1"
	GVType    *types.Type // schema.GroupVersion
	Lazy      *types.Type // typed.Group, which builds the group client on first use
	Interface *types.Type // typed package's AppsV1Interface
	Client    *types.Type // typed package's AppsV1Client
	NewClient *types.Type // typed package's NewForConfigAndClient
	New       *types.Type // typed package's New
	Fake      *types.Type // fake typed package's FakeAppsV1
	Resources *types.Type // fake typed package's Resources
}

func (l layout) versionRefs(versions []*model.Version) []versionRef {
	var out []versionRef
	for _, v := range versions {
		typed, fake := l.typedPkg(v), l.fakeTypedPkg(v)
		out = append(out, versionRef{
			GV:        v.GroupVersionGoName(),
			Field:     naming.ParamName(v.GroupVersionGoName()),
			GVString:  v.String(),
			Group:     v.Group.Name,
			Version:   v.Name,
			GVType:    types.Ref(schemaPkg, "GroupVersion"),
			Lazy:      types.Ref(typedPkg, "Group"),
			Interface: types.Ref(typed, v.GroupVersionGoName()+"Interface"),
			Client:    types.Ref(typed, v.GroupVersionGoName()+"Client"),
			NewClient: types.Ref(typed, "NewForConfigAndClient"),
			New:       types.Ref(typed, "New"),
			Fake:      types.Ref(fake, "Fake"+v.GroupVersionGoName()),
			Resources: types.Ref(fake, "Resources"),
		})
	}
	return out
}

// clientsetTarget is the clientset package: Interface, Clientset and its constructors.
func (l layout) clientsetTarget(versions []*model.Version, header []byte) generator.Target {
	pkg := l.clientsetPkg()
	a := args("name", l.args.ClientsetName, "versions", l.versionRefs(versions),
		"discoveryInterface", types.Ref(discoveryPkg, "Interface"),
		"discoveryClient", types.Ref(discoveryPkg, "Client"),
		"newDiscovery", types.Ref(discoveryPkg, "NewForConfigAndClient"),
		"discoveryNew", types.Ref(discoveryPkg, "New"),
		"groupSource", types.Ref(typedPkg, "GroupSource"))
	doc := "Package " + l.args.ClientsetName + ` is a clientset: a typed client for every version of each API group.
Every group/version also has a typed client package of its own under typed/.`
	if !l.args.AllVersions {
		doc = "Package " + l.args.ClientsetName + ` is a clientset: one typed client per API group, at the group's preferred
version. Every group/version also has a typed client package of its own under typed/.`
	}
	return gofile.Target(l.args.ClientsetName, pkg, l.clientsetDir(), header, doc, func() []generator.Generator {
		return []generator.Generator{
			gofile.New("clientset.go", pkg, func(sw *generator.SnippetWriter) { sw.Do(clientsetTemplate, a) }),
		}
	})
}

const clientsetTemplate = `// Interface is the clientset: discovery, and one typed client per API group.
type Interface interface {
	Discovery() $.discoveryInterface|raw$
$- range .versions$
	$.GV$() $.Interface|raw$
$- end$
}

// Clientset implements Interface. Its group clients share one HTTP client and one rate limiter.
// Each is built on its first use, so that a program links the typed packages of only the groups it
// calls.
type Clientset struct {
	discovery *$.discoveryClient|raw$
	// source is what the group clients are built from.
	source $.groupSource|raw$
$- range .versions$
	$.Field$ $.Lazy|raw$[*$.Client|raw$]
$- end$
}

// Discovery returns the client that asks the server which groups, versions and resources it serves.
func (c *Clientset) Discovery() $.discoveryInterface|raw$ {
	return c.discovery
}
$range .versions$
// $.GV$ returns the client of the $.GVString$ API.
func (c *Clientset) $.GV$() $.Interface|raw$ {
	return c.$.Field$.Get(&c.source, $.GVType|raw${Group: "$.Group$", Version: "$.Version$"}, $.NewClient|raw$, $.New|raw$)
}
$end$
// NewForConfig returns a clientset for config.
func NewForConfig(config *$.restConfig|raw$) (*Clientset, error) {
	httpClient, err := $.httpClientFor|raw$(config)
	if err != nil {
		return nil, err
	}
	return NewForConfigAndClient(config, httpClient)
}

// NewForConfigAndClient returns a clientset for config whose group clients send their requests
// through httpClient. Unless config sets a RateLimiter or a negative QPS, they draw from one token
// bucket, so QPS and Burst bound the whole clientset.
//
// It builds the discovery client now and each group client on first use. Building the discovery
// client checks everything a group client's construction can fail on (the host, the HTTP client), so
// its error is returned here and the group clients built later cannot fail.
func NewForConfigAndClient(config *$.restConfig|raw$, httpClient *$.httpClient|raw$) (*Clientset, error) {
	c := shareRateLimiter(config)
	discovery, err := $.newDiscovery|raw$(c, httpClient)
	if err != nil {
		return nil, err
	}
	return &Clientset{discovery: discovery, source: $.groupSource|raw${Config: c, HTTPClient: httpClient}}, nil
}

// NewForConfigOrDie is NewForConfig for configurations known to be valid: it panics on error.
func NewForConfigOrDie(config *$.restConfig|raw$) *Clientset {
	cs, err := NewForConfig(config)
	if err != nil {
		panic(err)
	}
	return cs
}

// New returns a clientset whose group clients all send their requests through c.
func New(c $.restInterface|raw$) *Clientset {
	return &Clientset{discovery: $.discoveryNew|raw$(c), source: $.groupSource|raw${REST: c}}
}

// shareRateLimiter returns a copy of config with one token bucket for all group clients.
func shareRateLimiter(config *$.restConfig|raw$) *$.restConfig|raw$ {
	c := $.copyConfig|raw$(config)
	if c.RateLimiter != nil || c.QPS < 0 {
		return c
	}
	qps, burst := c.QPS, c.Burst
	if qps == 0 {
		qps = $.defaultQPS|raw$
	}
	if burst == 0 {
		burst = $.defaultBurst|raw$
	}
	c.RateLimiter = $.tokenBucket|raw$(qps, burst)
	return c
}
`
