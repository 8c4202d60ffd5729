//go:build e2e

package e2e_test

import (
	"context"
	"testing"

	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/client/typed/typedtest"
	"github.com/kubegen/kubegen/internal/codegen/smdschema/schematest"
)

// The server-side apply scenario (a second manager owning only spec.replicas, conflict and force,
// Extract round trips, containers merged by name, finalizers as a set, a manager's entry dropped when
// it applies nothing, status apply) gives the same transcript, managedFields included (times aside),
// on the real apiserver and on the fake with the schema derived from k8s.io/api.
func TestServerSideApplyMatchesFake(t *testing.T) {
	p, err := schematest.Parser("k8s.io/api/apps/v1")
	if err != nil {
		t.Fatal(err)
	}
	deployment := p.Type("io.k8s.api.apps.v1.Deployment")
	tr := newTracker(t)
	tr.SetSchema(p)
	ns := namespace(t)
	want, err := typedtest.ServerSideApply(context.Background(), fakeDeployments(tr, ns), deployment)
	if err != nil {
		t.Fatalf("fake: %v", err)
	}
	got, err := typedtest.ServerSideApply(context.Background(), deployments(t, ns, rest.ContentTypeJSON), deployment)
	if err != nil {
		t.Fatalf("real apiserver: %v\ntranscript so far:\n%v", err, got)
	}
	if diff := typedtest.Diff(got, want); diff != "" {
		t.Errorf("real apiserver (-) and fake (+) differ:\n%s", diff)
	}
}
