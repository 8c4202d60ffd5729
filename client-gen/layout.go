package clientgen

import (
	"path/filepath"
	"strings"

	"k8s.io/gengo/v2/generator"
	"k8s.io/gengo/v2/types"

	"github.com/kubegen/kubegen/internal/codegen/applyconfig"
	"github.com/kubegen/kubegen/internal/codegen/model"
	"github.com/kubegen/kubegen/internal/codegen/naming"
)

// layout says where each generated package goes.
type layout struct {
	args *Args
	plan *applyconfig.Plan // the apply configurations, when ApplyConfigurationPackage is set
}

func (l layout) clientsetPkg() string { return l.args.OutputPkg + "/" + l.args.ClientsetName }
func (l layout) clientsetDir() string { return filepath.Join(l.args.OutputDir, l.args.ClientsetName) }
func (l layout) schemePkg() string    { return l.clientsetPkg() + "/scheme" }
func (l layout) fakeClientsetPkg() string {
	return l.clientsetPkg() + "/fake"
}

func (l layout) typedRel(v *model.Version) string {
	return "typed/" + v.Group.PackageName + "/" + v.Name
}
func (l layout) typedPkg(v *model.Version) string { return l.clientsetPkg() + "/" + l.typedRel(v) }
func (l layout) typedDir(v *model.Version) string {
	return filepath.Join(l.clientsetDir(), filepath.FromSlash(l.typedRel(v)))
}
func (l layout) fakeTypedPkg(v *model.Version) string { return l.typedPkg(v) + "/fake" }
func (l layout) fakeTypedDir(v *model.Version) string { return filepath.Join(l.typedDir(v), "fake") }

// apiPath is "/api" for the legacy core group, "/apis" for every other.
func apiPath(v *model.Version) string {
	if v.Group.Name == "" {
		return "/api"
	}
	return "/apis"
}

// kindData is what the resource templates need about a kind.
type kindData struct {
	*model.Kind
	Group, Version string
	Type, List     *types.Type
	Param          string // parameter name of an object of the kind: "deployment"
	Lower          string // file name stem: "deployment"
	Impl           string // unexported type implementing the interface: "deployments"
	Methods        []methodData
	StatusSub      bool
	CustomResource bool
	GV             string         // "AppsV1"
	Sym            generator.Args // the common symbols, for use inside template ranges
	IfaceRef       *types.Type    // the typed package's <Kind>Interface, for fakes
	ParameterCodec *types.Type    // the typed package's parameterCodec
	ApplyConfig    *types.Type    // the kind's apply configuration, which Apply takes; nil for none
}

type methodData struct {
	*model.Method
	Input, Result *types.Type
	ResultList    *types.Type // <Result>List, for verb list
	InputParam    string
	InputConfig   *types.Type // the apply configuration an apply method on a subresource takes; nil for none
}

// applyConfig is the apply configuration of the API type n, or nil when the run has none for it.
func (l layout) applyConfig(n types.Name) *types.Type {
	if l.plan == nil {
		return nil
	}
	ac, ok := l.plan.For(n)
	if !ok {
		return nil
	}
	return types.Ref(ac.Package, ac.Name)
}

// parserPkg is the package whose Parser gives the apply configurations' schema (their root), or ""
// without them.
func (l layout) parserPkg() string {
	if l.plan == nil {
		return ""
	}
	return l.args.ApplyConfigurationPackage
}

func (l layout) kindData(k *model.Kind) kindData {
	d := kindData{
		GV:             k.Version.GroupVersionGoName(),
		Sym:            common,
		IfaceRef:       types.Ref(l.typedPkg(k.Version), k.Name+"Interface"),
		ParameterCodec: types.Ref(l.typedPkg(k.Version), "parameterCodec"),
		Kind:           k,
		Group:          k.Version.Group.Name,
		Version:        k.Version.Name,
		Type:           types.Ref(k.Type.Name.Package, k.Type.Name.Name),
		List:           types.Ref(metav1Pkg, "List"),
		Param:          naming.ParamName(k.Name),
		Lower:          strings.ToLower(k.Name),
		Impl:           naming.ParamName(k.Plural),
		StatusSub:      k.StatusSubresource,
		CustomResource: !strings.HasPrefix(k.Type.Name.Package, "k8s.io/api/"),
	}
	if k.List != nil {
		d.List = types.Ref(k.List.Name.Package, k.List.Name.Name)
	}
	if k.Has("apply") || k.Has("applyStatus") {
		d.ApplyConfig = l.applyConfig(k.Type.Name)
	}
	for _, m := range k.Methods {
		d.Methods = append(d.Methods, methodData{
			Method:     m,
			Input:      types.Ref(m.Input.Package, m.Input.Name),
			Result:     types.Ref(m.Result.Package, m.Result.Name),
			ResultList: types.Ref(m.Result.Package, m.Result.Name+"List"),
			InputParam: naming.ParamName(m.Input.Name),
			InputConfig: func() *types.Type {
				if m.Verb != "apply" || m.Subresource == "" {
					return nil
				}
				return l.applyConfig(m.Input)
			}(),
		})
	}
	return d
}
