package apistubs

import (
	"fmt"
	"go/token"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"
)

// loadLive loads the live packages matched by patterns (relative to dir) and returns their exported
// interfaces, sorted by package path and name.
func loadLive(dir string, patterns []string, exclude string) ([]*Interface, error) {
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedTypes,
		Dir:  dir,
		Fset: token.NewFileSet(),
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, fmt.Errorf("loading %s: %w", strings.Join(patterns, " "), err)
	}
	if err := firstError(pkgs); err != nil {
		return nil, err
	}
	sort.Slice(pkgs, func(i, j int) bool { return pkgs[i].PkgPath < pkgs[j].PkgPath })
	var out []*Interface
	for _, p := range pkgs {
		if p.Types == nil || p.PkgPath == exclude || len(p.GoFiles) == 0 {
			continue
		}
		out = append(out, interfacesOf(p.Types, cfg.Fset)...)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no exported interfaces in %s", strings.Join(patterns, " "))
	}
	return out, nil
}

// firstError returns the first load or type error of the packages, naming its position.
func firstError(pkgs []*packages.Package) error {
	var msgs []string
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			msgs = append(msgs, e.Error())
		}
	})
	if len(msgs) == 0 {
		return nil
	}
	if len(msgs) > 10 {
		msgs = append(msgs[:10], fmt.Sprintf("... and %d more", len(msgs)-10))
	}
	return fmt.Errorf("loading packages:\n\t%s", strings.Join(msgs, "\n\t"))
}
