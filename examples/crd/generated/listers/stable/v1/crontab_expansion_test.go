package v1

import (
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubegen/kubegen/client/cache"
	stablev1 "github.com/kubegen/kubegen/examples/crd/apis/stable/v1"
)

// TestPointerReceiverExpansion (issue 13): hand-written lister expansion methods on pointer
// receivers are part of the generated listers' interfaces and work, for all namespaces and one.
func TestPointerReceiverExpansion(t *testing.T) {
	store := cache.NewIndexer(cache.MetaNamespaceKeyFunc, cache.Indexers{cache.NamespaceIndex: cache.MetaNamespaceIndexFunc})
	for _, c := range []*stablev1.CronTab{
		{ObjectMeta: metav1.ObjectMeta{Namespace: "a", Name: "every-minute"}, Spec: stablev1.CronTabSpec{CronSpec: "* * * * *"}},
		{ObjectMeta: metav1.ObjectMeta{Namespace: "a", Name: "unscheduled"}},
		{ObjectMeta: metav1.ObjectMeta{Namespace: "b", Name: "hourly"}, Spec: stablev1.CronTabSpec{CronSpec: "0 * * * *"}},
	} {
		if err := store.Add(c); err != nil {
			t.Fatal(err)
		}
	}
	lister := NewCronTabLister(store)
	if all, err := lister.ListScheduled(); err != nil || len(all) != 2 {
		t.Errorf("ListScheduled: %d, %v; want 2", len(all), err)
	}
	if inA, err := lister.CronTabs("a").ListScheduled(); err != nil || len(inA) != 1 || inA[0].Name != "every-minute" {
		t.Errorf("CronTabs(a).ListScheduled: %v, %v", inA, err)
	}
}
