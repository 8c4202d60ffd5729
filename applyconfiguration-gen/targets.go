package applyconfigurationgen

import (
	"fmt"
	"path/filepath"
	"strings"

	"k8s.io/gengo/v2/generator"

	"github.com/kubegen/kubegen/internal/codegen"
	"github.com/kubegen/kubegen/internal/codegen/applyconfig"
	"github.com/kubegen/kubegen/internal/codegen/gofile"
	"github.com/kubegen/kubegen/internal/codegen/model"
)

// Targets returns one gengo target per group/version with types to apply: a package of apply
// configurations, one file per type, and <output>/internal with the schema the kinds' Extract
// functions read managedFields with. header starts every file.
func Targets(api *model.API, a *Args, header []byte) ([]generator.Target, error) {
	layout, err := a.Layout()
	if err != nil {
		return nil, err
	}
	api, err = codegen.Enabled(api, model.ApplyConfigurationGen)
	if err != nil {
		return nil, err
	}
	plan, err := applyconfig.Build(api, layout)
	if err != nil {
		return nil, err
	}
	if len(plan.Packages) == 0 {
		return nil, fmt.Errorf("%w: no +genclient kind can be applied (apply configurations need the apply or applyStatus verb)", codegen.ErrNothingToGenerate)
	}
	schema, ext, err := a.schemaTarget(plan, api.Universe, header)
	if err != nil {
		return nil, err
	}
	targets, err := targetsFor(plan, a, header, ext)
	if err != nil || schema == nil {
		return targets, err
	}
	return append(targets, schema, a.parserTarget(ext, header)), nil
}

// targetsFor returns the targets of the packages of plan; ext is the schema for the Extract
// functions of its kinds, nil for none.
func targetsFor(plan *applyconfig.Plan, a *Args, header []byte, ext *extraction) ([]generator.Target, error) {
	var targets []generator.Target
	for _, pkg := range plan.Packages {
		rel, ok := strings.CutPrefix(pkg.Path, a.OutputPkg+"/")
		if !ok {
			return nil, fmt.Errorf("apply configurations of %s go to %s, which is not under --output-pkg %s", pkg.Source.Path, pkg.Path, a.OutputPkg)
		}
		if rel == internalDir || strings.HasPrefix(rel, internalDir+"/") {
			return nil, fmt.Errorf("apply configurations of %s would go to %s, where the schema package goes", pkg.Source.Path, pkg.Path)
		}
		dir := filepath.Join(a.OutputDir, filepath.FromSlash(rel))
		targets = append(targets, gofile.Target(pkg.Name, pkg.Path, dir, header, packageDoc(pkg), func() []generator.Generator {
			gens := make([]generator.Generator, 0, len(pkg.Types))
			for _, t := range pkg.Types {
				tw := newTypeWriter(plan, pkg, t, ext)
				gens = append(gens, gofile.NewEmitter(gofile.KindFile("", strings.ToLower(t.Name.Name), gofile.DocFile), pkg.Path, tw.write))
			}
			return gens
		}))
	}
	return targets, nil
}

func packageDoc(pkg *applyconfig.Package) string {
	api := pkg.APIVersion
	if pkg.Version != nil {
		api = pkg.Version.String()
	}
	return "Package " + pkg.Name + " has the apply configurations of the " + api + ` API types: builders of the
partial objects a field manager applies with server-side apply. Each field is nil until a With
call sets it, and only set fields are sent, so the manager owns exactly those.` + runtimeDoc(pkg)
}

// runtimeDoc is the extra documentation of kubegen's runtime package of meta/v1 apply configurations.
func runtimeDoc(pkg *applyconfig.Package) string {
	if pkg.Path != applyconfig.RuntimeMetaV1 {
		return ""
	}
	return `

Layer: runtime. kubegen's own package, generated once from apimachinery's meta/v1 by
applyconfiguration-gen --kubegen-runtime-meta: every generated apply configuration embeds or
refers to its types. It imports only apimachinery.`
}
