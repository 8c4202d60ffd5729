package discovery

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubegen/kubegen/client/rest"
)

const aggregatedType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"

const aggregatedCore = `{"kind":"APIGroupDiscoveryList","apiVersion":"apidiscovery.k8s.io/v2","items":[
 {"metadata":{"name":""},"versions":[{"version":"v1","resources":[
  {"resource":"pods","responseKind":{"group":"","version":"v1","kind":"Pod"},"scope":"Namespaced","singularResource":"pod",
   "verbs":["get","list","watch","create"],"shortNames":["po"],"categories":["all"],
   "subresources":[{"subresource":"status","responseKind":{"group":"","version":"v1","kind":"Pod"},"verbs":["get","patch","update"]}]},
  {"resource":"nodes","responseKind":{"group":"","version":"v1","kind":"Node"},"scope":"Cluster","singularResource":"node","verbs":["get","list"],"shortNames":["no"]}]}]}]}`

const aggregatedGroups = `{"kind":"APIGroupDiscoveryList","apiVersion":"apidiscovery.k8s.io/v2","items":[
 {"metadata":{"name":"apps"},"versions":[
  {"version":"v1","resources":[{"resource":"deployments","responseKind":{"group":"apps","version":"v1","kind":"Deployment"},"scope":"Namespaced","singularResource":"deployment","verbs":["get","list"],"shortNames":["deploy"]}]},
  {"version":"v1beta1","freshness":"Stale"}]}]}`

// server serves aggregated discovery when aggregated is true, the legacy documents otherwise, and
// counts requests.
func server(t *testing.T, aggregated bool, failAppsV1 bool) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	docs := map[string]string{
		"/api":               `{"kind":"APIVersions","versions":["v1"]}`,
		"/apis":              `{"kind":"APIGroupList","groups":[{"name":"apps","versions":[{"groupVersion":"apps/v1beta1","version":"v1beta1"},{"groupVersion":"apps/v1","version":"v1"}],"preferredVersion":{"groupVersion":"apps/v1","version":"v1"}}]}`,
		"/api/v1":            `{"kind":"APIResourceList","groupVersion":"v1","resources":[{"name":"pods","singularName":"pod","namespaced":true,"kind":"Pod","verbs":["get","list","watch","create"],"shortNames":["po"],"categories":["all"]},{"name":"pods/status","namespaced":true,"kind":"Pod","verbs":["get","patch","update"]},{"name":"nodes","singularName":"node","namespaced":false,"kind":"Node","verbs":["get","list"],"shortNames":["no"]}]}`,
		"/apis/apps/v1":      `{"kind":"APIResourceList","groupVersion":"apps/v1","resources":[{"name":"deployments","singularName":"deployment","namespaced":true,"kind":"Deployment","verbs":["get","list"],"shortNames":["deploy"]}]}`,
		"/apis/apps/v1beta1": `{"kind":"APIResourceList","groupVersion":"apps/v1beta1","resources":[]}`,
		"/version":           `{"major":"1","minor":"37","gitVersion":"v1.37.1"}`,
	}
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		wantsAggregated := r.Header.Get("Accept") == aggregatedAccept
		switch {
		case aggregated && wantsAggregated && r.URL.Path == "/api":
			w.Header().Set("Content-Type", aggregatedType)
			w.Write([]byte(aggregatedCore))
		case aggregated && wantsAggregated && r.URL.Path == "/apis":
			w.Header().Set("Content-Type", aggregatedType)
			w.Write([]byte(aggregatedGroups))
		case failAppsV1 && r.URL.Path == "/apis/apps/v1":
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte(`{"kind":"Status","apiVersion":"v1","status":"Failure","message":"service unavailable","reason":"ServiceUnavailable","code":503}`))
		case docs[r.URL.Path] != "":
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(docs[r.URL.Path]))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	return s, &n
}

func client(t *testing.T, url string) *Client {
	t.Helper()
	c, err := NewForConfig(&rest.Config{Host: url, QPS: -1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// names lists "groupVersion:resource" for every resource of the lists.
func names(lists []*metav1.APIResourceList) []string {
	var out []string
	for _, l := range lists {
		for _, r := range l.APIResources {
			out = append(out, l.GroupVersion+":"+r.Name)
		}
	}
	return out
}

func TestAggregatedAndLegacyAgree(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name       string
		aggregated bool
		legacyOnly bool
		requests   int32
	}{
		{"aggregated", true, false, 2},
		{"legacy server", false, false, 5},
		{"legacy forced", true, true, 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, n := server(t, tc.aggregated, false)
			c := client(t, s.URL)
			c.LegacyOnly = tc.legacyOnly
			groups, lists, err := c.ServerGroupsAndResources(ctx)
			if tc.aggregated && !tc.legacyOnly {
				var failed *ErrGroupDiscoveryFailed
				if !errors.As(err, &failed) || failed.Groups[schema.GroupVersion{Group: "apps", Version: "v1beta1"}] == nil {
					t.Fatalf("want the stale apps/v1beta1 reported as failed, got %v", err)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if got := n.Load(); got != tc.requests {
				t.Errorf("%d requests, want %d", got, tc.requests)
			}
			if len(groups) != 2 || groups[0].Name != "" || groups[1].Name != "apps" {
				t.Fatalf("groups = %+v", groups)
			}
			if p := groups[1].PreferredVersion.GroupVersion; p != "apps/v1" {
				t.Errorf("apps preferred version = %q, want apps/v1", p)
			}
			all := names(lists)
			for _, want := range []string{"v1:pods", "v1:pods/status", "v1:nodes", "apps/v1:deployments"} {
				if !contains(all, want) {
					t.Errorf("resources %v lack %s", all, want)
				}
			}
			pods := find(lists, "v1", "pods")
			want := metav1.APIResource{Name: "pods", SingularName: "pod", Namespaced: true, Kind: "Pod",
				Verbs: metav1.Verbs{"get", "list", "watch", "create"}, ShortNames: []string{"po"}, Categories: []string{"all"}}
			if tc.aggregated && !tc.legacyOnly {
				want.Version = "v1"
			}
			if !reflect.DeepEqual(*pods, want) {
				t.Errorf("pods = %+v\nwant %+v", *pods, want)
			}
			if nodes := find(lists, "v1", "nodes"); nodes.Namespaced {
				t.Errorf("nodes are cluster-scoped")
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func find(lists []*metav1.APIResourceList, gv, name string) *metav1.APIResource {
	for _, l := range lists {
		if l.GroupVersion != gv {
			continue
		}
		for i := range l.APIResources {
			if l.APIResources[i].Name == name {
				return &l.APIResources[i]
			}
		}
	}
	return &metav1.APIResource{}
}

func TestLegacyPartialFailure(t *testing.T) {
	s, _ := server(t, false, true)
	groups, lists, err := client(t, s.URL).ServerGroupsAndResources(context.Background())
	var failed *ErrGroupDiscoveryFailed
	if !errors.As(err, &failed) || len(failed.Groups) != 1 {
		t.Fatalf("err = %v, want apps/v1 failed", err)
	}
	if !IsGroupDiscoveryFailed(err) {
		t.Error("IsGroupDiscoveryFailed = false")
	}
	if len(groups) != 2 || !contains(names(lists), "v1:pods") || contains(names(lists), "apps/v1:deployments") {
		t.Errorf("partial result wrong: groups=%d resources=%v", len(groups), names(lists))
	}
}

func TestPreferredResourcesAndVersion(t *testing.T) {
	s, _ := server(t, false, false)
	c := client(t, s.URL)
	ctx := context.Background()
	lists, err := c.ServerPreferredResources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var gvs []string
	for _, l := range lists {
		gvs = append(gvs, l.GroupVersion)
	}
	if !reflect.DeepEqual(gvs, []string{"v1", "apps/v1"}) {
		t.Errorf("preferred group/versions = %v", gvs)
	}
	v, err := c.ServerVersion(ctx)
	if err != nil || v.GitVersion != "v1.37.1" {
		t.Errorf("ServerVersion = %v, %v", v, err)
	}
	if _, err := c.ServerResourcesForGroupVersion(ctx, "nope/v9"); err == nil {
		t.Error("unknown group/version: want an error")
	}
	if _, err := c.ServerResourcesForGroupVersion(ctx, "apps"); err == nil {
		t.Error("group without version: want an error")
	}
}

func TestMemoryCacheAndInvalidate(t *testing.T) {
	s, n := server(t, true, false)
	m := NewMemory(client(t, s.URL))
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		if _, err := m.ServerGroups(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := m.ServerResourcesForGroupVersion(ctx, "apps/v1"); err != nil {
			t.Fatal(err)
		}
	}
	if got := n.Load(); got != 2 {
		t.Fatalf("%d requests for 6 cached calls, want 2", got)
	}
	m.Invalidate()
	if _, err := m.ServerGroups(ctx); err != nil {
		t.Fatal(err)
	}
	if got := n.Load(); got != 4 {
		t.Fatalf("%d requests after Invalidate, want 4", got)
	}
	// Callers get copies: changing one does not change the cache.
	g, _ := m.ServerGroups(ctx)
	g.Groups[0].Name = "mutated"
	g2, _ := m.ServerGroups(ctx)
	if g2.Groups[0].Name != "" {
		t.Error("cache handed out its own memory")
	}
}

func TestDiskCache(t *testing.T) {
	s, n := server(t, true, false)
	dir := t.TempDir()
	ctx := context.Background()
	first := NewDisk(client(t, s.URL), s.URL, dir, time.Hour)
	if _, _, err := first.ServerGroupsAndResources(ctx); !IsGroupDiscoveryFailed(err) {
		t.Fatalf("want the stale group reported, got %v", err)
	}
	if !first.Fresh() {
		t.Error("first pass came from the server: Fresh should be true")
	}
	before := n.Load()
	// A new process (a new cache) reads the disk, not the server, and keeps the stale marker.
	second := NewDisk(client(t, s.URL), s.URL, dir, time.Hour)
	_, lists, err := second.ServerGroupsAndResources(ctx)
	if !IsGroupDiscoveryFailed(err) || !contains(names(lists), "apps/v1:deployments") {
		t.Fatalf("from disk: %v %v", names(lists), err)
	}
	if n.Load() != before {
		t.Errorf("disk cache hit still asked the server")
	}
	if second.Fresh() {
		t.Error("answers read from disk are not fresh")
	}
	// Invalidate drops the file: the next pass asks the server.
	second.Invalidate()
	if _, err := os.Stat(filepath.Join(dir, hostDir(s.URL), "discovery.json")); !os.IsNotExist(err) {
		t.Errorf("Invalidate left the disk file: %v", err)
	}
	second.ServerGroups(ctx)
	if n.Load() == before {
		t.Error("after Invalidate the server was not asked")
	}
	// An expired file is ignored.
	file := filepath.Join(dir, hostDir(s.URL), "discovery.json")
	old := time.Now().Add(-2 * time.Hour)
	if err := os.Chtimes(file, old, old); err != nil {
		t.Fatal(err)
	}
	before = n.Load()
	NewDisk(client(t, s.URL), s.URL, dir, time.Hour).ServerGroups(ctx)
	if n.Load() == before {
		t.Error("an expired disk entry was trusted")
	}
}

func TestHostDir(t *testing.T) {
	for in, want := range map[string]string{
		"https://10.0.0.1:6443":         "10.0.0.1_6443",
		"https://example.com:443/proxy": "example.com_443_proxy",
		"localhost:8080":                "localhost_8080",
	} {
		if got := hostDir(in); got != want {
			t.Errorf("hostDir(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestServerErrorIsStatusError(t *testing.T) {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusForbidden)
		w.Write([]byte("<html>denied</html>"))
	}))
	defer s.Close()
	_, err := client(t, s.URL).ServerGroups(context.Background())
	if err == nil || statusOf(err) != http.StatusForbidden {
		t.Fatalf("err = %v, want a 403 StatusError", err)
	}
}

func statusOf(err error) int32 {
	var s interface{ Status() metav1.Status }
	if errors.As(err, &s) {
		return s.Status().Code
	}
	return 0
}

// Invalidate during a discovery pass: the pass's (stale) answer is not cached, in memory or on disk,
// and a call after Invalidate asks the server again instead of joining the pass.
func TestInvalidateDuringPass(t *testing.T) {
	caches := map[string]func(t *testing.T) func(c *Client, host string) *Memory{
		"memory": func(*testing.T) func(*Client, string) *Memory {
			return func(c *Client, _ string) *Memory { return NewMemory(c) }
		},
		"disk": func(t *testing.T) func(*Client, string) *Memory {
			dir := t.TempDir()
			return func(c *Client, host string) *Memory { return NewDisk(c, host, dir, time.Hour) }
		},
	}
	for name, newCache := range caches {
		t.Run(name, func(t *testing.T) { testInvalidateDuringPass(t, newCache(t)) })
	}
}

func testInvalidateDuringPass(t *testing.T, newCache func(c *Client, host string) *Memory) {
	var state atomic.Int32 // 0: the server serves group "apps"; 1: group "apps2"
	var gated atomic.Bool
	entered, release := make(chan struct{}), make(chan struct{})
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", aggregatedType)
		if r.URL.Path == "/api" {
			w.Write([]byte(aggregatedCore))
			return
		}
		body := aggregatedGroups // decided when the request arrives
		if state.Load() == 1 {
			body = strings.Replace(body, `"name":"apps"`, `"name":"apps2"`, 1)
		}
		if gated.CompareAndSwap(false, true) {
			close(entered)
			<-release
		}
		w.Write([]byte(body))
	}))
	t.Cleanup(s.Close)
	m := newCache(client(t, s.URL), s.URL)
	ctx := context.Background()
	groupsOf := func() (string, error) {
		g, err := m.ServerGroups(ctx)
		if err != nil {
			return "", err
		}
		var out []string
		for _, grp := range g.Groups {
			out = append(out, grp.Name)
		}
		return strings.Join(out, ","), nil
	}
	first := make(chan error, 1)
	go func() { _, err := groupsOf(); first <- err }()
	<-entered // the pass holds the old answer
	state.Store(1)
	m.Invalidate()
	second := make(chan string, 1)
	go func() {
		g, err := groupsOf()
		if err != nil {
			t.Error(err)
		}
		second <- g
	}()
	// The call after Invalidate must not wait for the pass started before it; the bound only keeps
	// a failure from hanging the test.
	var g string
	select {
	case g = <-second:
	case <-time.After(time.Minute):
		close(release)
		t.Fatal("the call after Invalidate waited for the pass started before it")
	}
	if !strings.Contains(g, "apps2") {
		t.Fatalf("groups after Invalidate = %q, want the server's new group apps2", g)
	}
	close(release) // the superseded pass ends now, after the new one
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	if g, err := groupsOf(); err != nil || !strings.Contains(g, "apps2") {
		t.Fatalf("cached groups = %q, %v; want apps2 (the stale pass must not be cached)", g, err)
	}
	// A new cache over the same directory (a new process) reads what the first one kept.
	m = newCache(client(t, s.URL), s.URL)
	if g, err := groupsOf(); err != nil || !strings.Contains(g, "apps2") {
		t.Fatalf("groups of a new cache = %q, %v; want apps2", g, err)
	}
}

// A caller that joined a discovery pass is not failed by the context of the caller that started it.
func TestJoinedPassOutlivesItsStartersContext(t *testing.T) {
	var gated atomic.Bool
	entered := make(chan struct{})
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", aggregatedType)
		if r.URL.Path == "/apis" && gated.CompareAndSwap(false, true) {
			close(entered)
			<-r.Context().Done() // the first pass never gets an answer
			return
		}
		if r.URL.Path == "/api" {
			w.Write([]byte(aggregatedCore))
			return
		}
		w.Write([]byte(aggregatedGroups))
	}))
	t.Cleanup(s.Close)
	m := NewMemory(client(t, s.URL))
	starterCtx, cancel := context.WithCancel(context.Background())
	first := make(chan error, 1)
	go func() { _, err := m.ServerGroups(starterCtx); first <- err }()
	<-entered
	joined := make(chan error, 1)
	go func() { _, err := m.ServerGroups(context.Background()); joined <- err }()
	// The pass stays in flight until the starter is cancelled, so the second caller almost always
	// joins it first (had it not, it would start a pass of its own and the test could not fail).
	for range 100 {
		runtime.Gosched()
	}
	cancel()
	if err := <-first; !errors.Is(err, context.Canceled) {
		t.Fatalf("starter: %v, want context.Canceled", err)
	}
	if err := <-joined; err != nil {
		t.Fatalf("joined caller with a live context: %v", err)
	}
}
