package typedtest_test

import (
	"context"
	"testing"

	"github.com/kubegen/kubegen/client/typed/typedtest"
	"github.com/kubegen/kubegen/internal/codegen/smdschema/schematest"
)

// The server-side apply scenario on the fake, with the schema derived from k8s.io/api/apps/v1. The
// e2e test (client/typed/e2e) checks the fake's transcript against a real apiserver's, line by line.
func TestServerSideApplyScenarioOnFake(t *testing.T) {
	p, err := schematest.Parser("k8s.io/api/apps/v1")
	if err != nil {
		t.Fatal(err)
	}
	tr := newTracker(t)
	tr.SetSchema(p)
	got, err := typedtest.ServerSideApply(context.Background(), fakeDeployments(tr, "scenario"), p.Type("io.k8s.api.apps.v1.Deployment"))
	if err != nil {
		t.Fatalf("%v\ntranscript so far:\n%s", err, joinLines(got))
	}
	for _, l := range got {
		t.Log(l)
	}
}

func joinLines(tr typedtest.Transcript) string {
	out := ""
	for _, l := range tr {
		out += l + "\n"
	}
	return out
}
