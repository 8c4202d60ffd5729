package discovery

import (
	"context"
	"errors"
	"sync"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/version"
)

// CachedInterface is a discovery client that remembers what it learned until invalidated.
type CachedInterface interface {
	Interface
	// Invalidate forgets everything, so the next call asks the server again (e.g. after a CRD was
	// installed, or when a RESTMapper meets a kind it does not know).
	Invalidate()
	// Fresh reports whether everything cached was read from the server since the last Invalidate.
	Fresh() bool
}

// Memory caches a client's answers in memory. It is safe for concurrent use; concurrent callers of an
// empty cache share one discovery pass.
type Memory struct {
	client Interface
	load   func(ctx context.Context) (*snapshot, bool, error) // loads from a lower cache, or nil
	save   func(*snapshot)                                    // stores a fresh pass in the lower cache, or nil
	forget func()                                             // invalidates the lower cache, or nil

	mu       sync.Mutex
	snap     *snapshot
	fresh    bool
	inflight *pass
	version  *version.Info
}

type pass struct {
	done chan struct{}
	snap *snapshot
	err  error
}

var _ CachedInterface = (*Memory)(nil)

// NewMemory returns an in-memory cache over c: a *Client, or any other Interface (a fake's discovery,
// a wrapper), as with client-go's memory cache.
func NewMemory(c Interface) *Memory { return &Memory{client: c} }

// Invalidate forgets the cached answers.
func (m *Memory) Invalidate() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.snap, m.fresh, m.version = nil, false, nil
	m.inflight = nil // a pass in progress may hold the old answer: the next caller starts a new one
	if m.forget != nil {
		m.forget()
	}
}

// Fresh reports whether the cache was filled from the server since the last Invalidate.
func (m *Memory) Fresh() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.snap == nil || m.fresh
}

// snapshot returns the cached pass, running one (shared by concurrent callers) when empty.
func (m *Memory) snapshot(ctx context.Context) (*snapshot, error) {
	m.mu.Lock()
	if m.snap != nil {
		s := m.snap
		m.mu.Unlock()
		return s, nil
	}
	p := m.inflight
	if p == nil {
		p = &pass{done: make(chan struct{})}
		m.inflight = p
		m.mu.Unlock()
		var fresh bool
		if m.load != nil {
			p.snap, fresh, p.err = m.load(ctx)
		} else {
			p.snap, p.err = fetchAll(ctx, m.client)
			fresh = true
		}
		m.mu.Lock()
		if m.inflight == p { // else Invalidate ran meanwhile: do not cache what may be stale
			m.inflight = nil
			if p.err == nil {
				m.snap, m.fresh = p.snap, fresh
				if fresh && m.save != nil {
					m.save(p.snap) // under m.mu, so never after an Invalidate's forget
				}
			}
		}
		m.mu.Unlock()
		close(p.done)
	} else {
		m.mu.Unlock()
		select {
		case <-p.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if ctx.Err() == nil && (errors.Is(p.err, context.Canceled) || errors.Is(p.err, context.DeadlineExceeded)) {
			return m.snapshot(ctx) // the pass ended with the context of the caller that started it, not ours
		}
	}
	return p.snap, p.err
}

// ServerVersion returns the server's /version, cached.
func (m *Memory) ServerVersion(ctx context.Context) (*version.Info, error) {
	m.mu.Lock()
	v := m.version
	m.mu.Unlock()
	if v != nil {
		out := *v
		return &out, nil
	}
	v, err := m.client.ServerVersion(ctx)
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	m.version = v
	m.mu.Unlock()
	out := *v
	return &out, nil
}

// ServerGroups returns every group the server serves, cached.
func (m *Memory) ServerGroups(ctx context.Context) (*metav1.APIGroupList, error) {
	s, err := m.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	return s.groupList(), nil
}

// ServerGroupsAndResources returns the groups and all their resources, cached.
func (m *Memory) ServerGroupsAndResources(ctx context.Context) ([]*metav1.APIGroup, []*metav1.APIResourceList, error) {
	s, err := m.snapshot(ctx)
	if err != nil {
		return nil, nil, err
	}
	return s.groups(), s.resourceLists(), s.failure()
}

// ServerResourcesForGroupVersion returns one group/version's resources, cached; a group/version the
// cache does not know is asked of the server (and not cached).
func (m *Memory) ServerResourcesForGroupVersion(ctx context.Context, groupVersion string) (*metav1.APIResourceList, error) {
	s, err := m.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	if l, ok := s.Resources[groupVersion]; ok {
		return l.DeepCopy(), nil
	}
	return m.client.ServerResourcesForGroupVersion(ctx, groupVersion)
}

// ServerPreferredResources returns the preferred version's resources of each group, cached.
func (m *Memory) ServerPreferredResources(ctx context.Context) ([]*metav1.APIResourceList, error) {
	s, err := m.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	return s.preferred(), s.failure()
}
