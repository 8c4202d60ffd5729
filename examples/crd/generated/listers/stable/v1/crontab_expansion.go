package v1

import (
	"k8s.io/apimachinery/pkg/labels"

	stablev1 "github.com/kubegen/kubegen/examples/crd/apis/stable/v1"
)

// CronTabListerExpansion adds hand-written methods to CronTabLister. Like most code-generator
// projects' expansions, they are declared on pointer receivers; lister-gen leaves this file alone
// and its generated listers accept it.
type CronTabListerExpansion interface {
	// ListScheduled returns the cached CronTabs of all namespaces that have a schedule.
	ListScheduled() ([]*stablev1.CronTab, error)
}

// CronTabNamespaceListerExpansion adds hand-written methods to CronTabNamespaceLister.
type CronTabNamespaceListerExpansion interface {
	// ListScheduled returns the cached CronTabs of the namespace that have a schedule.
	ListScheduled() ([]*stablev1.CronTab, error)
}

// ListScheduled implements CronTabListerExpansion.
func (l *cronTabLister) ListScheduled() ([]*stablev1.CronTab, error) {
	all, err := l.List(labels.Everything())
	return scheduled(all), err
}

// ListScheduled implements CronTabNamespaceListerExpansion.
func (l *cronTabNamespaceLister) ListScheduled() ([]*stablev1.CronTab, error) {
	all, err := l.List(labels.Everything())
	return scheduled(all), err
}

func scheduled(all []*stablev1.CronTab) []*stablev1.CronTab {
	var out []*stablev1.CronTab
	for _, c := range all {
		if c.Spec.CronSpec != "" {
			out = append(out, c)
		}
	}
	return out
}
