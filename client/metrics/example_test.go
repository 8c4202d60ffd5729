package metrics_test

import (
	"context"
	"log"
	"net/url"
	"sync/atomic"
	"time"

	"github.com/kubegen/kubegen/client/metrics"
)

// slowRequests counts requests slower than a second, by nothing but their number: the smallest
// adapter. examples/metrics is a whole one, serving Prometheus' text format.
type slowRequests struct{ n atomic.Int64 }

func (s *slowRequests) Observe(ctx context.Context, verb string, u url.URL, latency time.Duration) {
	if latency > time.Second {
		log.Printf("slow request #%d: %s %s took %s", s.n.Add(1), verb, u.Path, latency)
	}
}

// Register once, at start-up, before making clients. (Not run here: this test binary registers its
// recorder first, and only the first Register counts.)
func Example() {
	metrics.Register(metrics.RegisterOpts{RequestLatency: &slowRequests{}})
}
