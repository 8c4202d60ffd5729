//go:build e2e

package e2e_test

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	"k8s.io/apimachinery/pkg/watch"

	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/test/cluster"
)

var testCluster *cluster.Cluster

func TestMain(m *testing.M) { os.Exit(cluster.Run(m, &testCluster)) }

var codecs = func() serializer.CodecFactory {
	s := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{corev1.AddToScheme, appsv1.AddToScheme} {
		if err := add(s); err != nil {
			panic(err)
		}
	}
	metav1.AddToGroupVersion(s, schema.GroupVersion{Version: "v1"})
	return serializer.NewCodecFactory(s)
}()

// serializerOnly is a NegotiatedSerializer whose decoders the REST client cannot recognise, so that
// it decodes everything with them: the reference the direct path is compared with.
type serializerOnly struct{ runtime.NegotiatedSerializer }

func (s serializerOnly) DecoderToVersion(d runtime.Decoder, gv runtime.GroupVersioner) runtime.Decoder {
	return opaqueDecoder{s.NegotiatedSerializer.DecoderToVersion(d, gv)}
}

type opaqueDecoder struct{ runtime.Decoder }

func client(t *testing.T, gv schema.GroupVersion, ns runtime.NegotiatedSerializer) *rest.RESTClient {
	t.Helper()
	cfg := testCluster.AdminConfig()
	cfg.APIPath = "/apis"
	if gv.Group == "" {
		cfg.APIPath = "/api"
	}
	cfg.GroupVersion = &gv
	cfg.NegotiatedSerializer = ns
	cfg.ContentType = rest.ContentTypeJSON
	c, err := rest.RESTClientFor(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// objects are created from raw JSON, with content that exercises decoding: escapes, non-ASCII text,
// binary data, quantities, int-or-string ports, booleans, nested lists.
var objects = []struct {
	gv       schema.GroupVersion
	resource string
	body     string
}{
	{corev1.SchemeGroupVersion, "configmaps", `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"odd",
		"labels":{"app":"web"},"annotations":{"json":"{\"a\":[1,2.5,\"x\\\"y\"]}","text":"caf\u00e9 \ud83d\ude00 \t\n"}},
		"data":{"k":"v","empty":"","quote":"\"","slash":"a\/b"},"binaryData":{"bin":"AAEC/w=="},"immutable":false}`},
	{corev1.SchemeGroupVersion, "secrets", `{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},
		"type":"Opaque","data":{"token":"c2VjcmV0"},"stringData":{"plain":"text"}}`},
	{corev1.SchemeGroupVersion, "services", `{"apiVersion":"v1","kind":"Service","metadata":{"name":"svc"},
		"spec":{"selector":{"app":"web"},"ports":[{"name":"http","port":80,"targetPort":"http"},
		{"name":"metrics","port":9090,"targetPort":9091,"protocol":"UDP"}]}}`},
	{corev1.SchemeGroupVersion, "pods", `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},
		"spec":{"containers":[{"name":"c","image":"nginx:1.27","args":["-g","daemon off;"],
		"resources":{"limits":{"cpu":"500m","memory":"1Gi"},"requests":{"cpu":"0.1"}},
		"ports":[{"containerPort":8080,"name":"http"}],"securityContext":{"runAsNonRoot":true,"runAsUser":1000}}],
		"terminationGracePeriodSeconds":5,"tolerations":[{"key":"k","operator":"Exists","effect":"NoSchedule"}]}}`},
	{appsv1.SchemeGroupVersion, "deployments", `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},
		"spec":{"replicas":2,"selector":{"matchLabels":{"app":"d"}},"strategy":{"type":"RollingUpdate",
		"rollingUpdate":{"maxSurge":"25%","maxUnavailable":1}},"template":{"metadata":{"labels":{"app":"d"}},
		"spec":{"containers":[{"name":"c","image":"nginx"}]}}}}`},
}

var listTypes = map[string]func() runtime.Object{
	"configmaps":  func() runtime.Object { return &corev1.ConfigMapList{} },
	"secrets":     func() runtime.Object { return &corev1.SecretList{} },
	"services":    func() runtime.Object { return &corev1.ServiceList{} },
	"pods":        func() runtime.Object { return &corev1.PodList{} },
	"deployments": func() runtime.Object { return &appsv1.DeploymentList{} },
}

func createNamespace(t *testing.T) string {
	t.Helper()
	ns := fmt.Sprintf("rest-e2e-%d", time.Now().UnixNano())
	core := client(t, corev1.SchemeGroupVersion, codecs.WithoutConversion())
	body := []byte(`{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"` + ns + `"}}`)
	if err := core.Post().Resource("namespaces").Body(body).Do(context.Background()).Error(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = core.Delete().Resource("namespaces").Name(ns).Do(context.Background()).Error() })
	return ns
}

func TestDirectJSONDecodingMatchesSerializerOnRealObjects(t *testing.T) {
	ctx := context.Background()
	ns := createNamespace(t)
	for _, o := range objects {
		direct := client(t, o.gv, codecs.WithoutConversion())
		if err := direct.Post().Namespace(ns).Resource(o.resource).Body([]byte(o.body)).Do(ctx).Error(); err != nil {
			t.Fatalf("create %s: %v", o.resource, err)
		}
	}
	for _, o := range objects {
		t.Run(o.resource, func(t *testing.T) {
			direct := client(t, o.gv, codecs.WithoutConversion())
			reference := client(t, o.gv, serializerOnly{codecs.WithoutConversion()})
			compareList(t, direct, reference, ns, o.resource)
			compareGet(t, direct, reference, ns, o.resource)
		})
	}
}

// compareList lists resource with both clients. The list's resourceVersion is the store's latest,
// which the apiserver's own writes move on, so the lists are fetched again until both name the same.
func compareList(t *testing.T, direct, reference *rest.RESTClient, ns, resource string) {
	t.Helper()
	var got, want runtime.Object
	for range 10 {
		want, got = listTypes[resource](), listTypes[resource]()
		if err := reference.Get().Namespace(ns).Resource(resource).Do(context.Background()).Into(want); err != nil {
			t.Fatal(err)
		}
		if err := direct.Get().Namespace(ns).Resource(resource).Do(context.Background()).Into(got); err != nil {
			t.Fatal(err)
		}
		if resourceVersion(t, got) == resourceVersion(t, want) {
			break
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("list of %s decodes differently:\ndirect     %#v\nserializer %#v", resource, got, want)
	}
	if items, err := meta.ExtractList(got); err != nil || len(items) != 1 {
		t.Errorf("list of %s: %d items (%v), want 1", resource, len(items), err)
	}
}

func resourceVersion(t *testing.T, list runtime.Object) string {
	t.Helper()
	m, err := meta.ListAccessor(list)
	if err != nil {
		t.Fatal(err)
	}
	return m.GetResourceVersion()
}

// compareGet gets the one object of resource with both clients, into a new object and by kind.
func compareGet(t *testing.T, direct, reference *rest.RESTClient, ns, resource string) {
	t.Helper()
	name := map[string]string{"configmaps": "odd", "secrets": "s", "services": "svc", "pods": "p", "deployments": "d"}[resource]
	want, err := reference.Get().Namespace(ns).Resource(resource).Name(name).Do(context.Background()).Get()
	if err != nil {
		t.Fatal(err)
	}
	got, err := direct.Get().Namespace(ns).Resource(resource).Name(name).Do(context.Background()).Get()
	if err != nil {
		t.Fatal(err)
	}
	// Two GETs of an unchanged object answer the same bytes.
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s/%s decodes differently:\ndirect     %#v\nserializer %#v", resource, name, got, want)
	}
}

func TestDirectJSONWatchMatchesSerializer(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	ns := createNamespace(t)
	direct := client(t, corev1.SchemeGroupVersion, codecs.WithoutConversion())
	reference := client(t, corev1.SchemeGroupVersion, serializerOnly{codecs.WithoutConversion()})
	list := &corev1.ConfigMapList{}
	if err := direct.Get().Namespace(ns).Resource("configmaps").Do(ctx).Into(list); err != nil {
		t.Fatal(err)
	}
	opts := &metav1.ListOptions{Watch: true, ResourceVersion: list.ResourceVersion}
	watches := map[string]watch.Interface{}
	for name, c := range map[string]*rest.RESTClient{"direct": direct, "serializer": reference} {
		w, err := c.Get().Namespace(ns).Resource("configmaps").VersionedParams(opts, rest.ParameterCodec).Watch(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer w.Stop()
		watches[name] = w
	}
	const n = 20
	for i := range n {
		body := fmt.Sprintf(`{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm-%d","labels":{"i":"%d"}},
			"data":{"text":"line\nwith \"quotes\" and caf\u00e9","n":"%d"},"binaryData":{"b":"AAE="}}`, i, i, i)
		if err := direct.Post().Namespace(ns).Resource("configmaps").Body([]byte(body)).Do(ctx).Error(); err != nil {
			t.Fatal(err)
		}
	}
	if err := direct.Delete().Namespace(ns).Resource("configmaps").Name("cm-0").Do(ctx).Error(); err != nil {
		t.Fatal(err)
	}
	got, want := receive(t, watches["direct"], n+1), receive(t, watches["serializer"], n+1)
	for i := range got {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("event %d decodes differently:\ndirect     %#v\nserializer %#v", i, got[i], want[i])
		}
	}
	if got[n].Type != watch.Deleted {
		t.Errorf("last event is %s, want DELETED", got[n].Type)
	}
}

// receive reads n events from w, failing on an ERROR event or a closed channel.
func receive(t *testing.T, w watch.Interface, n int) []watch.Event {
	t.Helper()
	var events []watch.Event
	for len(events) < n {
		ev, ok := <-w.ResultChan()
		if !ok || ev.Type == watch.Error {
			t.Fatalf("watch ended after %d events: %v", len(events), ev.Object)
		}
		events = append(events, ev)
	}
	return events
}
