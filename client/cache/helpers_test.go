package cache

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/watch"
)

// waitLimit bounds every wait in the tests, so that a bug fails the test instead of hanging it.
// It is never asserted on.
const waitLimit = 20 * time.Second

func cm(ns, name, rv string, labels ...string) *corev1.ConfigMap {
	c := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name, ResourceVersion: rv}}
	if len(labels) > 0 {
		c.Labels = map[string]string{}
		for i := 0; i+1 < len(labels); i += 2 {
			c.Labels[labels[i]] = labels[i+1]
		}
	}
	return c
}

func cmList(rv string, items ...*corev1.ConfigMap) *corev1.ConfigMapList {
	l := &corev1.ConfigMapList{ListMeta: metav1.ListMeta{ResourceVersion: rv}}
	for _, c := range items {
		l.Items = append(l.Items, *c)
	}
	return l
}

// listCall is a List the code under test made; the test answers it through reply.
type listCall struct {
	opts  metav1.ListOptions
	reply chan listReply
}

type listReply struct {
	list *corev1.ConfigMapList
	err  error
}

// watchCall is a Watch the code under test made; the test answers it with a watcher or an error.
type watchCall struct {
	opts  metav1.ListOptions
	reply chan watchReply
}

type watchReply struct {
	w   watch.Interface
	err error
}

// scriptedLW is a ListerWatcher whose every call is handed to the test to answer, so a test
// drives the exact sequence a reflector sees.
type scriptedLW struct {
	lists   chan listCall
	watches chan watchCall
}

func newScriptedLW() *scriptedLW {
	return &scriptedLW{lists: make(chan listCall), watches: make(chan watchCall)}
}

func (s *scriptedLW) List(ctx context.Context, opts metav1.ListOptions) (*corev1.ConfigMapList, error) {
	c := listCall{opts: opts, reply: make(chan listReply, 1)}
	select {
	case s.lists <- c:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	select {
	case r := <-c.reply:
		return r.list, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (s *scriptedLW) Watch(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error) {
	c := watchCall{opts: opts, reply: make(chan watchReply, 1)}
	select {
	case s.watches <- c:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	select {
	case r := <-c.reply:
		return r.w, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// SupportsWatchList makes scriptedLW a WatchListSupporter, as typed clients are.
func (s *scriptedLW) SupportsWatchList() bool { return true }

// expectList waits for the next List call, fails the test on a Watch call instead.
func (s *scriptedLW) expectList(t *testing.T) listCall {
	t.Helper()
	select {
	case c := <-s.lists:
		return c
	case c := <-s.watches:
		t.Fatalf("got Watch(rv=%q), want a List", c.opts.ResourceVersion)
	case <-time.After(waitLimit):
		t.Fatal("no List call")
	}
	return listCall{}
}

// expectWatch waits for the next Watch call, fails the test on a List call instead.
func (s *scriptedLW) expectWatch(t *testing.T) watchCall {
	t.Helper()
	select {
	case c := <-s.watches:
		return c
	case c := <-s.lists:
		t.Fatalf("got List(continue=%q), want a Watch", c.opts.Continue)
	case <-time.After(waitLimit):
		t.Fatal("no Watch call")
	}
	return watchCall{}
}

// answerList answers the next List call with list.
func (s *scriptedLW) answerList(t *testing.T, list *corev1.ConfigMapList) metav1.ListOptions {
	t.Helper()
	c := s.expectList(t)
	c.reply <- listReply{list: list}
	return c.opts
}

// answerWatch answers the next Watch call with a fresh fake watcher and returns it.
func (s *scriptedLW) answerWatch(t *testing.T) (*watch.RaceFreeFakeWatcher, metav1.ListOptions) {
	t.Helper()
	c := s.expectWatch(t)
	w := watch.NewRaceFreeFake()
	c.reply <- watchReply{w: w}
	return w, c.opts
}

// recorder is a ResourceEventHandler that records every call as a line of text.
type recorder struct {
	mu     sync.Mutex
	events []string
	signal chan struct{}
}

func newRecorder() *recorder { return &recorder{signal: make(chan struct{}, 1)} }

func (r *recorder) record(format string, args ...any) {
	r.mu.Lock()
	r.events = append(r.events, fmt.Sprintf(format, args...))
	r.mu.Unlock()
	select {
	case r.signal <- struct{}{}:
	default:
	}
}

func (r *recorder) OnAdd(obj *corev1.ConfigMap, initial bool) {
	r.record("add %s@%s initial=%v", MetaNamespaceKey(obj), obj.ResourceVersion, initial)
}

func (r *recorder) OnUpdate(old, obj *corev1.ConfigMap) {
	r.record("update %s@%s->%s", MetaNamespaceKey(obj), old.ResourceVersion, obj.ResourceVersion)
}

func (r *recorder) OnDelete(obj *corev1.ConfigMap) {
	r.record("delete %s@%s", MetaNamespaceKey(obj), obj.ResourceVersion)
}

func (r *recorder) snapshot() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.events...)
}

// waitFor waits until the recorder holds n events and returns them.
func (r *recorder) waitFor(t *testing.T, n int) []string {
	t.Helper()
	deadline := time.After(waitLimit)
	for {
		if got := r.snapshot(); len(got) >= n {
			return got
		}
		select {
		case <-r.signal:
		case <-deadline:
			t.Fatalf("got events %q, want %d", r.snapshot(), n)
		}
	}
}

// eventually polls cond until it holds; it fails the test if it never does.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("never happened: %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// fastBackoff keeps tests quick; tests assert on the sequence of calls, never on time.
var fastBackoff = Backoff{Initial: time.Millisecond, Max: 4 * time.Millisecond}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// answerWatchUnbuffered answers the next Watch call with an unbuffered fake watcher: each event
// sent blocks until the reflector has taken it.
func (s *scriptedLW) answerWatchUnbuffered(t *testing.T) *watch.FakeWatcher {
	t.Helper()
	c := s.expectWatch(t)
	w := watch.NewFake()
	c.reply <- watchReply{w: w}
	return w
}

func ptrTo[T any](v T) *T { return &v }
