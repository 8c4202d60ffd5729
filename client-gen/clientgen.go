package clientgen

import (
	"fmt"

	"k8s.io/gengo/v2/generator"

	"github.com/kubegen/kubegen/internal/codegen"
	"github.com/kubegen/kubegen/internal/codegen/applyconfig"
	"github.com/kubegen/kubegen/internal/codegen/model"
)

// Targets returns the gengo targets that write the clients of api: one typed package per
// group/version (and its fake), the scheme package, the clientset (every version, or with
// AllVersions off the preferred version of each group, of the group-versions served from
// OldestServer on) and the fake clientset. header starts every file.
func Targets(api *model.API, a *Args, header []byte) ([]generator.Target, error) {
	l := layout{args: a}
	all := api
	api, err := codegen.Enabled(all, model.ClientGen)
	if err != nil {
		return nil, err
	}
	if a.ApplyConfigurationPackage != "" {
		external, err := applyconfig.ParseExternal(a.ExternalApplyConfigurations)
		if err != nil {
			return nil, fmt.Errorf("external apply configurations: %w", err)
		}
		if l.plan, err = applyconfig.Build(all.Enabled(model.ApplyConfigurationGen), applyconfig.Layout{Root: a.ApplyConfigurationPackage, External: external}); err != nil {
			return nil, err
		}
	}
	served, err := codegen.ServedIn(api, a.OldestServer, Tool)
	if err != nil {
		return nil, err
	}
	versions := served.ClientsetVersions(a.IncludeAlpha)
	if a.AllVersions {
		versions = served.EveryVersion(a.IncludeAlpha)
	}
	if len(versions) == 0 {
		return nil, fmt.Errorf("no group has a version for the clientset (alpha-only groups are left out unless --clientset-include-alpha, unserved ones under --%s)", codegen.OldestServerFlag)
	}
	var scopes []*model.Scope
	for _, g := range api.Groups {
		for _, v := range g.Versions {
			scopes = append(scopes, l.typedScopes(v)...)
		}
	}
	if err := model.ScopeErrors(scopes...); err != nil {
		return nil, err
	}
	var targets []generator.Target
	for _, g := range api.Groups {
		for _, v := range g.Versions {
			targets = append(targets, l.typedTarget(api, v, header))
			if a.FakeClientset {
				targets = append(targets, l.fakeTypedTarget(v, header))
			}
		}
	}
	targets = append(targets, l.exampleTargets(api, versions, header)...)
	targets = append(targets, l.schemeTarget(api, header), l.clientsetTarget(versions, header))
	if a.FakeClientset {
		targets = append(targets, l.fakeClientsetTarget(api, versions, header))
	}
	return targets, nil
}
