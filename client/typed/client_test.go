package typed_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv1 "k8s.io/api/autoscaling/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"

	"github.com/kubegen/kubegen/client/typed"
)

func obj(name string) *corev1.ConfigMap {
	return &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: name, ResourceVersion: "3"}, Data: map[string]string{"k": "v"}}
}

func TestRequestShapes(t *testing.T) {
	ctx := context.Background()
	timeout := int64(30)
	force := true
	tests := []struct {
		name        string
		namespace   string
		call        func(c *configMapClient) error
		method      string
		path        string
		query       url.Values
		contentType string
		body        func(t *testing.T, body map[string]any)
	}{
		{"get", "ns", func(c *configMapClient) error {
			got, err := c.Get(ctx, "x", metav1.GetOptions{ResourceVersion: "0"})
			return expectObject(got, err)
		}, "GET", "/api/v1/namespaces/ns/configmaps/x", url.Values{"resourceVersion": {"0"}}, "", nil},
		{"get cluster scope", "", func(c *configMapClient) error {
			return expectObject(c.Get(ctx, "x", metav1.GetOptions{}))
		}, "GET", "/api/v1/configmaps/x", url.Values{}, "", nil},
		{"list", "ns", func(c *configMapClient) error {
			list, err := c.List(ctx, metav1.ListOptions{LabelSelector: "app=web", FieldSelector: "metadata.name=a", Limit: 5, TimeoutSeconds: &timeout})
			if err == nil && (len(list.Items) != 2 || list.ResourceVersion != "9") {
				err = errors.New("list not decoded")
			}
			return err
		}, "GET", "/api/v1/namespaces/ns/configmaps",
			url.Values{"labelSelector": {"app=web"}, "fieldSelector": {"metadata.name=a"}, "limit": {"5"}, "timeoutSeconds": {"30"}, "timeout": {"30s"}}, "", nil},
		{"list all namespaces", "", func(c *configMapClient) error {
			_, err := c.List(ctx, metav1.ListOptions{})
			return err
		}, "GET", "/api/v1/configmaps", url.Values{}, "", nil},
		{"watch", "ns", func(c *configMapClient) error {
			w, err := c.Watch(ctx, metav1.ListOptions{ResourceVersion: "5", AllowWatchBookmarks: true})
			if err != nil {
				return err
			}
			defer w.Stop()
			ev := <-w.ResultChan()
			if cm, ok := ev.Object.(*corev1.ConfigMap); ev.Type != watch.Added || !ok || cm.Name != "w" {
				return errors.New("watch event not decoded")
			}
			return nil
		}, "GET", "/api/v1/namespaces/ns/configmaps", url.Values{"watch": {"true"}, "resourceVersion": {"5"}, "allowWatchBookmarks": {"true"}}, "", nil},
		{"create", "ns", func(c *configMapClient) error {
			return expectObject(c.Create(ctx, obj("x"), metav1.CreateOptions{FieldManager: "m", DryRun: []string{"All"}}))
		}, "POST", "/api/v1/namespaces/ns/configmaps", url.Values{"fieldManager": {"m"}, "dryRun": {"All"}}, "application/json",
			func(t *testing.T, b map[string]any) { wantField(t, b, "data", map[string]any{"k": "v"}) }},
		{"update", "ns", func(c *configMapClient) error {
			return expectObject(c.Update(ctx, obj("x"), metav1.UpdateOptions{FieldValidation: "Strict"}))
		}, "PUT", "/api/v1/namespaces/ns/configmaps/x", url.Values{"fieldValidation": {"Strict"}}, "application/json",
			func(t *testing.T, b map[string]any) {
				wantField(t, b, "metadata", map[string]any{"name": "x", "resourceVersion": "3"})
			}},
		{"update status", "ns", func(c *configMapClient) error {
			return expectObject(c.UpdateStatus(ctx, obj("x"), metav1.UpdateOptions{}))
		}, "PUT", "/api/v1/namespaces/ns/configmaps/x/status", url.Values{}, "application/json", nil},
		{"delete", "ns", func(c *configMapClient) error {
			return c.Delete(ctx, "x", metav1.DeleteOptions{Preconditions: &metav1.Preconditions{ResourceVersion: new("3")}})
		}, "DELETE", "/api/v1/namespaces/ns/configmaps/x", url.Values{}, "application/json",
			func(t *testing.T, b map[string]any) {
				wantField(t, b, "preconditions", map[string]any{"resourceVersion": "3"})
				wantField(t, b, "kind", "DeleteOptions")
			}},
		{"delete collection", "ns", func(c *configMapClient) error {
			return c.DeleteCollection(ctx, metav1.DeleteOptions{}, metav1.ListOptions{LabelSelector: "app=web", TimeoutSeconds: &timeout})
		}, "DELETE", "/api/v1/namespaces/ns/configmaps",
			url.Values{"labelSelector": {"app=web"}, "timeoutSeconds": {"30"}, "timeout": {"30s"}}, "application/json", nil},
		{"patch", "ns", func(c *configMapClient) error {
			return expectObject(c.Patch(ctx, "x", types.MergePatchType, []byte(`{"data":{"k":null}}`), metav1.PatchOptions{FieldManager: "m"}))
		}, "PATCH", "/api/v1/namespaces/ns/configmaps/x", url.Values{"fieldManager": {"m"}}, "application/merge-patch+json",
			func(t *testing.T, b map[string]any) { wantField(t, b, "data", map[string]any{"k": nil}) }},
		{"patch status", "ns", func(c *configMapClient) error {
			return expectObject(c.Patch(ctx, "x", types.JSONPatchType, []byte(`[]`), metav1.PatchOptions{}, "status"))
		}, "PATCH", "/api/v1/namespaces/ns/configmaps/x/status", url.Values{}, "application/json-patch+json", nil},
		{"apply", "ns", func(c *configMapClient) error {
			return expectObject(c.Apply(ctx, obj("x"), metav1.ApplyOptions{FieldManager: "m", Force: true}))
		}, "PATCH", "/api/v1/namespaces/ns/configmaps/x", url.Values{"fieldManager": {"m"}, "force": {"true"}}, "application/apply-patch+yaml",
			func(t *testing.T, b map[string]any) {
				wantField(t, b, "apiVersion", "v1")
				wantField(t, b, "kind", "ConfigMap")
				wantField(t, b, "data", map[string]any{"k": "v"})
			}},
		{"apply status", "ns", func(c *configMapClient) error {
			return expectObject(c.ApplyStatus(ctx, obj("x"), metav1.ApplyOptions{FieldManager: "m", Force: force}))
		}, "PATCH", "/api/v1/namespaces/ns/configmaps/x/status", url.Values{"fieldManager": {"m"}, "force": {"true"}}, "application/apply-patch+yaml", nil},
		{"get subresource", "ns", func(c *configMapClient) error {
			var scale autoscalingv1.Scale
			if err := c.GetSubresource(ctx, "x", "scale", nil, &scale); err != nil {
				return err
			}
			if scale.Spec.Replicas != 3 {
				return errors.New("scale not decoded")
			}
			return nil
		}, "GET", "/api/v1/namespaces/ns/configmaps/x/scale", url.Values{}, "", nil},
		{"list into another type (extended verb list)", "ns", func(c *configMapClient) error {
			return c.ListSubresource(ctx, "", "", metav1.ListOptions{LabelSelector: "a=b"}, &corev1.ConfigMapList{})
		}, "GET", "/api/v1/namespaces/ns/configmaps", url.Values{"labelSelector": {"a=b"}}, "", nil},
		{"list a subresource", "ns", func(c *configMapClient) error {
			return c.ListSubresource(ctx, "x", "history", metav1.ListOptions{}, &corev1.ConfigMap{}) // the test server answers with one
		}, "GET", "/api/v1/namespaces/ns/configmaps/x/history", url.Values{}, "", nil},
		{"create in the collection (extended verb create)", "ns", func(c *configMapClient) error {
			return c.CreateSubresource(ctx, "", "", obj("x"), &metav1.CreateOptions{}, &corev1.ConfigMap{})
		}, "POST", "/api/v1/namespaces/ns/configmaps", url.Values{}, "application/json", nil},
		{"patch into another type (extended verb patch)", "ns", func(c *configMapClient) error {
			return c.PatchSubresource(ctx, "x", types.MergePatchType, []byte(`{}`), metav1.PatchOptions{}, &corev1.ConfigMap{}, "status")
		}, "PATCH", "/api/v1/namespaces/ns/configmaps/x/status", url.Values{}, "application/merge-patch+json", nil},
		{"update subresource", "ns", func(c *configMapClient) error {
			scale := &autoscalingv1.Scale{ObjectMeta: metav1.ObjectMeta{Name: "x"}, Spec: autoscalingv1.ScaleSpec{Replicas: 3}}
			return c.UpdateSubresource(ctx, "x", "scale", scale, &metav1.UpdateOptions{DryRun: []string{"All"}}, &autoscalingv1.Scale{})
		}, "PUT", "/api/v1/namespaces/ns/configmaps/x/scale", url.Values{"dryRun": {"All"}}, "application/json",
			func(t *testing.T, b map[string]any) { wantField(t, b, "spec", map[string]any{"replicas": float64(3)}) }},
		{"apply subresource", "ns", func(c *configMapClient) error {
			scale := &autoscalingv1.Scale{TypeMeta: metav1.TypeMeta{APIVersion: "autoscaling/v1", Kind: "Scale"},
				ObjectMeta: metav1.ObjectMeta{Name: "x"}, Spec: autoscalingv1.ScaleSpec{Replicas: 3}}
			return c.ApplySubresource(ctx, "x", "scale", scale, metav1.ApplyOptions{FieldManager: "m", Force: true}, &autoscalingv1.Scale{})
		}, "PATCH", "/api/v1/namespaces/ns/configmaps/x/scale", url.Values{"fieldManager": {"m"}, "force": {"true"}}, "application/apply-patch+yaml",
			func(t *testing.T, b map[string]any) {
				wantField(t, b, "apiVersion", "autoscaling/v1")
				wantField(t, b, "kind", "Scale")
				wantField(t, b, "spec", map[string]any{"replicas": float64(3)})
			}},
		{"create subresource", "ns", func(c *configMapClient) error {
			ev := &policyv1.Eviction{ObjectMeta: metav1.ObjectMeta{Name: "x"}}
			return c.CreateSubresource(ctx, "x", "eviction", ev, nil, &metav1.Status{})
		}, "POST", "/api/v1/namespaces/ns/configmaps/x/eviction", url.Values{}, "application/json", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServer(t)
			if err := tt.call(configMaps(t, s, tt.namespace)); err != nil {
				t.Fatal(err)
			}
			got := s.last(t)
			if got.Method != tt.method || got.Path != tt.path {
				t.Errorf("request %s %s, want %s %s", got.Method, got.Path, tt.method, tt.path)
			}
			if q, _ := url.ParseQuery(got.Query); q.Encode() != tt.query.Encode() {
				t.Errorf("query %q, want %q", q.Encode(), tt.query.Encode())
			}
			if got.ContentType != tt.contentType {
				t.Errorf("Content-Type %q, want %q", got.ContentType, tt.contentType)
			}
			if tt.body != nil {
				tt.body(t, decodeJSONMap(t, got.Body))
			}
		})
	}
}

func expectObject(cm *corev1.ConfigMap, err error) error {
	if err != nil {
		return err
	}
	if cm.Name != "x" || cm.ResourceVersion != "7" {
		return errors.New("object not decoded")
	}
	return nil
}

func wantField(t *testing.T, body map[string]any, key string, want any) {
	t.Helper()
	got := body[key]
	if wm, ok := want.(map[string]any); ok {
		gm, _ := got.(map[string]any)
		for k, v := range wm {
			if gm[k] != v {
				t.Errorf("body %s.%s = %v, want %v", key, k, gm[k], v)
			}
		}
		return
	}
	if got != want {
		t.Errorf("body %s = %v, want %v", key, got, want)
	}
}

func TestApplyUsesClientGroupVersion(t *testing.T) {
	s := newServer(t)
	deployments := typed.NewClient("deployments", restClient(t, s.URL, appsv1.SchemeGroupVersion), nil, "ns",
		func() *appsv1.Deployment { return &appsv1.Deployment{} }, func() *appsv1.DeploymentList { return &appsv1.DeploymentList{} })
	in := &appsv1.Deployment{ObjectMeta: metav1.ObjectMeta{Name: "web"}}
	if _, err := deployments.Apply(context.Background(), in, metav1.ApplyOptions{FieldManager: "m"}); err != nil {
		t.Fatal(err)
	}
	got := s.last(t)
	if got.Path != "/apis/apps/v1/namespaces/ns/deployments/web" {
		t.Errorf("path %s", got.Path)
	}
	body := decodeJSONMap(t, got.Body)
	wantField(t, body, "apiVersion", "apps/v1")
	wantField(t, body, "kind", "Deployment")
	if in.Kind != "" || in.APIVersion != "" {
		t.Error("Apply set the TypeMeta of its argument")
	}
	if q, _ := url.ParseQuery(got.Query); q.Get("force") != "false" || q.Get("fieldManager") != "m" {
		t.Errorf("query %s, want fieldManager=m and force=false", got.Query)
	}
}

func TestClientErrors(t *testing.T) {
	ctx := context.Background()
	s := newServer(t)
	c := configMaps(t, s, "ns")
	if _, err := c.Apply(ctx, obj("x"), metav1.ApplyOptions{}); !errors.Is(err, typed.ErrFieldManagerRequired) {
		t.Errorf("apply without field manager: %v", err)
	}
	if _, err := c.Apply(ctx, obj(""), metav1.ApplyOptions{FieldManager: "m"}); err == nil {
		t.Error("apply without a name succeeded")
	}
	for name, call := range map[string]func() error{
		"create": func() error { _, err := c.Create(ctx, nil, metav1.CreateOptions{}); return err },
		"update": func() error { _, err := c.Update(ctx, nil, metav1.UpdateOptions{}); return err },
		"apply":  func() error { _, err := c.ApplyStatus(ctx, nil, metav1.ApplyOptions{FieldManager: "m"}); return err },
	} {
		if err := call(); !errors.Is(err, typed.ErrNilObject) {
			t.Errorf("%s(nil): %v", name, err)
		}
	}
	if _, err := c.Get(ctx, "", metav1.GetOptions{}); err == nil {
		t.Error("get with an empty name succeeded")
	}
	if n := s.count(); n != 0 {
		t.Errorf("%d requests sent for calls that must fail before sending", n)
	}

	s.status = http.StatusNotFound
	s.body = `{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404,"message":"configmaps \"x\" not found","details":{"name":"x","kind":"configmaps"}}`
	got, err := c.Get(ctx, "x", metav1.GetOptions{})
	if !apierrors.IsNotFound(err) || got == nil {
		t.Errorf("404: got %v, %v; want NotFound and a non-nil empty object", got, err)
	}
	s.status = http.StatusConflict
	s.body = `{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Conflict","code":409}`
	if _, err := c.Update(ctx, obj("x"), metav1.UpdateOptions{}); !apierrors.IsConflict(err) {
		t.Errorf("409: got %v", err)
	}
}
