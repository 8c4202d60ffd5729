package fake_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"sync"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/watch"

	"github.com/kubegen/kubegen/client/cache"
	"github.com/kubegen/kubegen/client/fake"
)

// history records, per object, the sequence of data["k"] values a handler saw, and signals when the
// "done" object is added.
type history struct {
	mu   sync.Mutex
	seen map[string][]string
	done chan struct{}
}

func newHistory() *history { return &history{seen: map[string][]string{}, done: make(chan struct{})} }

func (h *history) record(cm *corev1.ConfigMap, what string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if cm.Name == "done" {
		close(h.done)
		return
	}
	h.seen[cm.Name] = append(h.seen[cm.Name], what)
}

func (h *history) handler() cache.TypedResourceEventHandlerFuncs[*corev1.ConfigMap] {
	return cache.TypedResourceEventHandlerFuncs[*corev1.ConfigMap]{
		AddFunc:    func(cm *corev1.ConfigMap) { h.record(cm, "add "+cm.Data["k"]) },
		UpdateFunc: func(_, cm *corev1.ConfigMap) { h.record(cm, cm.Data["k"]) },
		DeleteFunc: func(cm *corev1.ConfigMap) { h.record(cm, "delete") },
	}
}

// Informers run over the fake client: they sync (by pages, or with a watch-list), then see every later
// change in order, and the cache ends equal to the tracker's state.
func TestInformerSeesEveryChange(t *testing.T) {
	for _, watchList := range []bool{false, true} {
		t.Run(fmt.Sprintf("watchList=%v", watchList), func(t *testing.T) {
			tr := newTracker(t)
			c := configMaps(tr, "ns")
			const objects, updates = 40, 5
			for i := range objects {
				mustCreate(t, c, cm("ns", "cm"+strconv.Itoa(i), nil))
			}
			inf := cache.NewSharedIndexInformerWithOptions[*corev1.ConfigMap](c, cache.InformerOptions{
				NoWatchList: !watchList, PageSize: 7, WatchErrorHandler: func(err error) { t.Logf("watch error: %v", err) },
			})
			h := newHistory()
			if _, err := inf.AddTypedEventHandler(h.handler()); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			go inf.RunWithContext(ctx)
			if err := cache.WaitForCacheSync(ctx, inf); err != nil {
				t.Fatal(err)
			}
			want := writeUpdates(t, c, objects, updates)
			mustCreate(t, c, cm("ns", "done", nil))
			<-h.done
			checkHistory(t, h, want)
			checkCache(t, inf, c)
			checkSyncCalls(t, tr.Actions(), watchList, objects/7+1)
		})
	}
}

// writeUpdates updates every object updates times and deletes every third one, returning what a
// handler must see per object.
func writeUpdates(t *testing.T, c *configMapClient, objects, updates int) map[string][]string {
	ctx := context.Background()
	want := map[string][]string{}
	for i := range objects {
		name := "cm" + strconv.Itoa(i)
		want[name] = []string{"add v"}
	}
	for u := range updates {
		for i := range objects {
			name := "cm" + strconv.Itoa(i)
			obj := cm("ns", name, nil)
			obj.Data["k"] = "u" + strconv.Itoa(u)
			if _, err := c.Update(ctx, obj, metav1.UpdateOptions{}); err != nil {
				t.Fatal(err)
			}
			want[name] = append(want[name], obj.Data["k"])
		}
	}
	for i := 0; i < objects; i += 3 {
		name := "cm" + strconv.Itoa(i)
		if err := c.Delete(ctx, name, metav1.DeleteOptions{}); err != nil {
			t.Fatal(err)
		}
		want[name] = append(want[name], "delete")
	}
	return want
}

func checkHistory(t *testing.T, h *history, want map[string][]string) {
	t.Helper()
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, name := range slices.Sorted(maps.Keys(want)) {
		if !slices.Equal(h.seen[name], want[name]) {
			t.Errorf("%s: handler saw %v, want %v", name, h.seen[name], want[name])
		}
	}
}

func checkCache(t *testing.T, inf *cache.TypedInformer[*corev1.ConfigMap], c *configMapClient) {
	t.Helper()
	list, err := c.List(context.Background(), metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cached := map[string]string{}
	for _, obj := range inf.Store().List() {
		cached[obj.Name] = obj.ResourceVersion
	}
	stored := map[string]string{}
	for _, obj := range list.Items {
		stored[obj.Name] = obj.ResourceVersion
	}
	if !maps.Equal(cached, stored) {
		t.Errorf("cache %v\nserver %v", cached, stored)
	}
}

// After the tracker drops every watch and forgets its history (an apiserver restart plus an etcd
// compaction), the informer relists on 410 Gone and ends equal to the tracker's state.
func TestInformerRecoversFromCompaction(t *testing.T) {
	tr := newTracker(t)
	c := configMaps(tr, "ns")
	for i := range 10 {
		mustCreate(t, c, cm("ns", "cm"+strconv.Itoa(i), nil))
	}
	inf := cache.NewSharedIndexInformerWithOptions[*corev1.ConfigMap](c, cache.InformerOptions{
		Backoff: cache.Backoff{Initial: 1, Max: 1}, WatchErrorHandler: func(err error) { t.Logf("watch error: %v", err) },
	})
	h := newHistory()
	if _, err := inf.AddTypedEventHandler(h.handler()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go inf.RunWithContext(ctx)
	if err := cache.WaitForCacheSync(ctx, inf); err != nil {
		t.Fatal(err)
	}
	// Make changes the informer cannot replay: while no watch is open, and then forgotten.
	tr.PrependWatchReactor("configmaps", beforeNextWatch(func() {
		if err := c.Delete(ctx, "cm0", metav1.DeleteOptions{}); err != nil {
			t.Error(err)
		}
		mustCreate(t, c, cm("ns", "new", nil))
		tr.Compact()
	}))
	tr.CloseWatches()
	mustCreate(t, c, cm("ns", "done", nil))
	<-h.done
	checkCache(t, inf, c)
	h.mu.Lock()
	defer h.mu.Unlock()
	if got := h.seen["cm0"]; len(got) == 0 || got[len(got)-1] != "delete" {
		t.Errorf("cm0: handler saw %v, want its deletion noticed by the relist", got)
	}
	if got := h.seen["new"]; !slices.Equal(got, []string{"add v"}) {
		t.Errorf("new: handler saw %v", got)
	}
}

// beforeNextWatch returns a watch reactor that runs changes before the next watch reaches the tracker.
func beforeNextWatch(changes func()) fake.WatchReactionFunc {
	var once sync.Once
	return func(fake.Action) (bool, watch.Interface, error) {
		once.Do(changes)
		return false, nil, nil
	}
}

// checkSyncCalls checks the informer synced as configured: by a watch-list, or by pages.
func checkSyncCalls(t *testing.T, actions []fake.Action, watchList bool, pages int) {
	t.Helper()
	lists, watchLists := 0, 0
	for _, a := range actions {
		withOpts, ok := a.(interface{ GetListOptions() metav1.ListOptions })
		if !ok {
			continue
		}
		opts := withOpts.GetListOptions()
		switch {
		case a.GetVerb() == "list" && opts.Limit == 7:
			lists++
		case a.GetVerb() == "watch" && opts.SendInitialEvents != nil && *opts.SendInitialEvents:
			watchLists++
		}
	}
	if watchList && (watchLists != 1 || lists != 0) {
		t.Errorf("%d watch-lists and %d list pages, want one watch-list", watchLists, lists)
	}
	if !watchList && (watchLists != 0 || lists != pages) {
		t.Errorf("%d watch-lists and %d list pages, want %d pages", watchLists, lists, pages)
	}
}
