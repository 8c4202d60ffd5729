package codegen

import (
	"fmt"

	"k8s.io/klog/v2"

	"github.com/kubegen/kubegen/internal/codegen/model"
)

// OldestServerFlag is the option of client-gen, informer-gen and kubegen that leaves out of the
// clientset (and the informer factory) the group-versions no API server from that release on serves.
const OldestServerFlag = "clientset-oldest-server"

// OldestServerUsage is the flag's help text.
const OldestServerUsage = `oldest Kubernetes release ("1.35") the clientset must work with: a group-version whose every kind ` +
	`carries +k8s:prerelease-lifecycle-gen:removed at or before it stays out of the clientset and the informer factory ` +
	`(its typed package, listers and informers are still written); empty: every group-version`

// ParseOldestServer checks the flag's value ("" is off).
func ParseOldestServer(value string) error {
	if value == "" {
		return nil
	}
	if _, err := model.ParseRelease(value); err != nil {
		return fmt.Errorf("--%s: %w", OldestServerFlag, err)
	}
	return nil
}

// ServedIn is api restricted to the group-versions an API server of release oldest (the flag's
// value) or later serves; api itself when oldest is "". tool names the generator in the log line
// (at -v=1) listing what was left out. A malformed +k8s:prerelease-lifecycle-gen:removed tag is an
// error naming its file:line.
func ServedIn(api *model.API, oldest, tool string) (*model.API, error) {
	if oldest == "" {
		return api, nil
	}
	r, err := model.ParseRelease(oldest)
	if err != nil {
		return nil, fmt.Errorf("--%s: %w", OldestServerFlag, err)
	}
	served, dropped, err := api.ServedIn(r)
	if err != nil {
		return nil, err
	}
	for _, v := range dropped {
		klog.V(1).Infof("%s: %s is left out: every kind of it is removed at or before Kubernetes %s", tool, v, r)
	}
	return served, nil
}
