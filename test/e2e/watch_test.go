//go:build e2e

package e2e

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/watch"
)

// TestWatchConfigMap watches one ConfigMap from its creation's resourceVersion, in both wire formats,
// and sees its update and deletion as typed events.
func TestWatchConfigMap(t *testing.T) {
	for _, contentType := range []string{jsonType, protobufType} {
		t.Run(contentType, func(t *testing.T) {
			t.Parallel()
			ns := newNamespace(t)
			cfg := testCluster.AdminConfig()
			seen := &contentTypes{}
			cfg.WrapTransport = seen.wrap
			core := restClient(t, cfg, coreV1, contentType)
			cms := configMaps{core, ns}
			created := cms.create(t, newConfigMap("watched", map[string]string{"v": "1"}))
			cms.create(t, newConfigMap("ignored", nil))

			opts := &metav1.ListOptions{Watch: true, ResourceVersion: created.ResourceVersion,
				FieldSelector: "metadata.name=watched"}
			w, err := core.Get().Namespace(ns).Resource("configmaps").VersionedParams(opts, parameterCodec).Watch(t.Context())
			if err != nil {
				t.Fatalf("watch: %v", err)
			}
			defer w.Stop()
			// The apiserver marks protobuf watch streams with stream=watch (JSON ones it leaves plain).
			got := seen.last()
			if !strings.HasPrefix(got, contentType) || contentType == protobufType && !strings.Contains(got, "stream=watch") {
				t.Fatalf("watch response Content-Type %q, want %s", got, contentType)
			}

			created.Data["v"] = "2"
			updated, err := cms.update(t, created)
			if err != nil {
				t.Fatalf("update: %v", err)
			}
			ev := nextEvent(t, w)
			cm, ok := ev.Object.(*corev1.ConfigMap)
			if ev.Type != watch.Modified || !ok || cm.Data["v"] != "2" || cm.ResourceVersion != updated.ResourceVersion {
				t.Fatalf("first event %s %#v, want Modified ConfigMap with v=2 at %s", ev.Type, ev.Object, updated.ResourceVersion)
			}
			if err := cms.delete(t, "watched"); err != nil {
				t.Fatal(err)
			}
			if ev := nextEvent(t, w); ev.Type != watch.Deleted || ev.Object.(*corev1.ConfigMap).Name != "watched" {
				t.Fatalf("second event %s %#v, want Deleted watched", ev.Type, ev.Object)
			}
		})
	}
}

// contentTypes records the Content-Type of every response.
type contentTypes struct {
	mu    sync.Mutex
	types []string
	next  http.RoundTripper
}

func (c *contentTypes) wrap(rt http.RoundTripper) http.RoundTripper {
	c.next = rt
	return c
}

// RoundTrip implements http.RoundTripper.
func (c *contentTypes) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := c.next.RoundTrip(req)
	if err == nil {
		c.mu.Lock()
		c.types = append(c.types, resp.Header.Get("Content-Type"))
		c.mu.Unlock()
	}
	return resp, err
}

func (c *contentTypes) last() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.types) == 0 {
		return ""
	}
	return c.types[len(c.types)-1]
}

// nextEvent returns the watch's next event. The minute-long limit only keeps a broken watch from hanging
// the test run; it is not a speed requirement.
func nextEvent(t *testing.T, w watch.Interface) watch.Event {
	t.Helper()
	select {
	case ev, ok := <-w.ResultChan():
		if !ok {
			t.Fatal("watch closed before the expected event")
		}
		if ev.Type == watch.Error {
			t.Fatalf("watch error event: %#v", ev.Object)
		}
		return ev
	case <-time.After(time.Minute):
		t.Fatal("no watch event within a minute")
	}
	return watch.Event{}
}

// TestWatchEndsWhenTheAPIServerDies kills kube-apiserver under an open watch: the result channel must
// close (a consumer then re-lists), not hang. The test restarts the apiserver for the tests after it;
// it does not run in parallel, so no other test sees the outage.
func TestWatchEndsWhenTheAPIServerDies(t *testing.T) {
	ns := newNamespace(t)
	core := restClient(t, testCluster.AdminConfig(), coreV1, protobufType)
	opts := &metav1.ListOptions{Watch: true}
	w, err := core.Get().Namespace(ns).Resource("configmaps").VersionedParams(opts, parameterCodec).Watch(t.Context())
	if err != nil {
		t.Fatalf("watch: %v", err)
	}
	defer w.Stop()

	testCluster.StopAPIServer()
	defer func() {
		if err := testCluster.StartAPIServer(); err != nil {
			t.Fatalf("restarting the apiserver: %v", err)
		}
	}()
	for {
		select {
		case ev, ok := <-w.ResultChan():
			if !ok {
				return
			}
			if ev.Type != watch.Error {
				t.Fatalf("unexpected %s event from a dead apiserver", ev.Type)
			}
		case <-time.After(time.Minute):
			t.Fatal("watch still open a minute after the apiserver died")
		}
	}
}
