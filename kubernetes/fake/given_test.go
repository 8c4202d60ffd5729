package fake_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubegen/kubegen/kubernetes"
	"github.com/kubegen/kubegen/kubernetes/fake"
	"github.com/kubegen/kubegen/kubernetes/informers"
)

// The objects a fake clientset starts with read back exactly as given, through the client and
// through informers, as with client-go's fakes: a controller test that puts the same fixtures in
// its informers' caches and its fake sees one object whichever fills the cache. Tracker().Add
// adds objects as the apiserver creates them.
func TestConstructorsKeepObjectsAsGiven(t *testing.T) {
	fixture := func() *appsv1.Deployment {
		return &appsv1.Deployment{
			TypeMeta:   metav1.TypeMeta{APIVersion: "apps/v1"},
			ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "default"},
			Spec:       appsv1.DeploymentSpec{Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "web"}}},
		}
	}
	for name, cs := range map[string]kubernetes.Interface{
		"NewClientset":       fake.NewClientset(fixture()),
		"NewSimpleClientset": fake.NewSimpleClientset(fixture()), //nolint:staticcheck // client-go's deprecated name, on purpose
	} {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			got, err := cs.AppsV1().Deployments("default").Get(ctx, "web", metav1.GetOptions{})
			if err != nil || !reflect.DeepEqual(got, fixture()) {
				t.Fatalf("get: %v\n got  %#v\n want the fixture %#v", err, got, fixture())
			}
			factory := informers.NewSharedInformerFactory(cs, 0)
			lister := factory.Apps().V1().Deployments().Lister()
			factory.Start(ctx.Done())
			defer factory.Shutdown()
			for typ, ok := range factory.WaitForCacheSync(ctx.Done()) {
				if !ok {
					t.Fatalf("%v did not sync", typ)
				}
			}
			cached, err := lister.Deployments("default").Get("web")
			if err != nil || !reflect.DeepEqual(cached, fixture()) {
				t.Fatalf("informer: %v\n got  %#v\n want the fixture %#v", err, cached, fixture())
			}
		})
	}

	cs := fake.NewClientset()
	if err := cs.Tracker().Add(fixture()); err != nil {
		t.Fatal(err)
	}
	created, err := cs.AppsV1().Deployments("default").Get(context.Background(), "web", metav1.GetOptions{})
	if err != nil || created.UID == "" || created.ResourceVersion == "" || created.APIVersion != "" {
		t.Errorf("Tracker().Add: %v %+v %+v, want the apiserver's answer (uid, resourceVersion, no TypeMeta)", err, created.TypeMeta, created.ObjectMeta)
	}
}
