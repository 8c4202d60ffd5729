package fake

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"
)

// Action is one call made through a fake Client, as recorded by the tracker and shown to reactors.
type Action struct {
	// Verb is get, list, watch, create, update, patch (apply is a patch with PatchType
	// application/apply-patch+yaml), delete or deletecollection.
	Verb        string
	Resource    schema.GroupVersionResource
	Subresource string
	Namespace   string
	Name        string
	// Object is the request body of create, update and apply calls.
	Object runtime.Object
	// PatchType and Patch are the patch of patch and apply calls.
	PatchType types.PatchType
	Patch     []byte
	// ListOptions are the options of list, watch and deletecollection calls.
	ListOptions metav1.ListOptions
}

// Matches reports whether the action has the verb and resource: "*" matches any; resource may name a
// subresource as "pods/status".
func (a Action) Matches(verb, resource string) bool {
	if verb != "*" && verb != a.Verb {
		return false
	}
	if resource == "*" {
		return true
	}
	if a.Subresource != "" {
		return resource == a.Resource.Resource+"/"+a.Subresource
	}
	return resource == a.Resource.Resource
}

// ReactionFunc handles an action instead of the tracker when it returns handled: its object (of the
// client's result type, or nil with an error) becomes the call's result.
type ReactionFunc func(action Action) (handled bool, ret runtime.Object, err error)

// WatchReactionFunc handles a watch action instead of the tracker when it returns handled.
type WatchReactionFunc func(action Action) (handled bool, w watch.Interface, err error)

type reactor struct {
	verb, resource string
	fn             ReactionFunc
}

type watchReactor struct {
	resource string
	fn       WatchReactionFunc
}

// PrependReactor runs fn, before the reactors added earlier and before the tracker itself, on calls
// through fake Clients with the verb and resource ("*" matches any). Use it to inject failures:
//
//	tracker.PrependReactor("update", "configmaps", func(fake.Action) (bool, runtime.Object, error) {
//		return true, nil, apierrors.NewServiceUnavailable("try later")
//	})
func (t *Tracker) PrependReactor(verb, resource string, fn ReactionFunc) {
	t.reactorMu.Lock()
	defer t.reactorMu.Unlock()
	t.reactors = append([]reactor{{verb: verb, resource: resource, fn: fn}}, t.reactors...)
}

// PrependWatchReactor runs fn before the tracker on watch calls for resource ("*" for any).
func (t *Tracker) PrependWatchReactor(resource string, fn WatchReactionFunc) {
	t.reactorMu.Lock()
	defer t.reactorMu.Unlock()
	t.watchReactors = append([]watchReactor{{resource: resource, fn: fn}}, t.watchReactors...)
}

// Actions returns the calls made through fake Clients so far, oldest first.
func (t *Tracker) Actions() []Action {
	t.reactorMu.RLock()
	defer t.reactorMu.RUnlock()
	return append([]Action(nil), t.actions...)
}

// ClearActions forgets the recorded calls.
func (t *Tracker) ClearActions() {
	t.reactorMu.Lock()
	defer t.reactorMu.Unlock()
	t.actions = nil
}

// react records a and runs the matching reactors until one handles it.
func (t *Tracker) react(a Action) (bool, runtime.Object, error) {
	if a.Object != nil {
		a.Object = a.Object.DeepCopyObject()
	}
	t.reactorMu.Lock()
	t.actions = append(t.actions, a)
	reactors := t.reactors
	t.reactorMu.Unlock()
	for _, r := range reactors {
		if a.Matches(r.verb, r.resource) {
			if handled, ret, err := r.fn(a); handled {
				return true, ret, err
			}
		}
	}
	return false, nil, nil
}

// reactWatch records a and runs the matching watch reactors until one handles it.
func (t *Tracker) reactWatch(a Action) (bool, watch.Interface, error) {
	t.reactorMu.Lock()
	t.actions = append(t.actions, a)
	reactors := t.watchReactors
	t.reactorMu.Unlock()
	for _, r := range reactors {
		if a.Matches("watch", r.resource) {
			if handled, w, err := r.fn(a); handled {
				return true, w, err
			}
		}
	}
	return false, nil, nil
}
