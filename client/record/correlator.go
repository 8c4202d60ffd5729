package record

import (
	"container/list"
	"context"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/klog/v2"
)

// Correlator defaults, client-go's.
const (
	defaultCacheSize   = 4096
	defaultBurst       = 25
	defaultQPS         = 1. / 300.
	defaultMaxEvents   = 10
	defaultMaxInterval = 600
)

// combinedPrefix starts the message of an event standing for many similar ones.
const combinedPrefix = "(combined from similar events): "

func (o CorrelatorOptions) withDefaults() CorrelatorOptions {
	if o.LRUCacheSize <= 0 {
		o.LRUCacheSize = defaultCacheSize
	}
	if o.BurstSize <= 0 {
		o.BurstSize = defaultBurst
	}
	if o.QPS <= 0 {
		o.QPS = defaultQPS
	}
	if o.MaxEvents <= 0 {
		o.MaxEvents = defaultMaxEvents
	}
	if o.MaxIntervalInSeconds <= 0 {
		o.MaxIntervalInSeconds = defaultMaxInterval
	}
	if o.Clock == nil {
		o.Clock = time.Now
	}
	return o
}

// correlator decides what of an event reaches the sink: dropped as spam, combined with similar
// events, or written as another occurrence of an event already written.
type correlator struct {
	mu   sync.Mutex
	opts CorrelatorOptions
	spam *lru[*bucket]
	agg  *lru[*group]
	seen *lru[occurrence]
}

// bucket is the token bucket of one source and object.
type bucket struct {
	tokens float64
	last   time.Time
}

// group is the recent messages of one source, object, type and reason.
type group struct {
	messages map[string]struct{}
	last     time.Time
}

// occurrence is what the sink holds of an event written before.
type occurrence struct {
	count           int32
	first           metav1.Time
	name            string
	resourceVersion string
}

// correlated is an event ready for the sink: created, or patched with patch when it repeats one.
type correlated struct {
	event  *corev1.Event
	key    string
	patch  []byte
	update bool
}

func newCorrelator(opts CorrelatorOptions) *correlator {
	opts = opts.withDefaults()
	return &correlator{
		opts: opts,
		spam: newLRU[*bucket](opts.LRUCacheSize),
		agg:  newLRU[*group](opts.LRUCacheSize),
		seen: newLRU[occurrence](opts.LRUCacheSize),
	}
}

func join(parts ...string) string { return strings.Join(parts, "\x00") }

func objectKey(e *corev1.Event) string {
	o := e.InvolvedObject
	return join(e.Source.Component, e.Source.Host, o.Kind, o.Namespace, o.Name, string(o.UID), o.APIVersion, e.Type)
}

// correlate returns what to write for e, or false when e is dropped as spam.
func (c *correlator) correlate(e *corev1.Event) (correlated, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.opts.Clock()
	if !c.allow(objectKey(e), now) {
		return correlated{}, false
	}
	key := join(objectKey(e), e.InvolvedObject.FieldPath, e.Reason, e.Message)
	groupKey := join(objectKey(e), e.Reason, e.ReportingController, e.ReportingInstance)
	if c.combine(groupKey, e.Message, now) {
		e.Message = combinedPrefix + e.Message
		key = groupKey
	}
	out := correlated{event: e, key: key}
	if prev, ok := c.seen.get(key); ok {
		e.Name = prev.name
		e.ResourceVersion = prev.resourceVersion
		e.FirstTimestamp = prev.first
		e.Count = prev.count + 1
		patch, err := json.Marshal(map[string]any{"count": e.Count, "lastTimestamp": e.LastTimestamp, "message": e.Message})
		if err == nil {
			out.patch, out.update = patch, true
		}
	}
	c.seen.add(key, occurrence{count: e.Count, first: e.FirstTimestamp, name: e.Name, resourceVersion: e.ResourceVersion})
	return out, true
}

// allow takes a token from the bucket of key, refilled at QPS up to BurstSize.
func (c *correlator) allow(key string, now time.Time) bool {
	b, ok := c.spam.get(key)
	if !ok {
		b = &bucket{tokens: float64(c.opts.BurstSize), last: now}
		c.spam.add(key, b)
	}
	b.tokens = math.Min(float64(c.opts.BurstSize), b.tokens+now.Sub(b.last).Seconds()*float64(c.opts.QPS))
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// combine records message in the group of key and reports whether the group has reached MaxEvents
// different messages within MaxIntervalInSeconds, so that the event is combined.
func (c *correlator) combine(key, message string, now time.Time) bool {
	g, ok := c.agg.get(key)
	if !ok || now.Sub(g.last) > time.Duration(c.opts.MaxIntervalInSeconds)*time.Second {
		g = &group{messages: map[string]struct{}{}}
		c.agg.add(key, g)
	}
	g.last = now
	g.messages[message] = struct{}{}
	return len(g.messages) >= c.opts.MaxEvents
}

// written records what the sink returned for the event of key.
func (c *correlator) written(key string, e *corev1.Event) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seen.add(key, occurrence{count: e.Count, first: e.FirstTimestamp, name: e.Name, resourceVersion: e.ResourceVersion})
}

// writeEvent writes out to sink and reports whether it is done with it: written, or refused for
// good. false means a failure worth retrying.
func writeEvent(ctx context.Context, sink EventSink, out correlated, c *correlator) bool {
	var (
		stored *corev1.Event
		err    error
	)
	if out.update {
		stored, err = sink.Patch(out.event, out.patch)
	}
	if !out.update || apierrors.IsNotFound(err) {
		// A new event, or the one it repeats is gone (expired or deleted): create it.
		e := out.event.DeepCopy()
		e.ResourceVersion = ""
		stored, err = sink.Create(e)
	}
	if err == nil {
		c.written(out.key, stored)
		return true
	}
	logger := klog.FromContext(ctx)
	var status apierrors.APIStatus
	switch {
	case apierrors.IsAlreadyExists(err):
		logger.V(5).Info("Server rejected event (will not retry)", "event", klog.KObj(out.event), "err", err)
		return true
	case errors.As(err, &status):
		logger.Error(err, "Server rejected event (will not retry)", "event", klog.KObj(out.event))
		return true
	}
	logger.Error(err, "Unable to write event (may retry after sleeping)", "event", klog.KObj(out.event))
	return false
}

// lru is a map of at most size keys that forgets the least recently used one.
type lru[V any] struct {
	size  int
	order *list.List // of *lruEntry[V], most recent first
	items map[string]*list.Element
}

type lruEntry[V any] struct {
	key   string
	value V
}

func newLRU[V any](size int) *lru[V] {
	return &lru[V]{size: size, order: list.New(), items: map[string]*list.Element{}}
}

func (l *lru[V]) get(key string) (V, bool) {
	if el, ok := l.items[key]; ok {
		l.order.MoveToFront(el)
		return el.Value.(*lruEntry[V]).value, true
	}
	var zero V
	return zero, false
}

func (l *lru[V]) add(key string, value V) {
	if el, ok := l.items[key]; ok {
		el.Value.(*lruEntry[V]).value = value
		l.order.MoveToFront(el)
		return
	}
	l.items[key] = l.order.PushFront(&lruEntry[V]{key: key, value: value})
	if l.order.Len() > l.size {
		oldest := l.order.Back()
		l.order.Remove(oldest)
		delete(l.items, oldest.Value.(*lruEntry[V]).key)
	}
}
