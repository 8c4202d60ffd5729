package leaderelection

import (
	"fmt"
	"net/http"
	"sync"
	"time"
)

// HealthzAdaptor is a health check that fails when this process's candidate believes it leads
// but has not renewed its lease for LeaseDuration plus the adaptor's timeout — a leader stuck
// without stepping down, which a liveness probe should restart. It can be registered before the
// election starts; until then it reports healthy.
type HealthzAdaptor struct {
	mu      sync.Mutex
	le      *LeaderElector
	timeout time.Duration
}

// NewLeaderHealthzAdaptor returns an adaptor that tolerates a lease expired by up to timeout.
func NewLeaderHealthzAdaptor(timeout time.Duration) *HealthzAdaptor {
	return &HealthzAdaptor{timeout: timeout}
}

// Name returns the name of the check, "leaderElection".
func (h *HealthzAdaptor) Name() string { return "leaderElection" }

// Check returns nil while healthy, else a *StaleLeaderError.
func (h *HealthzAdaptor) Check(*http.Request) error {
	h.mu.Lock()
	le := h.le
	h.mu.Unlock()
	if le == nil {
		return nil
	}
	return le.Check(h.timeout)
}

// SetLeaderElection ties the adaptor to a candidate (RunOrDie and Run do this for
// LeaderElectionConfig.WatchDog).
func (h *HealthzAdaptor) SetLeaderElection(le *LeaderElector) {
	h.mu.Lock()
	h.le = le
	h.mu.Unlock()
}

// ServeHTTP answers 200 "ok" while healthy and 500 with the reason otherwise, so the adaptor can
// be mounted as a /healthz handler on its own.
func (h *HealthzAdaptor) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := h.Check(r); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	fmt.Fprintln(w, "ok")
}

// StaleLeaderError is a leader that has not renewed its lease for longer than allowed.
type StaleLeaderError struct {
	// Name is the election's configured name; Lock describes its lock.
	Name, Lock string
	// Since is the time since the leader last renewed.
	Since time.Duration
}

func (e *StaleLeaderError) Error() string {
	return fmt.Sprintf("leaderelection: leader of %q (lock %s) has not renewed its lease for %s", e.Name, e.Lock, e.Since.Round(time.Millisecond))
}
