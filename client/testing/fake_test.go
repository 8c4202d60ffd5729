package testing_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/watch"

	core "github.com/kubegen/kubegen/client/testing"
)

// reactor returns a reaction that logs name and answers handled.
func reactor(log *[]string, name string, handled bool) core.ReactionFunc {
	return func(core.Action) (bool, runtime.Object, error) {
		*log = append(*log, name)
		if !handled {
			return false, nil, nil
		}
		return true, &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: name}}, nil
	}
}

func answeredBy(t *testing.T, ret runtime.Object) string {
	t.Helper()
	if ret == nil {
		return ""
	}
	return ret.(*corev1.Pod).Name
}

// Reactors run in chain order: PrependReactor's before AddReactor's, the latest prepended first;
// one answering handled=false passes the action on; Handles filters by verb and resource.
func TestReactorOrder(t *testing.T) {
	var f core.Fake
	var log []string
	f.AddReactor("get", "pods", reactor(&log, "added", true))
	f.AddReactor("get", "pods", reactor(&log, "added-later", true))
	f.PrependReactor("*", "pods", reactor(&log, "prepended-first", false))
	f.PrependReactor("get", "*", reactor(&log, "prepended-last", false))
	f.PrependReactor("delete", "pods", reactor(&log, "other-verb", true))
	f.PrependReactor("get", "nodes", reactor(&log, "other-resource", true))
	f.PrependReactor("get", "pods/status", reactor(&log, "other-subresource", true))

	ret, err := f.Invokes(core.NewGetAction(pods, "ns", "a"), nil)
	if err != nil || answeredBy(t, ret) != "added" {
		t.Fatalf("answered by %q (%v), want added", answeredBy(t, ret), err)
	}
	if want := []string{"prepended-last", "prepended-first", "added"}; !slices.Equal(log, want) {
		t.Errorf("reactors ran %v, want %v", log, want)
	}

	log = nil
	ret, _ = f.Invokes(core.NewGetSubresourceAction(pods, "ns", "status", "a"), nil)
	if answeredBy(t, ret) != "other-subresource" {
		t.Errorf("get pods/status answered by %q, want other-subresource", answeredBy(t, ret))
	}
	def := &corev1.Pod{}
	if ret, err := f.Invokes(core.NewListAction(nodes, podGVK, "", metav1.ListOptions{}), def); ret != def || err != nil {
		t.Errorf("unhandled action: got %v %v, want the default object", ret, err)
	}
}

// The tracker's place in the chain: React stops there (the tracker answers), so reactors added
// after it never run, as in client-go where the tracker is the last reactor; Invokes, for fakes
// without a tracker, passes over it.
func TestTrackerReactorStopsReact(t *testing.T) {
	f := core.Fake{ReactionChain: []core.Reactor{core.TrackerReactor{}}}
	var log []string
	f.AddReactor("*", "*", reactor(&log, "after-tracker", true))
	f.PrependReactor("*", "*", reactor(&log, "before-tracker", false))

	handled, _, _ := f.React(core.NewGetAction(pods, "ns", "a"))
	if handled || !slices.Equal(log, []string{"before-tracker"}) {
		t.Errorf("React: handled %v, reactors %v; want unhandled after before-tracker only", handled, log)
	}
	log = nil
	f.PrependReactor("get", "pods", reactor(&log, "injected", true))
	handled, ret, _ := f.React(core.NewGetAction(pods, "ns", "a"))
	if !handled || answeredBy(t, ret) != "injected" {
		t.Errorf("React with a prepended reactor: handled %v by %q", handled, answeredBy(t, ret))
	}
	log = nil
	ret, _ = f.Invokes(core.NewDeleteAction(pods, "ns", "a"), nil)
	if answeredBy(t, ret) != "after-tracker" {
		t.Errorf("Invokes answered by %q, want after-tracker (past the tracker's place)", answeredBy(t, ret))
	}
}

func TestWatchReactors(t *testing.T) {
	var f core.Fake
	if _, err := f.InvokesWatch(core.NewWatchAction(pods, "ns", metav1.ListOptions{})); err == nil || !strings.Contains(err.Error(), "pods") {
		t.Errorf("watch without reactors: %v, want an error naming the resource", err)
	}
	added, prepended := watch.NewFake(), watch.NewFake()
	f.AddWatchReactor("pods", func(core.Action) (bool, watch.Interface, error) { return true, added, nil })
	f.AddWatchReactor("*", func(core.Action) (bool, watch.Interface, error) { return true, nil, errors.New("any") })
	if w, err := f.InvokesWatch(core.NewWatchAction(pods, "ns", metav1.ListOptions{})); w != added || err != nil {
		t.Errorf("watch pods: %v %v, want the added reactor's", w, err)
	}
	if _, err := f.InvokesWatch(core.NewWatchAction(nodes, "", metav1.ListOptions{})); err == nil || err.Error() != "any" {
		t.Errorf("watch nodes: %v, want the catch-all reactor's error", err)
	}
	f.PrependWatchReactor("pods", func(core.Action) (bool, watch.Interface, error) { return true, prepended, nil })
	if w, _ := f.InvokesWatch(core.NewWatchAction(pods, "ns", metav1.ListOptions{})); w != prepended {
		t.Error("the prepended watch reactor did not run first")
	}

	tracked := core.Fake{WatchReactionChain: []core.WatchReactor{core.TrackerWatchReactor{}}}
	tracked.AddWatchReactor("*", func(core.Action) (bool, watch.Interface, error) { return true, added, nil })
	if handled, _, _ := tracked.ReactWatch(core.NewWatchAction(pods, "ns", metav1.ListOptions{})); handled {
		t.Error("ReactWatch ran a watch reactor after the tracker's place")
	}
	if n := len(f.Actions()) + len(tracked.Actions()); n != 5 {
		t.Errorf("%d watch actions recorded, want 5", n)
	}
}

// Actions holds deep copies of the actions as passed, in order, untouched by reactors or later
// changes of the caller's object; ClearActions empties it.
func TestActionsAreCopies(t *testing.T) {
	var f core.Fake
	f.PrependReactor("create", "pods", func(a core.Action) (bool, runtime.Object, error) {
		a.(core.CreateAction).GetObject().(*corev1.Pod).Name = "changed-by-reactor"
		if n := len(f.Actions()); n != 1 { // reactors may read the log: no lock is held
			t.Errorf("a reactor sees %d actions, want 1", n)
		}
		return false, nil, nil
	})
	p := pod("a")
	if _, err := f.Invokes(core.NewCreateAction(pods, "ns", p), nil); err != nil {
		t.Fatal(err)
	}
	p.Name = "changed-by-caller"
	f.Invokes(core.NewDeleteAction(pods, "ns", "a"), nil)

	got := f.Actions()
	if len(got) != 2 || !got[0].Matches("create", "pods") || !got[1].Matches("delete", "pods") {
		t.Fatalf("actions %v, want create then delete", got)
	}
	if name := got[0].(core.CreateActionImpl).GetObject().(*corev1.Pod).Name; name != "a" {
		t.Errorf("recorded object named %q, want a", name)
	}
	got[0] = nil
	if f.Actions()[0] == nil {
		t.Error("Actions returned the log itself")
	}
	f.ClearActions()
	if got := f.Actions(); got == nil || len(got) != 0 {
		t.Errorf("after ClearActions: %#v, want an empty list", got)
	}
}
