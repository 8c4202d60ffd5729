package fake_test

import (
	"context"
	"slices"
	"strconv"
	"testing"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/watch"

	"github.com/kubegen/kubegen/client/fake"
)

func TestWatchFromResourceVersion(t *testing.T) {
	ctx := context.Background()
	c := configMaps(newTracker(t), "ns")
	a := mustCreate(t, c, cm("ns", "a", nil))
	b := mustCreate(t, c, cm("ns", "b", nil))
	a.Data["k"] = "v2"
	a2, err := c.Update(ctx, a, metav1.UpdateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Delete(ctx, "b", metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	w, err := c.Watch(ctx, metav1.ListOptions{ResourceVersion: a.ResourceVersion})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	got := nextN(t, w, 3)
	deleteRV := strconv.Itoa(mustAtoi(t, a2.ResourceVersion) + 1)
	want := []event{{watch.Added, "b", b.ResourceVersion}, {watch.Modified, "a", a2.ResourceVersion}, {watch.Deleted, "b", deleteRV}}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	c2 := mustCreate(t, c, cm("ns", "c", nil))
	if got := nextN(t, w, 1); got[0] != (event{watch.Added, "c", c2.ResourceVersion}) {
		t.Errorf("live event %v", got[0])
	}
}

func mustAtoi(t testing.TB, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestWatchInitialState(t *testing.T) {
	for _, rv := range []string{"", "0"} {
		t.Run("rv="+rv, func(t *testing.T) {
			ctx := context.Background()
			tr := newTracker(t, cm("ns", "b", nil), cm("ns", "a", nil), cm("other", "x", nil))
			c := configMaps(tr, "ns")
			w, err := c.Watch(ctx, metav1.ListOptions{ResourceVersion: rv})
			if err != nil {
				t.Fatal(err)
			}
			defer w.Stop()
			mustCreate(t, c, cm("ns", "c", nil))
			got := nextN(t, w, 3)
			for i, name := range []string{"a", "b", "c"} {
				if got[i].Type != watch.Added || got[i].Name != name {
					t.Errorf("event %d: %v, want ADDED %s", i, got[i], name)
				}
			}
		})
	}
}

func TestWatchSendInitialEvents(t *testing.T) {
	tr := newTracker(t, cm("ns", "a", nil))
	c := configMaps(tr, "ns")
	yes := true
	if _, err := c.Watch(context.Background(), metav1.ListOptions{SendInitialEvents: &yes, AllowWatchBookmarks: true}); !apierrors.IsInvalid(err) {
		t.Fatalf("sendInitialEvents without resourceVersionMatch: got %v, want Invalid", err)
	}
	// kube-apiserver 1.37 serves initial events without bookmarks (the rules suite checks it).
	noBookmarks, err := c.Watch(context.Background(), metav1.ListOptions{SendInitialEvents: &yes,
		ResourceVersionMatch: metav1.ResourceVersionMatchNotOlderThan})
	if err != nil {
		t.Fatalf("sendInitialEvents without bookmarks: %v", err)
	}
	if ev := next(t, noBookmarks); ev.Type != watch.Added {
		t.Fatalf("sendInitialEvents without bookmarks: first event %v, want ADDED", ev.Type)
	}
	noBookmarks.Stop()
	w, err := c.Watch(context.Background(), metav1.ListOptions{SendInitialEvents: &yes, AllowWatchBookmarks: true,
		ResourceVersionMatch: metav1.ResourceVersionMatchNotOlderThan})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	if ev := next(t, w); ev.Type != watch.Added {
		t.Fatalf("first event %v", ev.Type)
	}
	ev := next(t, w)
	bm, ok := ev.Object.(*corev1.ConfigMap)
	if ev.Type != watch.Bookmark || !ok || bm.Annotations[fake.InitialEventsEndAnnotation] != "true" || bm.ResourceVersion != tr.ResourceVersion() {
		t.Fatalf("want the initial-events-end bookmark at %s, got %v %#v", tr.ResourceVersion(), ev.Type, ev.Object)
	}
	tr.Bookmark()
	if ev := next(t, w); ev.Type != watch.Bookmark {
		t.Fatalf("Tracker.Bookmark: got %v", ev.Type)
	}
}

func TestWatchTooOldResourceVersion(t *testing.T) {
	tr := newTracker(t)
	c := configMaps(tr, "ns")
	old := mustCreate(t, c, cm("ns", "a", nil)).ResourceVersion
	tr.SetHistoryLimit(2)
	for i := range 5 {
		mustCreate(t, c, cm("ns", "x"+strconv.Itoa(i), nil))
	}
	w, err := c.Watch(context.Background(), metav1.ListOptions{ResourceVersion: old})
	if err != nil {
		t.Fatal(err)
	}
	ev := next(t, w)
	status, ok := ev.Object.(*metav1.Status)
	if ev.Type != watch.Error || !ok || !apierrors.IsResourceExpired(&apierrors.StatusError{ErrStatus: *status}) {
		t.Fatalf("got %v %#v, want an ERROR event with 410 Expired", ev.Type, ev.Object)
	}
	if _, open := <-w.ResultChan(); open {
		t.Error("watch stayed open after the expiry error")
	}
	// The most recent events are still available.
	w2, err := c.Watch(context.Background(), metav1.ListOptions{ResourceVersion: strconv.Itoa(mustAtoi(t, tr.ResourceVersion()) - 1)})
	if err != nil {
		t.Fatal(err)
	}
	defer w2.Stop()
	if got := nextN(t, w2, 1); got[0].Name != "x4" {
		t.Errorf("got %v, want the last creation", got)
	}
}

func TestWatchSelectorTransitions(t *testing.T) {
	ctx := context.Background()
	c := configMaps(newTracker(t), "ns")
	w, err := c.Watch(ctx, metav1.ListOptions{LabelSelector: "app=web"})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	obj := mustCreate(t, c, cm("ns", "a", map[string]string{"app": "db"}))
	obj.Labels["app"] = "web"
	obj, err = c.Update(ctx, obj, metav1.UpdateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	obj.Data["k"] = "v2"
	obj, err = c.Update(ctx, obj, metav1.UpdateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	obj.Labels["app"] = "other"
	left, err := c.Update(ctx, obj, metav1.UpdateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := nextN(t, w, 3)
	want := []event{{watch.Added, "a", ""}, {watch.Modified, "a", obj.ResourceVersion}, {watch.Deleted, "a", left.ResourceVersion}}
	want[0].RV = got[0].RV
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestWatchFieldSelectorAndNamespace(t *testing.T) {
	ctx := context.Background()
	tr := newTracker(t)
	w, err := configMaps(tr, "").Watch(ctx, metav1.ListOptions{FieldSelector: "metadata.name=target", ResourceVersion: tr.ResourceVersion()})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	mustCreate(t, configMaps(tr, "a"), cm("a", "other", nil))
	mustCreate(t, configMaps(tr, "a"), cm("a", "target", nil))
	mustCreate(t, configMaps(tr, "b"), cm("b", "target", nil))
	got := nextN(t, w, 2)
	if got[0].Name != "target" || got[1].Name != "target" {
		t.Errorf("got %v", got)
	}
}

func TestSlowWatcherDoesNotBlockWriters(t *testing.T) {
	c := configMaps(newTracker(t), "ns")
	w, err := c.Watch(context.Background(), metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	const n = 2000
	for i := range n {
		mustCreate(t, c, cm("ns", "cm"+strconv.Itoa(i), nil))
	}
	for i, ev := range nextN(t, w, n) {
		if ev.Name != "cm"+strconv.Itoa(i) {
			t.Fatalf("event %d is %v: events lost or reordered", i, ev)
		}
	}
}

func TestWatchEnds(t *testing.T) {
	c := configMaps(newTracker(t), "ns")
	w, err := c.Watch(context.Background(), metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	mustCreate(t, c, cm("ns", "a", nil))
	w.Stop()
	w.Stop()
	for range w.ResultChan() {
	}
	ctx, cancel := context.WithCancel(context.Background())
	w, err = c.Watch(ctx, metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	for range w.ResultChan() {
	}
	// Writes after the watchers ended must still work.
	mustCreate(t, c, cm("ns", "b", nil))
}

func TestWatchResultsAreCopies(t *testing.T) {
	c := configMaps(newTracker(t), "ns")
	w1, _ := c.Watch(context.Background(), metav1.ListOptions{})
	w2, _ := c.Watch(context.Background(), metav1.ListOptions{})
	defer w1.Stop()
	defer w2.Stop()
	mustCreate(t, c, cm("ns", "a", nil))
	first := next(t, w1).Object.(*corev1.ConfigMap)
	first.Data["k"] = "mutated"
	second := next(t, w2).Object.(*corev1.ConfigMap)
	if second.Data["k"] != "v" || second.Kind != "" {
		t.Errorf("second watcher saw %v (kind %q)", second.Data, second.Kind)
	}
}

func TestCloseWatchesThenResume(t *testing.T) {
	ctx := context.Background()
	tr := newTracker(t)
	c := configMaps(tr, "ns")
	w, err := c.Watch(ctx, metav1.ListOptions{ResourceVersion: tr.ResourceVersion()})
	if err != nil {
		t.Fatal(err)
	}
	a := mustCreate(t, c, cm("ns", "a", nil))
	last := nextN(t, w, 1)[0].RV
	tr.CloseWatches()
	for range w.ResultChan() {
	}
	b := mustCreate(t, c, cm("ns", "b", nil)) // while no watch is open
	w, err = c.Watch(ctx, metav1.ListOptions{ResourceVersion: last})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	if got := nextN(t, w, 1)[0]; got != (event{watch.Added, "b", b.ResourceVersion}) || last != a.ResourceVersion {
		t.Errorf("resumed watch: %v, want ADDED b at %s", got, b.ResourceVersion)
	}
}

func TestWatchWithoutInitialEvents(t *testing.T) {
	tr := newTracker(t, cm("ns", "old", nil))
	c := configMaps(tr, "ns")
	no := false
	w, err := c.Watch(context.Background(), metav1.ListOptions{SendInitialEvents: &no,
		ResourceVersionMatch: metav1.ResourceVersionMatchNotOlderThan})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	mustCreate(t, c, cm("ns", "new", nil))
	if got := nextN(t, w, 1)[0]; got.Type != watch.Added || got.Name != "new" {
		t.Errorf("got %v, want only changes after the watch started", got)
	}
}

func TestWatchFromFutureResourceVersion(t *testing.T) {
	tr := newTracker(t)
	c := configMaps(tr, "ns")
	future := strconv.Itoa(mustAtoi(t, tr.ResourceVersion()) + 2)
	w, err := c.Watch(context.Background(), metav1.ListOptions{ResourceVersion: future})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	for _, name := range []string{"a", "b", "c"} {
		mustCreate(t, c, cm("ns", name, nil))
	}
	if got := nextN(t, w, 1)[0]; got.Name != "c" {
		t.Errorf("got %v, want only the change after resourceVersion %s", got, future)
	}
}
