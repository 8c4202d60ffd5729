package testing

import (
	"fmt"
	"sync"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/watch"
)

// Fake records the actions of fake clients and runs its reaction chains on them. Fake clientsets
// embed it, so that client.Actions() and client.PrependReactor(...) work on the clientset. The zero
// value is ready to use: with no reactors, Invokes returns its default and React reports the action
// unhandled.
type Fake struct {
	sync.RWMutex
	actions []Action

	// ReactionChain is the reactors of every call but watches, tried in order until one handles
	// the call.
	ReactionChain []Reactor
	// WatchReactionChain is the reactors of watches, tried in order until one handles the call.
	WatchReactionChain []WatchReactor
	// ProxyReactionChain is the reactors of gets through the apiserver's proxy (ProxyGet of pods,
	// services and nodes), tried in order until one handles the call.
	ProxyReactionChain []ProxyReactor

	// Resources is what the fake clientset's discovery serves, as client-go's fake discovery does:
	// set it to declare the group/versions and resources a test's server has. Left nil, a fake
	// clientset's discovery serves the resources its tracker knows instead.
	Resources []*metav1.APIResourceList
}

// Reactor handles some actions instead of the object tracker.
type Reactor interface {
	// Handles reports whether the reactor is to be tried on action.
	Handles(action Action) bool
	// React handles action, or returns handled=false to pass it on down the chain.
	React(action Action) (handled bool, ret runtime.Object, err error)
}

// WatchReactor handles some watch actions instead of the object tracker.
type WatchReactor interface {
	// Handles reports whether the reactor is to be tried on action.
	Handles(action Action) bool
	// React handles action, or returns handled=false to pass it on down the chain.
	React(action Action) (handled bool, ret watch.Interface, err error)
}

// ReactionFunc handles an action: when it returns handled, ret (of the call's result type, or nil
// with an error) and err are the call's result.
type ReactionFunc func(action Action) (handled bool, ret runtime.Object, err error)

// WatchReactionFunc handles a watch action: when it returns handled, ret and err are the call's result.
type WatchReactionFunc func(action Action) (handled bool, ret watch.Interface, err error)

// SimpleReactor is a Reactor for the actions with a verb and resource: "*" matches any; Resource
// "pods/status" matches that subresource only, "pods" the resource and all its subresources.
type SimpleReactor struct {
	Verb     string
	Resource string

	Reaction ReactionFunc
}

// Handles reports whether action has the reactor's verb and resource.
func (r *SimpleReactor) Handles(action Action) bool {
	return (r.Verb == "*" || r.Verb == action.GetVerb()) && resourceCovers(r.Resource, action)
}

// React runs the reactor's Reaction.
func (r *SimpleReactor) React(action Action) (bool, runtime.Object, error) {
	return r.Reaction(action)
}

// SimpleWatchReactor is a WatchReactor for the watches of a resource ("*" for any).
type SimpleWatchReactor struct {
	Resource string

	Reaction WatchReactionFunc
}

// Handles reports whether action has the reactor's resource.
func (r *SimpleWatchReactor) Handles(action Action) bool {
	return resourceCovers(r.Resource, action)
}

// React runs the reactor's Reaction.
func (r *SimpleWatchReactor) React(action Action) (bool, watch.Interface, error) {
	return r.Reaction(action)
}

func resourceCovers(resource string, action Action) bool {
	if resource == "*" || resource == action.GetResource().Resource {
		return true
	}
	return resource == action.GetResource().Resource+"/"+action.GetSubresource()
}

// TrackerReactor stands for the object tracker in a ReactionChain: a fake clientset appends it
// last, as client-go's NewSimpleClientset appends its tracker's reactor, so reactors prepended run
// before the tracker and reactors added later run only on calls the tracker never sees. React stops
// at it, reporting the action unhandled so that the tracker answers; Invokes, for fakes without a
// tracker, passes over it.
type TrackerReactor struct{}

// Handles reports true: the tracker answers every action.
func (TrackerReactor) Handles(Action) bool { return true }

// React reports the action unhandled.
func (TrackerReactor) React(Action) (bool, runtime.Object, error) { return false, nil, nil }

// TrackerWatchReactor stands for the object tracker in a WatchReactionChain, as TrackerReactor does
// in a ReactionChain.
type TrackerWatchReactor struct{}

// Handles reports true: the tracker answers every watch.
func (TrackerWatchReactor) Handles(Action) bool { return true }

// React reports the action unhandled.
func (TrackerWatchReactor) React(Action) (bool, watch.Interface, error) { return false, nil, nil }

// AddReactor appends a reactor for the verb and resource ("*" for any) to the chain. On a fake
// clientset it runs after the tracker, so only on calls no reactor before it handled and the
// tracker did not see: use PrependReactor to change what the tracker answers.
func (f *Fake) AddReactor(verb, resource string, reaction ReactionFunc) {
	addToChain(f, &f.ReactionChain, Reactor(&SimpleReactor{Verb: verb, Resource: resource, Reaction: reaction}), false)
}

// PrependReactor puts a reactor for the verb and resource ("*" for any) first in the chain, before
// the reactors added earlier and before the tracker:
//
//	client.PrependReactor("update", "configmaps", func(testing.Action) (bool, runtime.Object, error) {
//		return true, nil, apierrors.NewServiceUnavailable("try later")
//	})
func (f *Fake) PrependReactor(verb, resource string, reaction ReactionFunc) {
	addToChain(f, &f.ReactionChain, Reactor(&SimpleReactor{Verb: verb, Resource: resource, Reaction: reaction}), true)
}

// AddWatchReactor appends a watch reactor for resource ("*" for any); on a fake clientset, after
// the tracker, as AddReactor.
func (f *Fake) AddWatchReactor(resource string, reaction WatchReactionFunc) {
	addToChain(f, &f.WatchReactionChain, WatchReactor(&SimpleWatchReactor{Resource: resource, Reaction: reaction}), false)
}

// PrependWatchReactor puts a watch reactor for resource ("*" for any) first in the chain.
func (f *Fake) PrependWatchReactor(resource string, reaction WatchReactionFunc) {
	addToChain(f, &f.WatchReactionChain, WatchReactor(&SimpleWatchReactor{Resource: resource, Reaction: reaction}), true)
}

// addToChain puts r first in or last in chain, a chain of f, under f's lock.
func addToChain[R any](f *Fake, chain *[]R, r R, first bool) {
	f.Lock()
	defer f.Unlock()
	if first {
		*chain = append([]R{r}, *chain...)
	} else {
		*chain = append(*chain, r)
	}
}

// React records a deep copy of action and tries the reactors of the ReactionChain on another copy,
// in order, until one handles it or the chain reaches a TrackerReactor. handled=false means the
// object tracker is to answer. Fake clients call it; tests call Invokes or nothing.
func (f *Fake) React(action Action) (handled bool, ret runtime.Object, err error) {
	return f.react(action, true)
}

// ReactWatch is React for watches, over the WatchReactionChain up to a TrackerWatchReactor.
func (f *Fake) ReactWatch(action Action) (handled bool, ret watch.Interface, err error) {
	return f.reactWatch(action, true)
}

// Invokes records action and returns the answer of the first reactor that handles it, or
// defaultReturnObj and no error when none does: for hand-written fake clients without a tracker.
func (f *Fake) Invokes(action Action, defaultReturnObj runtime.Object) (runtime.Object, error) {
	if handled, ret, err := f.react(action, false); handled {
		return ret, err
	}
	return defaultReturnObj, nil
}

// InvokesWatch records a watch action and returns the answer of the first watch reactor that
// handles it, or an error when none does.
func (f *Fake) InvokesWatch(action Action) (watch.Interface, error) {
	handled, w, err := f.reactWatch(action, false)
	if !handled {
		return nil, fmt.Errorf("testing: no watch reactor handled the watch of %s in namespace %q", action.GetResource(), action.GetNamespace())
	}
	return w, err
}

func (f *Fake) react(action Action, stopAtTracker bool) (bool, runtime.Object, error) {
	return runChain(f, action, func() []Reactor { return f.ReactionChain }, stopAtTracker)
}

func (f *Fake) reactWatch(action Action, stopAtTracker bool) (bool, watch.Interface, error) {
	return runChain(f, action, func() []WatchReactor { return f.WatchReactionChain }, stopAtTracker)
}

// chainReactor is a Reactor or a WatchReactor.
type chainReactor[T any] interface {
	Handles(action Action) bool
	React(action Action) (bool, T, error)
}

// runChain records a deep copy of action and tries the reactors of chain (read under the lock) on
// another copy, in order, until one handles it or, with stopAtTracker, the chain reaches the
// tracker's place.
func runChain[T any, R chainReactor[T]](f *Fake, action Action, chain func() []R, stopAtTracker bool) (bool, T, error) {
	f.Lock()
	f.actions = append(f.actions, action.DeepCopy())
	reactors := chain()
	f.Unlock()
	actionCopy := action.DeepCopy()
	var none T
	for _, r := range reactors {
		if stopAtTracker && isTrackerPlace(r) {
			return false, none, nil
		}
		if !r.Handles(actionCopy) {
			continue
		}
		if handled, ret, err := r.React(actionCopy); handled {
			return true, ret, err
		}
	}
	return false, none, nil
}

func isTrackerPlace(r any) bool {
	switch r.(type) {
	case TrackerReactor, TrackerWatchReactor:
		return true
	}
	return false
}

// Actions returns the recorded actions, oldest first.
func (f *Fake) Actions() []Action {
	f.RLock()
	defer f.RUnlock()
	return append(make([]Action, 0, len(f.actions)), f.actions...)
}

// ClearActions forgets the recorded actions.
func (f *Fake) ClearActions() {
	f.Lock()
	defer f.Unlock()
	f.actions = nil
}
