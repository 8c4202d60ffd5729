// Package testing holds the shapes of client-go's k8s.io/client-go/testing that unit tests of
// controllers use with fake clientsets: the Action interfaces and their *ActionImpl values, the
// New*Action constructors that build expected actions, and Fake, the action log and reaction chains
// that every generated fake clientset embeds. A test written against client-go's fakes ports by
// changing its imports:
//
//	client := fake.NewSimpleClientset(objects...)
//	client.PrependReactor("update", "foos/status", func(a testing.Action) (bool, runtime.Object, error) {
//		return true, nil, apierrors.NewConflict(a.GetResource().GroupResource(), "x", errors.New("stale"))
//	})
//	...
//	for _, a := range client.Actions() {
//		if a.Matches("create", "deployments") { ... a.(testing.CreateAction).GetObject() ... }
//	}
//
// Every call through a fake typed client (client/fake) is recorded here, as the action client-go's
// fake would record (a CreateActionImpl for Create, an UpdateActionImpl with subresource "status"
// for UpdateStatus, ...), holding a deep copy of the object as the caller passed it. The reactors
// run in chain order; the object tracker of client/fake answers where the chain reaches its
// TrackerReactor (the last one a fake clientset installs, as client-go's NewSimpleClientset adds its
// tracker last) or ends without a reactor handling the call.
//
// Differences from client-go, each on purpose: list actions keep every list option as given
// (client-go's keep only the selectors); a selector that does not parse gives a restriction that
// matches nothing instead of a panic (the tracker then answers BadRequest, as the apiserver does);
// reactors run without the Fake's lock held, so a reactor may call Actions; InvokesProxy never
// returns nil (a proxy get no reactor answers fails when sent, where client-go's panics); a
// Resources list left nil lets the fake clientset's Discovery answer from its tracker.
//
// Layer: 3: it imports client/rest (for the ResponseWrapper of proxy reactors) and apimachinery.
// client/fake records into it.
package testing
