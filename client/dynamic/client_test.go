package dynamic

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"

	"github.com/kubegen/kubegen/client/rest"
)

var crontabs = schema.GroupVersionResource{Group: "stable.example.com", Version: "v1", Resource: "crontabs"}

type seen struct {
	method, path, query, contentType, body string
}

// recorder answers every request with reply and records what it saw.
func recorder(t *testing.T, status int, reply string) (*Client, *seen) {
	t.Helper()
	var s seen
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		s = seen{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Get("Content-Type"), string(b)}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		io.WriteString(w, reply)
	}))
	t.Cleanup(srv.Close)
	c, err := NewForConfig(&rest.Config{Host: srv.URL, QPS: -1})
	if err != nil {
		t.Fatal(err)
	}
	return c, &s
}

func crontab(name string) *unstructured.Unstructured {
	u := &unstructured.Unstructured{}
	u.SetAPIVersion("stable.example.com/v1")
	u.SetKind("CronTab")
	u.SetName(name)
	u.SetNamespace("ns")
	_ = unstructured.SetNestedField(u.Object, "* * * * */5", "spec", "cronSpec")
	return u
}

const reply = `{"apiVersion":"stable.example.com/v1","kind":"CronTab","metadata":{"name":"a","namespace":"ns","resourceVersion":"7"},"spec":{"cronSpec":"x"}}`

func TestRequests(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		call func(c *Client) error
		want seen
	}{
		{"get", func(c *Client) error {
			_, err := c.Resource(crontabs).Namespace("ns").Get(ctx, "a", metav1.GetOptions{ResourceVersion: "5"})
			return err
		}, seen{method: "GET", path: "/apis/stable.example.com/v1/namespaces/ns/crontabs/a", query: "resourceVersion=5"}},
		{"get core cluster-scoped", func(c *Client) error {
			_, err := c.Resource(schema.GroupVersionResource{Version: "v1", Resource: "nodes"}).Get(ctx, "n1", metav1.GetOptions{})
			return err
		}, seen{method: "GET", path: "/api/v1/nodes/n1"}},
		{"create", func(c *Client) error {
			_, err := c.Resource(crontabs).Namespace("ns").Create(ctx, crontab("a"), metav1.CreateOptions{FieldManager: "me"})
			return err
		}, seen{method: "POST", path: "/apis/stable.example.com/v1/namespaces/ns/crontabs", query: "fieldManager=me", contentType: "application/json", body: `"cronSpec":"* * * * */5"`}},
		{"update status", func(c *Client) error {
			_, err := c.Resource(crontabs).Namespace("ns").UpdateStatus(ctx, crontab("a"), metav1.UpdateOptions{})
			return err
		}, seen{method: "PUT", path: "/apis/stable.example.com/v1/namespaces/ns/crontabs/a/status", contentType: "application/json", body: `"name":"a"`}},
		{"merge patch", func(c *Client) error {
			_, err := c.Resource(crontabs).Namespace("ns").Patch(ctx, "a", types.MergePatchType, []byte(`{"spec":{}}`), metav1.PatchOptions{})
			return err
		}, seen{method: "PATCH", path: "/apis/stable.example.com/v1/namespaces/ns/crontabs/a", contentType: "application/merge-patch+json", body: `{"spec":{}}`}},
		{"apply", func(c *Client) error {
			_, err := c.Resource(crontabs).Namespace("ns").Apply(ctx, "a", crontab("a"), metav1.ApplyOptions{FieldManager: "me", Force: true})
			return err
		}, seen{method: "PATCH", path: "/apis/stable.example.com/v1/namespaces/ns/crontabs/a", query: "fieldManager=me&force=true", contentType: "application/apply-patch+yaml", body: `"kind":"CronTab"`}},
		{"delete", func(c *Client) error {
			return c.Resource(crontabs).Namespace("ns").Delete(ctx, "a", metav1.DeleteOptions{})
		}, seen{method: "DELETE", path: "/apis/stable.example.com/v1/namespaces/ns/crontabs/a", body: `"kind":"DeleteOptions"`}},
		{"delete collection", func(c *Client) error {
			return c.Resource(crontabs).Namespace("ns").DeleteCollection(ctx, metav1.DeleteOptions{}, metav1.ListOptions{LabelSelector: "a=b"})
		}, seen{method: "DELETE", path: "/apis/stable.example.com/v1/namespaces/ns/crontabs", query: "labelSelector=a%3Db"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, s := recorder(t, 200, reply)
			if err := tc.call(c); err != nil {
				t.Fatal(err)
			}
			if s.method != tc.want.method || s.path != tc.want.path || s.query != tc.want.query {
				t.Errorf("sent %s %s?%s, want %s %s?%s", s.method, s.path, s.query, tc.want.method, tc.want.path, tc.want.query)
			}
			if tc.want.contentType != "" && !strings.HasPrefix(s.contentType, tc.want.contentType) {
				t.Errorf("content type %q, want %q", s.contentType, tc.want.contentType)
			}
			if !strings.Contains(s.body, tc.want.body) {
				t.Errorf("body %s lacks %s", s.body, tc.want.body)
			}
		})
	}
}

func TestDecodesAndErrors(t *testing.T) {
	ctx := context.Background()
	c, _ := recorder(t, 200, reply)
	got, err := c.Resource(crontabs).Namespace("ns").Get(ctx, "a", metav1.GetOptions{})
	if err != nil || got.GetResourceVersion() != "7" || got.GetKind() != "CronTab" {
		t.Fatalf("Get = %v, %v", got, err)
	}
	c, _ = recorder(t, 200, `{"apiVersion":"stable.example.com/v1","kind":"CronTabList","metadata":{"resourceVersion":"9"},"items":[`+reply+`]}`)
	list, err := c.Resource(crontabs).List(ctx, metav1.ListOptions{})
	if err != nil || len(list.Items) != 1 || list.GetResourceVersion() != "9" {
		t.Fatalf("List = %v, %v", list, err)
	}
	c, _ = recorder(t, 404, `{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404,"message":"crontabs \"x\" not found"}`)
	if _, err := c.Resource(crontabs).Namespace("ns").Get(ctx, "x", metav1.GetOptions{}); !apierrors.IsNotFound(err) {
		t.Fatalf("err = %v, want NotFound", err)
	}
	for name, err := range map[string]error{
		"nil create":    second(c.Resource(crontabs).Create(ctx, nil, metav1.CreateOptions{})),
		"nameless get":  second(c.Resource(crontabs).Get(ctx, "", metav1.GetOptions{})),
		"apply manager": second(c.Resource(crontabs).Apply(ctx, "a", crontab("a"), metav1.ApplyOptions{})),
	} {
		if err == nil {
			t.Errorf("%s: want an error", name)
		}
	}
	c, _ = recorder(t, 200, "{not json")
	if _, err := c.Resource(crontabs).Namespace("ns").Get(ctx, "a", metav1.GetOptions{}); err == nil {
		t.Error("garbage body: want an error")
	}
}

func second[T any](_ T, err error) error { return err }

func TestWatchDecodesUnstructured(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("watch") != "true" {
			t.Errorf("watch request without watch=true: %s", r.URL)
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"type":"ADDED","object":`+reply+"}\n")
		io.WriteString(w, `{"type":"DELETED","object":`+reply+"}\n")
	}))
	defer srv.Close()
	c, err := NewForConfig(&rest.Config{Host: srv.URL, QPS: -1})
	if err != nil {
		t.Fatal(err)
	}
	w, err := c.Resource(crontabs).Namespace("ns").Watch(context.Background(), metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	var types []watch.EventType
	for ev := range w.ResultChan() {
		u, ok := ev.Object.(*unstructured.Unstructured)
		if !ok || u.GetName() != "a" {
			t.Fatalf("event object %T %v", ev.Object, ev.Object)
		}
		types = append(types, ev.Type)
	}
	if len(types) != 2 || types[0] != watch.Added || types[1] != watch.Deleted {
		t.Errorf("events = %v", types)
	}
}
