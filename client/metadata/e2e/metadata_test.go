//go:build e2e

package e2e_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"

	"github.com/kubegen/kubegen/client/metadata"
	"github.com/kubegen/kubegen/client/metadata/metadatainformer"
	"github.com/kubegen/kubegen/kubernetes"
	"github.com/kubegen/kubegen/test/cluster"
)

var testCluster *cluster.Cluster

func TestMain(m *testing.M) { os.Exit(cluster.Run(m, &testCluster)) }

var secretsGVR = corev1.SchemeGroupVersion.WithResource("secrets")

// contentTypes records the Content-Type of every response.
type contentTypes struct {
	mu  sync.Mutex
	got []string
	rt  http.RoundTripper
}

func (c *contentTypes) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := c.rt.RoundTrip(r)
	if err == nil {
		c.mu.Lock()
		c.got = append(c.got, r.Method+" "+resp.Header.Get("Content-Type"))
		c.mu.Unlock()
	}
	return resp, err
}

func (c *contentTypes) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.got
	c.got = nil
	return out
}

func setup(t *testing.T, ns string) (*metadata.Client, *kubernetes.Clientset, *contentTypes) {
	t.Helper()
	cs, err := kubernetes.NewForConfig(testCluster.AdminConfig())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cs.CoreV1().Namespaces().Create(context.Background(), &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	cfg := testCluster.AdminConfig()
	cfg.QPS = -1
	ct := &contentTypes{}
	cfg.WrapTransport = func(rt http.RoundTripper) http.RoundTripper { ct.rt = rt; return ct }
	client, err := metadata.NewForConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return client, cs, ct
}

func createSecret(t *testing.T, cs *kubernetes.Clientset, ns, name string, lbls map[string]string) {
	t.Helper()
	s := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: name, Labels: lbls}, Data: map[string][]byte{"key": []byte(strings.Repeat("x", 1024))}}
	if _, err := cs.CoreV1().Secrets(ns).Create(context.Background(), s, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
}

// protobuf is the answers' media type; that they decode as the metadata kinds (the client's
// scheme knows no others) shows the server converted them.
const protobuf = "application/vnd.kubernetes.protobuf"

// Every verb on the real apiserver answers metadata only, in protobuf.
func TestMetadataVerbs(t *testing.T) {
	ctx := context.Background()
	ns := "metadata-verbs"
	client, cs, ct := setup(t, ns)
	createSecret(t, cs, ns, "a", map[string]string{"team": "x"})
	createSecret(t, cs, ns, "b", map[string]string{"team": "y"})
	secrets := client.Resource(secretsGVR).Namespace(ns)

	got, err := secrets.Get(ctx, "a", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "a" || got.Labels["team"] != "x" || got.UID == "" {
		t.Fatalf("Get = %+v", got)
	}
	if cts := ct.take(); len(cts) != 1 || !strings.HasPrefix(cts[0], "GET "+protobuf) {
		t.Fatalf("Get answered %q, want protobuf PartialObjectMetadata", cts)
	}
	if _, err := secrets.Get(ctx, "missing", metav1.GetOptions{}); !apierrors.IsNotFound(err) {
		t.Fatalf("Get of a missing secret: %v", err)
	}

	list, err := secrets.List(ctx, metav1.ListOptions{LabelSelector: "team=y"})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Items) != 1 || list.Items[0].Name != "b" || list.ResourceVersion == "" {
		t.Fatalf("List = %+v", list)
	}
	ct.take()

	w, err := secrets.Watch(ctx, metav1.ListOptions{ResourceVersion: list.ResourceVersion})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	patched, err := secrets.Patch(ctx, "a", types.MergePatchType, []byte(`{"metadata":{"labels":{"patched":"yes"}}}`), metav1.PatchOptions{})
	if err != nil || patched.Labels["patched"] != "yes" {
		t.Fatalf("Patch = %+v, %v", patched, err)
	}
	ev := nextEvent(t, w)
	if obj, ok := ev.Object.(*metav1.PartialObjectMetadata); ev.Type != watch.Modified || !ok || obj.Labels["patched"] != "yes" {
		t.Fatalf("watch event %s %T, want MODIFIED PartialObjectMetadata with the patched label", ev.Type, ev.Object)
	}
	for _, c := range ct.take() {
		if _, mt, _ := strings.Cut(c, " "); !strings.HasPrefix(mt, protobuf) {
			t.Fatalf("answer %q is not protobuf", c)
		}
	}

	if err := secrets.Delete(ctx, "a", metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	if ev := nextEvent(t, w); ev.Type != watch.Deleted || ev.Object.(*metav1.PartialObjectMetadata).Name != "a" {
		t.Fatalf("after Delete: %s %v", ev.Type, ev.Object)
	}
	if err := secrets.DeleteCollection(ctx, metav1.DeleteOptions{}, metav1.ListOptions{LabelSelector: "team=y"}); err != nil {
		t.Fatal(err)
	}
	left, err := cs.CoreV1().Secrets(ns).List(ctx, metav1.ListOptions{})
	if err != nil || len(left.Items) != 0 {
		t.Fatalf("after DeleteCollection %d secrets left, %v", len(left.Items), err)
	}
}

func nextEvent(t *testing.T, w watch.Interface) watch.Event {
	t.Helper()
	select {
	case ev, ok := <-w.ResultChan():
		if !ok {
			t.Fatal("watch closed")
		}
		return ev
	case <-time.After(30 * time.Second):
		t.Fatal("no watch event")
	}
	return watch.Event{}
}

// The factory's informer caches metadata, follows changes and serves listers.
func TestMetadataInformer(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ns := "metadata-informer"
	client, cs, _ := setup(t, ns)
	for i := range 5 {
		createSecret(t, cs, ns, fmt.Sprintf("s%d", i), map[string]string{"parity": fmt.Sprint(i % 2)})
	}
	factory := metadatainformer.NewFilteredSharedInformerFactory(client, 0, ns, nil)
	defer factory.Shutdown()
	generic := factory.ForResource(secretsGVR)
	if factory.Informer(secretsGVR) != factory.Informer(secretsGVR) {
		t.Fatal("the factory made two informers of one resource")
	}
	factory.Start(ctx)
	if err := factory.WaitForCacheSync(ctx); err != nil {
		t.Fatal(err)
	}
	odd, err := factory.Lister(secretsGVR).Namespace(ns).List(labels.SelectorFromSet(labels.Set{"parity": "1"}))
	if err != nil || len(odd) != 2 {
		t.Fatalf("odd secrets: %d, %v", len(odd), err)
	}
	all, err := generic.Lister().ByNamespace(ns).List(labels.Everything())
	if err != nil || len(all) != 5 {
		t.Fatalf("all secrets: %d, %v", len(all), err)
	}
	if _, ok := all[0].(*metav1.PartialObjectMetadata); !ok {
		t.Fatalf("cached %T", all[0])
	}
	createSecret(t, cs, ns, "late", nil)
	if err := cs.CoreV1().Secrets(ns).Delete(ctx, "s0", metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		objs, _ := factory.Lister(secretsGVR).Namespace(ns).List(labels.Everything())
		var names []string
		for _, o := range objs {
			names = append(names, o.Name)
		}
		slices.Sort(names)
		if slices.Equal(names, []string{"late", "s1", "s2", "s3", "s4"}) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("cache holds %v", names)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if _, err := generic.Lister().ByNamespace(ns).Get("s0"); !apierrors.IsNotFound(err) || !strings.Contains(err.Error(), "secrets") {
		t.Fatalf("Get of a deleted secret: %v", err)
	}
}
