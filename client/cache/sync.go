package cache

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Syncer is anything WaitForCacheSync can wait for: informers and handler registrations.
type Syncer interface {
	HasSynced() bool
}

// syncReporter is a Syncer that can say who it is and what went wrong.
type syncReporter interface {
	Syncer
	String() string
	LastSyncError() error
}

// SyncError says which caches did not sync before the wait ended, and why.
type SyncError struct {
	// Cause is why the wait ended, usually the context's error.
	Cause error
	// Unsynced lists the caches that had not synced, with their last list/watch error if any.
	Unsynced []UnsyncedCache
}

// UnsyncedCache is one cache that did not sync.
type UnsyncedCache struct {
	Name      string
	LastError error // nil if no list or watch had failed
}

// Error implements error.
func (e *SyncError) Error() string {
	parts := make([]string, len(e.Unsynced))
	for n, u := range e.Unsynced {
		parts[n] = u.Name
		if u.LastError != nil {
			parts[n] += " (last error: " + strings.TrimPrefix(u.LastError.Error(), u.Name+": ") + ")"
		} else {
			parts[n] += " (no list/watch error yet)"
		}
	}
	return fmt.Sprintf("cache: %v before %d cache(s) synced: %s", e.Cause, len(e.Unsynced), strings.Join(parts, "; "))
}

// Unwrap lets errors.Is and errors.As see the cause and every cache's last error, so that for
// example apierrors.IsForbidden(err) reports an RBAC problem.
func (e *SyncError) Unwrap() []error {
	errs := []error{e.Cause}
	for _, u := range e.Unsynced {
		if u.LastError != nil {
			errs = append(errs, u.LastError)
		}
	}
	return errs
}

// syncPoll is how often WaitForCacheSync checks caches that offer no Synced channel.
const syncPoll = 50 * time.Millisecond

// syncSignaller is a Syncer that closes a channel once synced, so waiting needs no polling.
type syncSignaller interface {
	Synced() <-chan struct{}
}

// WaitForCacheSync waits until every syncer has synced and returns nil, or returns a *SyncError
// naming the caches that had not synced when ctx ended, with their last list or watch error.
func WaitForCacheSync(ctx context.Context, syncers ...Syncer) error {
	for _, s := range syncers {
		if !waitFor(ctx, s) {
			if allSynced(syncers) {
				return nil
			}
			return newSyncError(ctx.Err(), syncers)
		}
	}
	return nil
}

// waitFor waits until s has synced; false means ctx ended first.
func waitFor(ctx context.Context, s Syncer) bool {
	if sig, ok := s.(syncSignaller); ok {
		select {
		case <-sig.Synced():
			return true
		case <-ctx.Done():
			return false
		}
	}
	ticker := time.NewTicker(syncPoll)
	defer ticker.Stop()
	for !s.HasSynced() {
		select {
		case <-ctx.Done():
			return false
		case <-ticker.C:
		}
	}
	return true
}

func allSynced(syncers []Syncer) bool {
	for _, s := range syncers {
		if !s.HasSynced() {
			return false
		}
	}
	return true
}

func newSyncError(cause error, syncers []Syncer) *SyncError {
	e := &SyncError{Cause: cause}
	for n, s := range syncers {
		if s.HasSynced() {
			continue
		}
		u := UnsyncedCache{Name: fmt.Sprintf("cache #%d (%T)", n+1, s)}
		if r, ok := s.(syncReporter); ok {
			u.Name, u.LastError = r.String(), r.LastSyncError()
		}
		e.Unsynced = append(e.Unsynced, u)
	}
	return e
}
