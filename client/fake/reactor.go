package fake

import (
	"encoding/json"

	"github.com/kubegen/kubegen/client/testing"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"
)

// Action is one call made through a fake Client, as recorded by the tracker and shown to reactors:
// the action client-go's fakes record (testing.CreateActionImpl for Create, ...), holding a deep copy
// of the object as the caller passed it.
type Action = testing.Action

// ReactionFunc handles an action instead of the tracker when it returns handled: its object (of the
// client's result type, or nil with an error) becomes the call's result.
type ReactionFunc = testing.ReactionFunc

// WatchReactionFunc handles a watch action instead of the tracker when it returns handled.
type WatchReactionFunc = testing.WatchReactionFunc

// newFake returns the Fake of a new tracker: no actions, and chains that hold only the tracker.
func newFake() *testing.Fake {
	f := &testing.Fake{}
	installTracker(f)
	return f
}

// installTracker appends the tracker's place to f's chains.
func installTracker(f *testing.Fake) {
	f.Lock()
	defer f.Unlock()
	f.ReactionChain = append(f.ReactionChain, testing.TrackerReactor{})
	f.WatchReactionChain = append(f.WatchReactionChain, testing.TrackerWatchReactor{})
}

// Fake returns the action log and reaction chains of the tracker: calls through fake Clients are
// recorded there, and its reactors run before the tracker answers.
func (t *Tracker) Fake() *testing.Fake {
	t.reactorMu.RLock()
	defer t.reactorMu.RUnlock()
	return t.fake
}

// UseFake makes f the tracker's action log and reaction chains, appending the tracker's place
// (testing.TrackerReactor) to its chains: a fake clientset passes the testing.Fake it embeds, so
// that the clientset's Actions and PrependReactor are the tracker's. Actions recorded before are
// left in the old Fake.
func (t *Tracker) UseFake(f *testing.Fake) {
	installTracker(f)
	t.reactorMu.Lock()
	defer t.reactorMu.Unlock()
	t.fake = f
}

// PrependReactor runs fn, before the reactors added earlier and before the tracker itself, on calls
// through fake Clients with the verb and resource ("*" matches any); it is Fake().PrependReactor.
// Use it to inject failures:
//
//	tracker.PrependReactor("update", "configmaps", func(testing.Action) (bool, runtime.Object, error) {
//		return true, nil, apierrors.NewServiceUnavailable("try later")
//	})
func (t *Tracker) PrependReactor(verb, resource string, fn ReactionFunc) {
	t.Fake().PrependReactor(verb, resource, fn)
}

// PrependWatchReactor runs fn before the tracker on watch calls for resource ("*" for any).
func (t *Tracker) PrependWatchReactor(resource string, fn WatchReactionFunc) {
	t.Fake().PrependWatchReactor(resource, fn)
}

// Actions returns the calls made through fake Clients so far, oldest first.
func (t *Tracker) Actions() []Action {
	return t.Fake().Actions()
}

// ClearActions forgets the recorded calls.
func (t *Tracker) ClearActions() {
	t.Fake().ClearActions()
}

// react records a and runs the reactors until one handles it or the chain reaches the tracker.
func (t *Tracker) react(a Action) (bool, runtime.Object, error) {
	return t.Fake().React(a)
}

// reactWatch records a and runs the watch reactors until one handles it or the chain reaches the
// tracker.
func (t *Tracker) reactWatch(a Action) (bool, watch.Interface, error) {
	return t.Fake().ReactWatch(a)
}

// actionImpl is what every action of the client has.
func (c *Client[T, L]) actionImpl(verb, subresource string) testing.ActionImpl {
	return testing.ActionImpl{Verb: verb, Resource: c.resource, Namespace: c.namespace, Subresource: subresource}
}

func (c *Client[T, L]) getAction(name, subresource string, opts metav1.GetOptions) Action {
	return testing.GetActionImpl{ActionImpl: c.actionImpl("get", subresource), Name: name, GetOptions: opts}
}

func (c *Client[T, L]) listAction(name, subresource string, opts metav1.ListOptions) Action {
	l, f, _ := testing.ExtractFromListOptions(opts)
	return testing.ListActionImpl{ActionImpl: c.actionImpl("list", subresource), Kind: c.kind, Name: name,
		ListRestrictions: testing.ListRestrictions{Labels: l, Fields: f}, ListOptions: opts}
}

func (c *Client[T, L]) createAction(name, subresource string, obj runtime.Object, opts metav1.CreateOptions) Action {
	return testing.CreateActionImpl{ActionImpl: c.actionImpl("create", subresource), Name: name, Object: obj, CreateOptions: opts}
}

func (c *Client[T, L]) updateAction(subresource string, obj runtime.Object, opts metav1.UpdateOptions) Action {
	return testing.UpdateActionImpl{ActionImpl: c.actionImpl("update", subresource), Object: obj, UpdateOptions: opts}
}

func (c *Client[T, L]) patchAction(name, subresource string, pt types.PatchType, data []byte, opts metav1.PatchOptions) Action {
	return testing.PatchActionImpl{ActionImpl: c.actionImpl("patch", subresource), Name: name, PatchType: pt, Patch: data, PatchOptions: opts}
}

// applyAction is the patch action of applying obj: its JSON is the patch, as client-go's fakes
// record the apply configuration's.
func (c *Client[T, L]) applyAction(name, subresource string, obj runtime.Object, opts metav1.ApplyOptions) (Action, error) {
	data, err := json.Marshal(obj)
	if err != nil {
		return nil, apierrors.NewBadRequest("fake: cannot encode the object to apply: " + err.Error())
	}
	return c.patchAction(name, subresource, types.ApplyPatchType, data, opts.ToPatchOptions()), nil
}
