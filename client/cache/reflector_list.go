package cache

import (
	"context"
	"fmt"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/watch"
)

// maxPaginationRestarts bounds how often a paginated list starts over after its continue token
// expired before the reflector lists without pagination.
const maxPaginationRestarts = 3

// list lists everything (page by page) and replaces the store's content with it.
func (r *Reflector[T]) list(ctx context.Context) error {
	limit := max(r.opts.PageSize, 0)
	for restarts := 0; ; restarts++ {
		if restarts == maxPaginationRestarts {
			limit = 0
		}
		items, rv, err := r.listPages(ctx, limit)
		if err == errContinueExpired {
			continue
		}
		if err != nil {
			return fmt.Errorf("%s: list: %w", r.opts.Name, err)
		}
		return r.replace(items, rv)
	}
}

// Page sizes of a list whose PageSize was left to the default.
const (
	defaultPageSize = 500
	maxPageSize     = 5000
)

// pageSizeFor returns the limit of the pages after the first of a list of about total objects
// (the first page's size plus the server's remainingItemCount): a tenth of the total, between
// the first page's limit and maxPageSize. Ten pages keep the largest page, decoded in memory
// beside the cache being built, a small part of the whole.
func pageSizeFor(first, total int64) int64 {
	return min(max(total/10, first), max(first, maxPageSize))
}

// errContinueExpired says a paginated list must start over.
var errContinueExpired = fmt.Errorf("continue token expired")

// listPages fetches all pages of a consistent list.
func (r *Reflector[T]) listPages(ctx context.Context, limit int64) ([]T, string, error) {
	opts := metav1.ListOptions{Limit: limit}
	var items []T
	for {
		p, err := r.lw.list(ctx, opts)
		if err != nil {
			if opts.Continue != "" && isExpired(err) {
				return nil, "", errContinueExpired
			}
			return nil, "", err
		}
		if items == nil {
			items = make([]T, 0, int64(len(p.items))+p.remaining)
		}
		for _, obj := range p.items {
			items = append(items, r.transform(obj))
		}
		if p.cont == "" {
			return items, p.rv, nil
		}
		if opts.Continue == "" && r.adaptPages && limit > 0 {
			opts.Limit = pageSizeFor(limit, int64(len(p.items))+p.remaining)
		}
		opts.Continue = p.cont
	}
}

// watchList syncs with a streaming watch-list: the server sends the current objects as ADDED
// events, marks their end with a bookmark annotated k8s.io/initial-events-end, and the same watch
// then carries on with ordinary events.
func (r *Reflector[T]) watchList(ctx context.Context) (progressed bool, err error) {
	opts := r.watchOptions(r.LastSyncResourceVersion())
	send := true
	opts.SendInitialEvents = &send
	opts.ResourceVersionMatch = metav1.ResourceVersionMatchNotOlderThan
	w, err := r.lw.watch(ctx, opts)
	if err != nil {
		if isExpired(err) {
			r.expired()
		}
		return false, fmt.Errorf("%s: watch-list: %w", r.opts.Name, err)
	}
	if w == nil {
		return false, fmt.Errorf("%s: watch-list: the ListerWatcher returned no watch and no error", r.opts.Name)
	}
	defer w.Stop()
	started := time.Now()
	done, err := r.initialEvents(ctx, w)
	if err != nil || !done {
		return false, err
	}
	n, err := r.consume(ctx, w)
	return n > 0 || time.Since(started) > healthyWatch, err
}

// initialEvents collects the initial ADDED events of a watch-list up to the end bookmark and
// replaces the store's content with them. done is false when ctx ended first.
func (r *Reflector[T]) initialEvents(ctx context.Context, w watch.Interface) (done bool, err error) {
	var items []T
	for {
		select {
		case <-ctx.Done():
			return false, nil
		case ev, ok := <-w.ResultChan():
			if !ok {
				return false, fmt.Errorf("%s: watch-list: watch ended before the initial events did: %w", r.opts.Name, errWatchListUnsupported)
			}
			obj, end, err := r.initialEvent(ev)
			if err != nil {
				return false, err
			}
			if end {
				return true, r.replace(items, obj.GetResourceVersion())
			}
			if ev.Type == watch.Added {
				items = append(items, r.transform(obj))
			}
		}
	}
}

// initialEvent checks one event of the initial part of a watch-list; end reports the end bookmark.
func (r *Reflector[T]) initialEvent(ev watch.Event) (obj T, end bool, err error) {
	if obj, err = r.eventObject(ev, "watch-list"); err != nil {
		return obj, false, err
	}
	switch ev.Type {
	case watch.Added:
		return obj, false, nil
	case watch.Bookmark:
		return obj, obj.GetAnnotations()[metav1.InitialEventsAnnotationKey] == "true", nil
	}
	// A server that ignores sendInitialEvents sends changes without ever ending the initial events.
	return obj, false, fmt.Errorf("%s: watch-list: %s event before the initial events ended: %w", r.opts.Name, ev.Type, errWatchListUnsupported)
}
