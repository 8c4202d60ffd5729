package rest

import (
	"context"
	"encoding/json"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
)

func TestRequestURL(t *testing.T) {
	core := testClient(t, "https://example.com:6443", "", nil)
	prefixed := testClient(t, "http://proxy.local/k8s/clusters/c1/", "", nil)
	appsCfg := testConfig("example.com:6443", "")
	appsCfg.APIPath = "/apis"
	appsCfg.GroupVersion = &schema.GroupVersion{Group: "apps", Version: "v1"}
	appsCfg.TLSClientConfig.Insecure = true
	apps, err := RESTClientFor(appsCfg)
	if err != nil {
		t.Fatal(err)
	}
	bareCfg := testConfig("http://bare.local", "")
	bareCfg.APIPath, bareCfg.GroupVersion = "", &schema.GroupVersion{}
	bare, err := RESTClientFor(bareCfg)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		req  *Request
		want string
	}{
		{"namespaced object", core.Get().Namespace("team-a").Resource("pods").Name("web-0"),
			"https://example.com:6443/api/v1/namespaces/team-a/pods/web-0"},
		{"collection", core.Get().Namespace("team-a").Resource("pods"),
			"https://example.com:6443/api/v1/namespaces/team-a/pods"},
		{"cluster scoped", core.Get().Resource("nodes").Name("n1"), "https://example.com:6443/api/v1/nodes/n1"},
		{"any group, core", bare.Get().GroupVersionResource(schema.GroupVersionResource{Version: "v1", Resource: "pods"}, "ns").Name("p"),
			"http://bare.local/api/v1/namespaces/ns/pods/p"},
		{"any group, named", bare.Get().GroupVersionResource(schema.GroupVersionResource{Group: "apps", Version: "v1", Resource: "deployments"}, ""),
			"http://bare.local/apis/apps/v1/deployments"},
		{"empty namespace is cluster scope", core.Get().Namespace("").Resource("pods"),
			"https://example.com:6443/api/v1/pods"},
		{"not scoped", core.Get().NamespaceIfScoped("team-a", false).Resource("namespaces").Name("team-a"),
			"https://example.com:6443/api/v1/namespaces/team-a"},
		{"scoped", core.Get().NamespaceIfScoped("team-a", true).Resource("configmaps"),
			"https://example.com:6443/api/v1/namespaces/team-a/configmaps"},
		{"subresource", core.Put().Namespace("ns").Resource("pods").Name("p").SubResource("status"),
			"https://example.com:6443/api/v1/namespaces/ns/pods/p/status"},
		{"nested subresource", core.Get().Namespace("ns").Resource("pods").Name("p").SubResource("proxy", "healthz"),
			"https://example.com:6443/api/v1/namespaces/ns/pods/p/proxy/healthz"},
		{"suffix", core.Get().Namespace("ns").Resource("services").Name("s").SubResource("proxy").Suffix("metrics/x"),
			"https://example.com:6443/api/v1/namespaces/ns/services/s/proxy/metrics/x"},
		{"prefix", core.Get().Prefix("watch").Namespace("ns").Resource("pods"),
			"https://example.com:6443/api/v1/watch/namespaces/ns/pods"},
		{"name with colon", core.Get().Resource("serviceaccounts").Name("system:node"),
			"https://example.com:6443/api/v1/serviceaccounts/system:node"},
		{"group", apps.Get().Namespace("ns").Resource("deployments").Name("d"),
			"https://example.com:6443/apis/apps/v1/namespaces/ns/deployments/d"},
		{"host prefix", prefixed.Get().Namespace("ns").Resource("pods"),
			"http://proxy.local/k8s/clusters/c1/api/v1/namespaces/ns/pods"},
		{"abs path", core.Get().AbsPath("/version"), "https://example.com:6443/version"},
		{"abs path keeps trailing slash", core.Get().AbsPath("/openapi/v2/"), "https://example.com:6443/openapi/v2/"},
		{"abs path then resource", core.Get().AbsPath("/apis/x/v1").Resource("things"), "https://example.com:6443/apis/x/v1/things"},
		{"prefix without api path", bare.Get().Prefix("watch").Resource("pods"), "http://bare.local/watch/pods"},
		{"abs path under host prefix", prefixed.Get().AbsPath("apis", "apps"),
			"http://proxy.local/k8s/clusters/c1/apis/apps"},
		{"params sorted", core.Get().Resource("pods").Param("b", "2").Param("a", "1").Param("a", "0"),
			"https://example.com:6443/api/v1/pods?a=1&a=0&b=2"},
		{"params escaped", core.Get().Resource("pods").Param("labelSelector", "app in (a,b)"),
			"https://example.com:6443/api/v1/pods?labelSelector=app+in+%28a%2Cb%29"},
		{"timeout", core.Get().Resource("pods").Timeout(30 * time.Second),
			"https://example.com:6443/api/v1/pods?timeout=30s"},
		{"list options", core.Get().Namespace("ns").Resource("pods").VersionedParams(&metav1.ListOptions{
			LabelSelector: "app=web", FieldSelector: "metadata.name=x", Limit: 50, Continue: "tok",
			ResourceVersion: "10", Watch: true, AllowWatchBookmarks: true}, ParameterCodec),
			"https://example.com:6443/api/v1/namespaces/ns/pods?allowWatchBookmarks=true&continue=tok&" +
				"fieldSelector=metadata.name%3Dx&labelSelector=app%3Dweb&limit=50&resourceVersion=10&watch=true"},
		{"get options", core.Get().Resource("pods").Name("p").VersionedParams(&metav1.GetOptions{ResourceVersion: "0"}, nil),
			"https://example.com:6443/api/v1/pods/p?resourceVersion=0"},
		{"empty get options", core.Get().Resource("pods").Name("p").VersionedParams(&metav1.GetOptions{}, nil),
			"https://example.com:6443/api/v1/pods/p"},
		{"options for a group client", apps.Post().Namespace("ns").Resource("deployments").VersionedParams(
			&metav1.CreateOptions{DryRun: []string{"All"}, FieldManager: "me"}, nil),
			"https://example.com:6443/apis/apps/v1/namespaces/ns/deployments?dryRun=All&fieldManager=me"},
		{"patch options", apps.Patch(types.ApplyPatchType).Namespace("ns").Resource("deployments").Name("d").
			VersionedParams(&metav1.PatchOptions{FieldManager: "me", Force: ptrTo(true)}, nil),
			"https://example.com:6443/apis/apps/v1/namespaces/ns/deployments/d?fieldManager=me&force=true"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := tt.req.HTTPRequest(context.Background())
			if err != nil {
				t.Fatalf("HTTPRequest: %v", err)
			}
			if got := req.URL.String(); got != tt.want {
				t.Errorf("URL\n got %s\nwant %s", got, tt.want)
			}
			if got := tt.req.URL().String(); got != tt.want {
				t.Errorf("Request.URL() = %s, want %s", got, tt.want)
			}
		})
	}
}

func ptrTo[T any](v T) *T { return &v }

func TestRequestBuildErrorsAreDeferred(t *testing.T) {
	c := testClient(t, "http://example.com", "", nil)
	tests := []struct {
		name    string
		req     *Request
		wantErr string
	}{
		{"empty name", c.Get().Resource("pods").Name(""), "resource name may not be empty"},
		{"slash in name", c.Get().Resource("pods").Name("a/b"), `invalid resource name "a/b"`},
		{"percent in name", c.Get().Resource("pods").Name("a%2F"), `invalid resource name "a%2F"`},
		{"dot-dot name", c.Get().Resource("pods").Name(".."), `invalid resource name ".."`},
		{"slash in namespace", c.Get().Namespace("a/b").Resource("pods"), `invalid namespace "a/b"`},
		{"namespace twice", c.Get().Namespace("a").Namespace("b"), `namespace already set to "a"`},
		{"resource twice", c.Get().Resource("pods").Resource("nodes"), `resource already set to "pods"`},
		{"bad resource", c.Get().Resource("."), `invalid resource "."`},
		{"bad subresource", c.Get().Resource("pods").Name("p").SubResource("a/b"), `invalid subresource "a/b"`},
		{"name twice", c.Get().Resource("pods").Name("a").Name("b"), `resource name already set to "a"`},
		{"unsupported body", c.Post().Resource("pods").Body(42), "unsupported body type int"},
		{"first error wins", c.Get().Name("").Namespace("a/b"), "resource name may not be empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := tt.req.HTTPRequest(context.Background()); err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("HTTPRequest error = %v, want one containing %q", err, tt.wantErr)
			}
			if err := tt.req.Do(context.Background()).Error(); err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Do error = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestRequestHeaders(t *testing.T) {
	jsonClient := testClient(t, "http://example.com", "", nil)
	protoClient := testClient(t, "http://example.com", ContentTypeProtobuf, nil)
	cfg := testConfig("http://example.com", "")
	cfg.UserAgent = "my-controller/1.2"
	uaClient, err := RESTClientFor(cfg)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		req    *Request
		header string
		want   string
	}{
		{"json accept", jsonClient.Get().Resource("pods"), "Accept", "application/json"},
		{"protobuf accept", protoClient.Get().Resource("pods"), "Accept", "application/vnd.kubernetes.protobuf, application/json"},
		{"default user agent", jsonClient.Get(), "User-Agent", DefaultUserAgent()},
		{"configured user agent", uaClient.Get(), "User-Agent", "my-controller/1.2"},
		{"json body", jsonClient.Post().Resource("configmaps").Body(sampleConfigMap()), "Content-Type", "application/json"},
		{"protobuf body", protoClient.Post().Resource("configmaps").Body(sampleConfigMap()), "Content-Type", ContentTypeProtobuf},
		{"patch type", jsonClient.Patch(types.MergePatchType).Resource("configmaps").Name("x").Body([]byte(`{}`)),
			"Content-Type", "application/merge-patch+json"},
		{"patch type wins over object body", protoClient.Patch(types.ApplyYAMLPatchType).Body(sampleConfigMap()),
			"Content-Type", "application/apply-patch+yaml"},
		{"custom header", jsonClient.Get().SetHeader("x-custom", "a"), "X-Custom", "a"},
		{"custom header replaces default", jsonClient.Get().SetHeader("accept", "text/plain"), "Accept", "text/plain"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := tt.req.HTTPRequest(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if got := req.Header.Get(tt.header); got != tt.want {
				t.Errorf("%s = %q, want %q", tt.header, got, tt.want)
			}
		})
	}
	if req, err := jsonClient.Verb("get").HTTPRequest(context.Background()); err != nil || req.Method != "GET" {
		t.Errorf("Verb(\"get\") gives method %q, %v; want GET", req.Method, err)
	}
}

func TestRequestBodyEncodesInClientContentType(t *testing.T) {
	for _, ct := range []string{ContentTypeJSON, ContentTypeProtobuf} {
		t.Run(ct, func(t *testing.T) {
			c := testClient(t, "http://example.com", ct, nil)
			want := sampleConfigMap()
			r := c.Post().Namespace("team-a").Resource("configmaps").Body(want)
			if r.err != nil {
				t.Fatal(r.err)
			}
			got := &corev1.ConfigMap{}
			info, _ := runtime.SerializerInfoForMediaType(testCodecs.SupportedMediaTypes(), ct)
			if _, _, err := info.Serializer.Decode(r.body, nil, got); err != nil {
				t.Fatalf("body does not decode as %s: %v", ct, err)
			}
			if got.Name != want.Name || got.Data["greeting"] != want.Data["greeting"] {
				t.Errorf("decoded body = %+v, want %+v", got, want)
			}
		})
	}
}

func TestPatchWithObjectBodyIsJSON(t *testing.T) {
	c := testClient(t, "http://example.com", ContentTypeProtobuf, nil)
	r := c.Patch(types.ApplyYAMLPatchType).Namespace("team-a").Resource("configmaps").Name("settings").
		Body(sampleConfigMap())
	if r.err != nil {
		t.Fatal(r.err)
	}
	var got corev1.ConfigMap
	if err := json.Unmarshal(r.body, &got); err != nil || got.Data["mode"] != "fast" || got.Kind != "ConfigMap" {
		t.Errorf("apply body %q is not the ConfigMap as JSON: %v", r.body, err)
	}
	if ct := r.headers.Get("Content-Type"); ct != string(types.ApplyYAMLPatchType) {
		t.Errorf("Content-Type = %q", ct)
	}
}

func TestCommonOptionsMatchParameterCodec(t *testing.T) {
	objs := []runtime.Object{
		&metav1.GetOptions{},
		&metav1.GetOptions{ResourceVersion: "123"},
		&metav1.CreateOptions{},
		&metav1.CreateOptions{DryRun: []string{"All"}, FieldManager: "kubegen", FieldValidation: "Strict"},
		&metav1.UpdateOptions{DryRun: []string{"All", "Other"}, FieldManager: "m"},
		&metav1.UpdateOptions{FieldValidation: "Warn"},
		&metav1.PatchOptions{},
		&metav1.PatchOptions{Force: ptrTo(false)},
		&metav1.ListOptions{},
		&metav1.ListOptions{Limit: -1, TimeoutSeconds: ptrTo[int64](0), SendInitialEvents: ptrTo(false)},
		&metav1.ListOptions{LabelSelector: "a in (x, y)", ResourceVersionMatch: metav1.ResourceVersionMatchNotOlderThan},
	}
	// Every field set: a field added to metav1 that the fast path misses makes this fail.
	for _, obj := range []runtime.Object{&metav1.GetOptions{}, &metav1.CreateOptions{}, &metav1.UpdateOptions{},
		&metav1.PatchOptions{}, &metav1.ListOptions{}} {
		objs = append(objs, fillAllFields(t, obj))
	}
	for _, obj := range objs {
		want, err := ParameterCodec.EncodeParameters(obj, schema.GroupVersion{Group: "apps", Version: "v1"})
		if err != nil {
			t.Fatalf("ParameterCodec %T: %v", obj, err)
		}
		got := url.Values{}
		if !encodeCommonOptions(obj, func(k, v string) { got[k] = append(got[k], v) }) {
			t.Fatalf("encodeCommonOptions does not handle %T", obj)
		}
		if got.Encode() != want.Encode() {
			t.Errorf("%T %+v:\nfast path %q\ncodec     %q", obj, obj, got.Encode(), want.Encode())
		}
	}
}

// fillAllFields sets every field of the options struct obj points to, except TypeMeta, to a non-zero
// value.
func fillAllFields(t *testing.T, obj runtime.Object) runtime.Object {
	v := reflect.ValueOf(obj).Elem()
	for i := range v.NumField() {
		f, name := v.Field(i), v.Type().Field(i).Name
		if name == "TypeMeta" {
			continue
		}
		switch {
		case f.Kind() == reflect.String:
			f.SetString("v-" + name)
		case f.Kind() == reflect.Bool:
			f.SetBool(true)
		case f.Kind() == reflect.Int64:
			f.SetInt(42)
		case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.String:
			f.Set(reflect.ValueOf([]string{"All", "x"}))
		case f.Kind() == reflect.Pointer && f.Type().Elem().Kind() == reflect.Bool:
			f.Set(reflect.ValueOf(ptrTo(true)))
		case f.Kind() == reflect.Pointer && f.Type().Elem().Kind() == reflect.Int64:
			f.Set(reflect.ValueOf(ptrTo[int64](7)))
		default:
			t.Fatalf("%T.%s has type %s the test cannot fill", obj, name, f.Type())
		}
	}
	return obj
}
