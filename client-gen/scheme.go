package clientgen

import (
	"k8s.io/gengo/v2/generator"
	"k8s.io/gengo/v2/types"

	"github.com/kubegen/kubegen/internal/codegen/gofile"
	"github.com/kubegen/kubegen/internal/codegen/model"
)

// schemeVersion is one group/version as the scheme package registers it.
type schemeVersion struct {
	Func        string        // local registration function, when the package has no AddToScheme
	AddToScheme *types.Type   // the package's AddToScheme, when it has one
	Group       string        // group name
	Version     string        // version name
	Types       []*types.Type // types to register by hand (kinds, lists, method inputs/results)
	Sym         generator.Args
}

func (l layout) schemeVersions(api *model.API) []schemeVersion {
	var out []schemeVersion
	for _, g := range api.Groups {
		for _, v := range g.Versions {
			sv := schemeVersion{Group: g.Name, Version: v.Name, Sym: args("runtimeScheme", types.Ref(runtimePkg, "Scheme"))}
			if v.HasAddToScheme {
				sv.AddToScheme = types.Ref(v.Package.Path, "AddToScheme")
			} else {
				sv.Func = "add" + v.GroupVersionGoName()
				sv.Types = registeredTypes(v)
			}
			out = append(out, sv)
		}
	}
	return out
}

// registeredTypes are the types of v a hand-made registration adds: every kind, its list, and the
// inputs and results of its extra methods that live in the same package.
func registeredTypes(v *model.Version) []*types.Type {
	seen := map[types.Name]bool{}
	var out []*types.Type
	add := func(n types.Name) {
		if n.Package == v.Package.Path && !seen[n] {
			seen[n] = true
			out = append(out, types.Ref(n.Package, n.Name))
		}
	}
	for _, k := range v.Kinds {
		add(k.Type.Name)
		if k.List != nil {
			add(k.List.Name)
		}
		for _, m := range k.Methods {
			add(m.Input)
			add(m.Result)
		}
	}
	return out
}

// schemeTarget is the scheme package: Scheme, Codecs, ParameterCodec and AddToScheme for every
// group/version of the inputs.
func (l layout) schemeTarget(api *model.API, header []byte) generator.Target {
	pkg := l.schemePkg()
	a := args("versions", l.schemeVersions(api),
		"newScheme", types.Ref(runtimePkg, "NewScheme"),
		"schemeBuilder", types.Ref(runtimePkg, "SchemeBuilder"),
		"runtimeScheme", types.Ref(runtimePkg, "Scheme"),
		"newParameterCodec", types.Ref(runtimePkg, "NewParameterCodec"),
		"newCodecFactory", types.Ref("k8s.io/apimachinery/pkg/runtime/serializer", "NewCodecFactory"),
		"must", types.Ref("k8s.io/apimachinery/pkg/util/runtime", "Must"))
	const doc = "Package scheme knows every type of the clientset's API groups, and how to encode them."
	return gofile.Target("scheme", pkg, l.clientsetDir()+"/scheme", header, doc, func() []generator.Generator {
		return []generator.Generator{
			gofile.New("register.go", pkg, func(sw *generator.SnippetWriter) { sw.Do(schemeTemplate, a) }),
		}
	})
}

const schemeTemplate = `// Scheme holds every type of the clientset's groups and versions.
var Scheme = $.newScheme|raw$()

// Codecs encodes and decodes the types of Scheme (JSON, YAML, protobuf).
var Codecs = $.newCodecFactory|raw$(Scheme)

// ParameterCodec encodes option structs (ListOptions, ...) as query parameters.
var ParameterCodec = $.newParameterCodec|raw$(Scheme)

var localSchemeBuilder = $.schemeBuilder|raw${
$- range .versions$
	$if .AddToScheme$$.AddToScheme|raw$$else$$.Func$$end$,
$- end$
}

// AddToScheme adds every group/version of the clientset to a scheme of your own.
var AddToScheme = localSchemeBuilder.AddToScheme

func init() {
	$.addToGroupVersion|raw$(Scheme, $.groupVersion|raw${Version: "v1"})
	$.must|raw$(AddToScheme(Scheme))
}
$range .versions$` + registrationFunc + `$end$`

// registrationFunc writes, for a schemeVersion (the template's dot) without AddToScheme, the
// function that registers its types.
const registrationFunc = `$if not .AddToScheme$
// $.Func$ registers the $.Group$/$.Version$ types, whose package has no AddToScheme.
func $.Func$(scheme *$.Sym.runtimeScheme|raw$) error {
	gv := $.Sym.groupVersion|raw${Group: "$.Group$", Version: "$.Version$"}
	scheme.AddKnownTypes(gv,
$- range .Types$
		&$.|raw${},
$- end$
	)
	$.Sym.addToGroupVersion|raw$(scheme, gv)
	return nil
}
$end$`
