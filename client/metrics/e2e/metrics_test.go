//go:build e2e

package e2e_test

import (
	"context"
	"net/url"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubegen/kubegen/client/metrics"
	"github.com/kubegen/kubegen/kubernetes"
	"github.com/kubegen/kubegen/test/cluster"
)

var testCluster *cluster.Cluster

// observation is one call of a hook.
type observation struct {
	hook, verb, url, code, host string
	d                           time.Duration
}

type recorder struct {
	mu  sync.Mutex
	obs []observation
}

func (r *recorder) add(o observation) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.obs = append(r.obs, o)
}

func (r *recorder) take() []observation {
	r.mu.Lock()
	defer r.mu.Unlock()
	o := r.obs
	r.obs = nil
	return o
}

type latency struct {
	*recorder
	hook string
}

func (l latency) Observe(_ context.Context, verb string, u url.URL, d time.Duration) {
	l.add(observation{hook: l.hook, verb: verb, url: u.Scheme + "://" + u.Host + u.Path, host: u.Host, d: d})
}

type result struct{ *recorder }

func (r result) Increment(_ context.Context, code, method, host string) {
	r.add(observation{hook: "result", verb: method, code: code, host: host})
}

var rec = &recorder{}

func TestMain(m *testing.M) {
	metrics.Register(metrics.RegisterOpts{
		RequestLatency:     latency{rec, "latency"},
		RateLimiterLatency: latency{rec, "ratelimiter"},
		RequestResult:      result{rec},
	})
	os.Exit(cluster.Run(m, &testCluster))
}

// TestRealRequestsRecorded: requests to kube-apiserver through the blessed clientset record their
// latency under the URL template, their result code (201, 200 and 404) and their rate-limiter wait.
func TestRealRequestsRecorded(t *testing.T) {
	ctx := context.Background()
	cfg := testCluster.AdminConfig()
	cfg.QPS, cfg.Burst = 100, 10 // a rate limiter, whose waits are observed too
	cs, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ns := "metrics-e2e"
	if _, err := cs.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	cms := cs.CoreV1().ConfigMaps(ns)
	rec.take()

	if _, err := cms.Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "settings"}}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := cms.Get(ctx, "settings", metav1.GetOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := cms.Get(ctx, "absent", metav1.GetOptions{}); !apierrors.IsNotFound(err) {
		t.Fatalf("get absent: %v, want NotFound", err)
	}
	got := rec.take()

	host := testCluster.HostPort()
	base := "https://" + host + "/api/v1/namespaces/{namespace}/configmaps"
	type want struct{ hook, verb, url, code string }
	wants := []want{
		{"ratelimiter", "POST", base, ""}, {"result", "POST", "", "201"}, {"latency", "POST", base, ""},
		{"ratelimiter", "GET", base + "/{name}", ""}, {"result", "GET", "", "200"}, {"latency", "GET", base + "/{name}", ""},
		{"ratelimiter", "GET", base + "/{name}", ""}, {"result", "GET", "", "404"}, {"latency", "GET", base + "/{name}", ""},
	}
	var seen []want
	for _, o := range got {
		seen = append(seen, want{o.hook, o.verb, o.url, o.code})
		if o.host != host {
			t.Errorf("%s %s: host %q, want %q", o.hook, o.verb, o.host, host)
		}
		if o.hook == "latency" && o.d <= 0 {
			t.Errorf("%s %s: latency %s", o.verb, o.url, o.d)
		}
	}
	if !slices.Equal(seen, wants) {
		t.Errorf("observations:\n got %v\nwant %v", seen, wants)
	}
}
