package typedtest_test

import (
	"context"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubegen/kubegen/client/fake"
	"github.com/kubegen/kubegen/client/typed/typedtest"
)

func newTracker(t *testing.T) *fake.Tracker {
	t.Helper()
	scheme := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{corev1.AddToScheme, appsv1.AddToScheme} {
		if err := add(scheme); err != nil {
			t.Fatal(err)
		}
	}
	tr, err := fake.NewTracker(scheme)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// FakeConfigMaps returns a fake ConfigMap client in namespace.
func fakeConfigMaps(tr *fake.Tracker, namespace string) typedtest.ConfigMapClient {
	return fake.NewClient(tr, corev1.SchemeGroupVersion.WithResource("configmaps"), corev1.SchemeGroupVersion.WithKind("ConfigMap"),
		namespace, func() *corev1.ConfigMap { return &corev1.ConfigMap{} }, func() *corev1.ConfigMapList { return &corev1.ConfigMapList{} })
}

func fakeDeployments(tr *fake.Tracker, namespace string) typedtest.DeploymentClient {
	return fake.NewClient(tr, appsv1.SchemeGroupVersion.WithResource("deployments"), appsv1.SchemeGroupVersion.WithKind("Deployment"),
		namespace, func() *appsv1.Deployment { return &appsv1.Deployment{} }, func() *appsv1.DeploymentList { return &appsv1.DeploymentList{} },
		fake.WithStatusSubresource())
}

func TestConfigMapsScenarioOnFake(t *testing.T) {
	got, err := typedtest.ConfigMaps(context.Background(), fakeConfigMaps(newTracker(t), "scenario"))
	if err != nil {
		t.Fatal(err)
	}
	compare(t, got, wantConfigMaps)
}

func TestDeploymentsScenarioOnFake(t *testing.T) {
	got, err := typedtest.Deployments(context.Background(), fakeDeployments(newTracker(t), "scenario"))
	if err != nil {
		t.Fatal(err)
	}
	compare(t, got, wantDeployments)
}

func compare(t *testing.T, got, want typedtest.Transcript) {
	t.Helper()
	if diff := typedtest.Diff(got, want); diff != "" {
		t.Errorf("transcript differs from the apiserver's expected behaviour (-got +want):\n%s", diff)
	}
}

// The transcripts a kube-apiserver produces, as the e2e test checks against a real one.
var wantConfigMaps = typedtest.Transcript{
	"create a: resourceVersion increased",
	"create b: resourceVersion increased",
	"create c: resourceVersion increased",
	"create d: resourceVersion increased",
	"generateName gen-: prefix kept true, suffix length 5, uid set true",
	"create a again: AlreadyExists",
	"get missing: NotFound",
	"create without a name: Invalid",
	"update a: resourceVersion increased",
	"update a from a stale resourceVersion: Conflict",
	"unconditional update a: resourceVersion increased",
	"no-op update keeps the resourceVersion: true",
	"update missing: NotFound",
	"list labels \"\" fields \"\": [a b c d]",
	"list labels \"app=web\" fields \"\": [a c]",
	"list labels \"app!=web\" fields \"\": [b d]",
	"list labels \"app in (db),app notin (web)\" fields \"\": [b d]",
	"list labels \"\" fields \"metadata.name=b\": [b]",
	"list labels \"app=db\" fields \"metadata.name!=b\": [d]",
	"list labels \"\" fields \"data.k=v\": BadRequest",
	"list labels \"app in ((\" fields \"\": BadRequest",
	"list by pages of 3: 2 pages, [a b c d]",
	"list at resourceVersion 0 with limit 1: [a b c d], continue false",
	"watch app=web from a's resourceVersion: [DELETED c ADDED b MODIFIED a]",
	"create e between pages: resourceVersion increased",
	"page at the first page's resourceVersion: true",
	"pages while writing: [a b c d]",
	"list at the first page's resourceVersion: [a b c d]",
	"list now: [a b c e]",
	"create d again: resourceVersion increased",
	"patch application/merge-patch+json {\"data\":{\"merge\":\"1\"}}: resourceVersion increased",
	"data after patch: map[k:v3 merge:1]",
	"patch application/json-patch+json [{\"op\":\"add\",\"path\":\"/data/json\",\"value\":\"2\"}]: resourceVersion increased",
	"data after patch: map[json:2 k:v3 merge:1]",
	"patch application/strategic-merge-patch+json {\"data\":{\"strategic\":\"3\"}}: resourceVersion increased",
	"data after patch: map[json:2 k:v3 merge:1 strategic:3]",
	"patch application/json-patch+json [{\"op\":\"test\",\"path\":\"/data/k\",\"value\":\"nope\"}]: Invalid",
	"patch application/merge-patch+json {\"metadata\":{\"resourceVersion\":\"1\"},\"data\":{\"stale\":\"4\"}}: Conflict",
	"patch missing: NotFound",
	"apply creates: resourceVersion increased",
	"apply updates: resourceVersion increased",
	"after apply: labels map[app:apply extra:yes] data map[k:v k2:v2]",
	"another manager applies a field it does not own: Conflict",
	"forced apply: resourceVersion increased",
	"after forced apply: data map[k:v k2:theirs] managers [other/Apply scenario/Apply]",
	"apply of fewer fields: resourceVersion increased",
	"after applying fewer fields: labels map[app:apply] data map[k:v k2:theirs]",
	"delete with a finalizer: ok",
	"after delete: deletionTimestamp set true, grace period 0",
	"delete again while terminating: ok",
	"get after the finalizer is removed: NotFound",
	"watch of final: [MODIFIED final DELETED final]",
	"delete collection app=db: ok",
	"left after delete collection: [a applied b e]",
	"delete missing: NotFound",
	"delete a: ok",
	"get a after delete: NotFound",
}

var wantDeployments = typedtest.Transcript{
	"create with a status: resourceVersion increased",
	"create with a status: spec.replicas 1 status.replicas 0 generation 1 labels map[]",
	"update spec and status: resourceVersion increased",
	"update spec and status: spec.replicas 2 status.replicas 0 generation 2 labels map[]",
	"update labels only: resourceVersion increased",
	"update labels only: spec.replicas 2 status.replicas 0 generation 2 labels map[team:a]",
	"update status with spec and label changes: resourceVersion increased",
	"update status with spec and label changes: spec.replicas 2 status.replicas 3 generation 2 labels map[team:a]",
	"update status from a stale resourceVersion: Conflict",
	"merge-patch status with a spec change: resourceVersion increased",
	"merge-patch status with a spec change: spec.replicas 2 status.replicas 4 generation 2 labels map[team:a]",
	"merge-patch object with a status change: resourceVersion increased",
	"merge-patch object with a status change: spec.replicas 7 status.replicas 4 generation 3 labels map[team:a]",
	"scale: spec.replicas 7 status.replicas 4 selector \"app=web\" same resourceVersion true",
	"scaled: spec.replicas 4",
	"update scale from a stale resourceVersion: Conflict",
	"after scaling: resourceVersion increased",
	"after scaling: spec.replicas 4 status.replicas 4 generation 4 labels map[team:a]",
	"apply creates: resourceVersion increased",
	"apply creates: spec.replicas 1 status.replicas 0 generation 1 labels map[]",
	"another manager applies the status of a whole object: ok",
	"after applying the status: resourceVersion increased",
	"after applying the status: spec.replicas 1 status.replicas 1 generation 1 labels map[]",
	"the owner applies the object with a status: ok",
	"after applying the object: resourceVersion increased",
	"after applying the object: spec.replicas 3 status.replicas 1 generation 2 labels map[]",
}

func fakeCustomResources(tr *fake.Tracker, kind string, withStatus bool) typedtest.UnstructuredClient {
	gv := schema.GroupVersion{Group: "stable.example.com", Version: "v1"}
	opts := []fake.Option{fake.AsCustomResource()}
	if withStatus {
		opts = append(opts, fake.WithStatusSubresource())
	}
	return fake.NewClient(tr, gv.WithResource(strings.ToLower(kind)+"s"), gv.WithKind(kind), "scenario",
		func() *unstructured.Unstructured { return &unstructured.Unstructured{} },
		func() *unstructured.UnstructuredList { return &unstructured.UnstructuredList{} }, opts...)
}

func TestCustomResourcesScenarioOnFake(t *testing.T) {
	for _, tt := range []struct {
		kind       string
		withStatus bool
		want       typedtest.Transcript
	}{{"CronTab", true, wantCronTabs}, {"Widget", false, wantWidgets}} {
		t.Run(tt.kind, func(t *testing.T) {
			cr := typedtest.CustomResource{APIVersion: "stable.example.com/v1", Kind: tt.kind, HasStatus: tt.withStatus}
			got, err := typedtest.CustomResources(context.Background(), fakeCustomResources(newTracker(t), tt.kind, tt.withStatus), cr)
			if err != nil {
				t.Fatal(err)
			}
			compare(t, got, tt.want)
		})
	}
}

// The transcripts of the custom resource scenario, as the e2e test checks against a real apiserver.
var wantCronTabs = typedtest.Transcript{
	"create with a status: resourceVersion increased",
	"create with a status: generation 1 spec map[cronSpec:* * * * */5 replicas:1] status <nil> (present false) labels map[app:x]",
	"create again: AlreadyExists",
	"update spec and status: resourceVersion increased",
	"update spec and status: generation 2 spec map[cronSpec:* * * * */5 replicas:2] status <nil> (present false) labels map[app:x]",
	"update from a stale resourceVersion: Conflict",
	"update status with a spec change: resourceVersion increased",
	"update status with a spec change: generation 2 spec map[cronSpec:* * * * */5 replicas:2] status map[replicas:4] (present true) labels map[app:x]",
	"patch application/strategic-merge-patch+json {\"spec\":{\"image\":\"strategic\"}}: UnsupportedMediaType",
	"patch application/merge-patch+json {\"spec\":{\"image\":\"merge\"}}: resourceVersion increased",
	"patch application/merge-patch+json {\"spec\":{\"image\":\"merge\"}}: generation 3 spec map[cronSpec:* * * * */5 image:merge replicas:2] status map[replicas:4] (present true) labels map[app:x]",
	"patch application/json-patch+json [{\"op\":\"replace\",\"path\":\"/spec/image\",\"value\":\"json\"}]: resourceVersion increased",
	"patch application/json-patch+json [{\"op\":\"replace\",\"path\":\"/spec/image\",\"value\":\"json\"}]: generation 4 spec map[cronSpec:* * * * */5 image:json replicas:2] status map[replicas:4] (present true) labels map[app:x]",
	"patch application/merge-patch+json {\"metadata\":{\"labels\":{\"patched\":\"yes\"}}}: resourceVersion increased",
	"patch application/merge-patch+json {\"metadata\":{\"labels\":{\"patched\":\"yes\"}}}: generation 4 spec map[cronSpec:* * * * */5 image:json replicas:2] status map[replicas:4] (present true) labels map[app:x patched:yes]",
	"apply creates: resourceVersion increased",
	"apply creates: generation 1 spec map[cronSpec:@daily] status <nil> (present false) labels map[app:x]",
	"apply updates: resourceVersion increased",
	"apply updates: generation 2 spec map[cronSpec:@daily image:applied] status <nil> (present false) labels map[app:y]",
	"list app=x: [one]",
	"list app in (x,y): [one two]",
	"list patched: [one]",
	"watch from the last write: [MODIFIED one DELETED two]",
	"delete one: ok",
	"get one after delete: NotFound",
}

var wantWidgets = typedtest.Transcript{
	"create with a status: resourceVersion increased",
	"create with a status: generation 1 spec map[cronSpec:* * * * */5 replicas:1] status map[replicas:9] (present true) labels map[app:x]",
	"create again: AlreadyExists",
	"update spec and status: resourceVersion increased",
	"update spec and status: generation 2 spec map[cronSpec:* * * * */5 replicas:2] status map[replicas:3] (present true) labels map[app:x]",
	"update from a stale resourceVersion: Conflict",
	"update status: NotFound",
	"patch application/strategic-merge-patch+json {\"spec\":{\"image\":\"strategic\"}}: UnsupportedMediaType",
	"patch application/merge-patch+json {\"spec\":{\"image\":\"merge\"}}: resourceVersion increased",
	"patch application/merge-patch+json {\"spec\":{\"image\":\"merge\"}}: generation 3 spec map[cronSpec:* * * * */5 image:merge replicas:2] status map[replicas:3] (present true) labels map[app:x]",
	"patch application/json-patch+json [{\"op\":\"replace\",\"path\":\"/spec/image\",\"value\":\"json\"}]: resourceVersion increased",
	"patch application/json-patch+json [{\"op\":\"replace\",\"path\":\"/spec/image\",\"value\":\"json\"}]: generation 4 spec map[cronSpec:* * * * */5 image:json replicas:2] status map[replicas:3] (present true) labels map[app:x]",
	"patch application/merge-patch+json {\"metadata\":{\"labels\":{\"patched\":\"yes\"}}}: resourceVersion increased",
	"patch application/merge-patch+json {\"metadata\":{\"labels\":{\"patched\":\"yes\"}}}: generation 4 spec map[cronSpec:* * * * */5 image:json replicas:2] status map[replicas:3] (present true) labels map[app:x patched:yes]",
	"apply creates: resourceVersion increased",
	"apply creates: generation 1 spec map[cronSpec:@daily] status <nil> (present false) labels map[app:x]",
	"apply updates: resourceVersion increased",
	"apply updates: generation 2 spec map[cronSpec:@daily image:applied] status <nil> (present false) labels map[app:y]",
	"list app=x: [one]",
	"list app in (x,y): [one two]",
	"list patched: [one]",
	"watch from the last write: [MODIFIED one DELETED two]",
	"delete one: ok",
	"get one after delete: NotFound",
}
