package fake_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubegen/kubegen/client/fake"
)

func TestCreateSetsServerFields(t *testing.T) {
	tr := newTracker(t)
	c := configMaps(tr, "ns")
	obj := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{GenerateName: "cfg-"}}
	got, err := c.Create(context.Background(), obj, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got.Name, "cfg-") || len(got.Name) != len("cfg-")+5 {
		t.Errorf("name %q: want cfg- and a 5-character suffix", got.Name)
	}
	if got.Namespace != "ns" || got.UID == "" || got.CreationTimestamp.IsZero() || got.ResourceVersion == "" {
		t.Errorf("server fields not set: %+v", got.ObjectMeta)
	}
	if got.Kind != "" || got.APIVersion != "" {
		t.Errorf("TypeMeta %+v: want it empty, as the typed client decodes", got.TypeMeta)
	}
	if obj.Name != "" || obj.ResourceVersion != "" {
		t.Errorf("Create modified its argument: %+v", obj.ObjectMeta)
	}
	got.Data = map[string]string{"mutated": "yes"}
	again, err := c.Get(context.Background(), got.Name, metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if again.Data["mutated"] != "" {
		t.Error("mutating a returned object changed the stored one")
	}
}

func TestGenerateNameTruncatesLongBases(t *testing.T) {
	c := configMaps(newTracker(t), "ns")
	got, err := c.Create(context.Background(), &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{GenerateName: strings.Repeat("a", 80)}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Name) != 63 {
		t.Errorf("len(name) = %d, want 63", len(got.Name))
	}
}

func TestCreateErrors(t *testing.T) {
	tests := []struct {
		name      string
		clientNS  string
		obj       *corev1.ConfigMap
		wantError func(error) bool
	}{
		{"exists", "ns", cm("ns", "taken", nil), apierrors.IsAlreadyExists},
		{"no name", "ns", &corev1.ConfigMap{}, apierrors.IsInvalid},
		{"namespace mismatch", "ns", cm("other", "x", nil), apierrors.IsBadRequest},
		{"no namespace", "", cm("", "x", nil), apierrors.IsBadRequest},
		{"resourceVersion set", "ns", &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "x", ResourceVersion: "5"}}, apierrors.IsInternalError},
		{"nil", "ns", nil, apierrors.IsBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := newTracker(t, cm("ns", "taken", nil))
			_, err := configMaps(tr, tt.clientNS).Create(context.Background(), tt.obj, metav1.CreateOptions{})
			if !tt.wantError(err) {
				t.Fatalf("got error %v", err)
			}
		})
	}
}

func TestAlreadyExistsNamesGroupResource(t *testing.T) {
	tr := newTracker(t)
	c := deployments(tr, "ns")
	mustCreateDeployment(t, c, deployment("web", 1))
	_, err := c.Create(context.Background(), deployment("web", 1), metav1.CreateOptions{})
	status, ok := err.(apierrors.APIStatus)
	if !ok || !apierrors.IsAlreadyExists(err) {
		t.Fatalf("got %v", err)
	}
	d := status.Status().Details
	if d == nil || d.Group != "apps" || d.Kind != "deployments" || d.Name != "web" {
		t.Errorf("details %+v: want apps deployments web", d)
	}
}

func TestResourceVersionsIncreaseAcrossResources(t *testing.T) {
	tr := newTracker(t)
	cms, deps := configMaps(tr, "ns"), deployments(tr, "ns")
	var last uint64
	check := func(rv string) {
		t.Helper()
		n, err := strconv.ParseUint(rv, 10, 64)
		if err != nil || n <= last {
			t.Fatalf("resourceVersion %q after %d: want a larger number", rv, last)
		}
		last = n
	}
	for i := range 3 {
		check(mustCreate(t, cms, cm("ns", "c"+strconv.Itoa(i), nil)).ResourceVersion)
		check(mustCreateDeployment(t, deps, deployment("d"+strconv.Itoa(i), 1)).ResourceVersion)
	}
	list, err := cms.List(context.Background(), metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if list.ResourceVersion != strconv.FormatUint(last, 10) || tr.ResourceVersion() != list.ResourceVersion {
		t.Errorf("list resourceVersion %s, tracker %s: want the latest write %d", list.ResourceVersion, tr.ResourceVersion(), last)
	}
}

func TestClusterScoped(t *testing.T) {
	tr := newTracker(t)
	nodes := fake.NewClient(tr, nodeGVR, nodeGVK, "",
		func() *corev1.Node { return &corev1.Node{} }, func() *corev1.NodeList { return &corev1.NodeList{} },
		fake.ClusterScoped(), fake.WithStatusSubresource())
	got, err := nodes.Create(context.Background(), &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "n1", Namespace: "ignored"}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Namespace != "" {
		t.Errorf("namespace %q: want none for a cluster-scoped object", got.Namespace)
	}
	if _, err := nodes.List(context.Background(), metav1.ListOptions{FieldSelector: "metadata.namespace=x"}); !apierrors.IsBadRequest(err) {
		t.Errorf("metadata.namespace selector on a cluster-scoped resource: got %v, want BadRequest", err)
	}
}

// Generation follows the apiserver's per-kind behaviour for built-in resources.
func TestGenerationOfBuiltinKinds(t *testing.T) {
	tr := newTracker(t)
	tr.Register(fake.Resource{Resource: corev1.SchemeGroupVersion.WithResource("services"), Kind: corev1.SchemeGroupVersion.WithKind("Service"), HasStatus: true})
	tr.Register(fake.Resource{Resource: corev1.SchemeGroupVersion.WithResource("pods"), Kind: corev1.SchemeGroupVersion.WithKind("Pod"), HasStatus: true})
	svc, err := tr.Create(corev1.SchemeGroupVersion.WithResource("services"), "ns", &corev1.Service{ObjectMeta: metav1.ObjectMeta{Name: "s"}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := tr.Create(corev1.SchemeGroupVersion.WithResource("pods"), "ns", &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "p"}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if g := svc.(*corev1.Service).Generation; g != 0 {
		t.Errorf("service generation %d, want 0", g)
	}
	if g := p.(*corev1.Pod).Generation; g != 1 {
		t.Errorf("pod generation %d, want 1", g)
	}
}
