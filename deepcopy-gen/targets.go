package deepcopygen

import (
	"errors"
	"go/token"
	"maps"
	"slices"
	"strings"

	"k8s.io/gengo/v2/generator"
	"k8s.io/gengo/v2/types"

	"github.com/kubegen/kubegen/internal/codegen/output"
)

// ErrNothingToGenerate is returned when no input package asks for deep-copy functions.
var ErrNothingToGenerate = errors.New("no input package has +" + tagName + " tags: nothing to generate")

// buildTargets reads the tags of every input package and returns one target per package that
// has types to generate for, with all tag errors at once.
func buildTargets(loaded *output.Loaded, args *Args, header []byte) ([]generator.Target, error) {
	plan := newPlanner(loaded, args.OutputFile, args.BoundingDirs)
	var errs []error
	var paths []string // the inputs with types to generate for, in input order
	for _, path := range loaded.Inputs {
		list, pkgErrs := planPackage(plan, path)
		errs = append(errs, pkgErrs...)
		if len(list) > 0 {
			paths = append(paths, path)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	var targets []generator.Target
	for _, path := range paths {
		pkg := loaded.Universe[path]
		targets = append(targets, &generator.SimpleTarget{
			PkgName:       pkg.Name,
			PkgPath:       path,
			PkgDir:        pkg.Dir,
			HeaderComment: header,
			FilterFunc:    func(_ *generator.Context, t *types.Type) bool { return t.Name.Package == path },
			GeneratorsFunc: func(*generator.Context) []generator.Generator {
				return []generator.Generator{newGenerator(args.OutputFile, path, plan)}
			},
		})
	}
	if len(targets) == 0 {
		return nil, ErrNothingToGenerate
	}
	return targets, nil
}

// planPackage decides which types of one input package get deep-copy functions and records them
// (with their tags) in the plan.
func planPackage(plan *planner, path string) ([]*types.Type, []error) {
	loaded := plan.loaded
	pkg := loaded.Universe[path]
	pkgTags := findTags(pkg.Comments, func(prefix string) token.Position { return loaded.PackageTagPosition(path, prefix) })
	pkgOn, errs := parsePackageTags(pkgTags)
	var list []*types.Type
	for _, name := range slices.Sorted(maps.Keys(pkg.Types)) {
		t := pkg.Types[name]
		if t.Name.Package != path || t.Kind == types.DeclarationOf {
			continue
		}
		lines := append(slices.Clone(t.SecondClosestCommentLines), t.CommentLines...)
		tt, tagErrs := parseTypeTags(findTags(lines, func(prefix string) token.Position { return loaded.TagPosition(t, prefix) }))
		errs = append(errs, tagErrs...)
		on := pkgOn
		if tt.enabled != nil {
			on = *tt.enabled
		}
		switch {
		case !on && len(tt.interfaces) > 0:
			errs = append(errs, errorAt(tt.interfaces[0].pos, "+%s on %s, which deepcopy-gen does not generate for (tag it +%s=true)", tagInterfaces, name, tagName))
		case !on:
		case !generatable(t) && len(tt.interfaces) > 0:
			errs = append(errs, errorAt(tt.interfaces[0].pos, "+%s on %s: deepcopy-gen generates methods only for structs, arrays and named slices and maps, not %s", tagInterfaces, name, describeKind(t)))
		case generatable(t):
			errs = append(errs, resolveInterfaces(loaded, &tt)...)
			plan.generated[t] = &tt
			list = append(list, t)
		}
	}
	return list, errs
}

// resolveInterfaces checks that every interface named by the tags exists and is an interface.
func resolveInterfaces(loaded *output.Loaded, tt *typeTags) []error {
	var errs []error
	for i, ifc := range tt.interfaces {
		t := loaded.LookupType(ifc.pkg, ifc.name)
		switch {
		case t == nil:
			errs = append(errs, errorAt(ifc.pos, "interface %s.%s not found: its package must be imported (directly or not) by the input packages", ifc.pkg, ifc.name))
		case t.Kind != types.Interface:
			errs = append(errs, errorAt(ifc.pos, "%s.%s is %s, not an interface", ifc.pkg, ifc.name, describeKind(t)))
		default:
			tt.interfaces[i].typ = t
		}
	}
	return errs
}

func describeKind(t *types.Type) string {
	if t.Kind != types.Alias {
		return "a " + strings.ToLower(string(t.Kind))
	}
	u := underlying(t)
	if u.Kind == types.Builtin {
		return "a named " + u.Name.Name
	}
	return "a named " + strings.ToLower(string(u.Kind))
}
