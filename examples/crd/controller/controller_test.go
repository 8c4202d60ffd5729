package controller_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/watch"

	clientfake "github.com/kubegen/kubegen/client/fake"
	clienttesting "github.com/kubegen/kubegen/client/testing"
	stablev1 "github.com/kubegen/kubegen/examples/crd/apis/stable/v1"
	"github.com/kubegen/kubegen/examples/crd/controller"
	"github.com/kubegen/kubegen/examples/crd/generated/clientset/fake"
)

var cronTabsResource = schema.GroupResource{Group: "stable.example.com", Resource: "crontabs"}

// newFake returns a fake clientset holding objects, failing the test on error.
func newFake(t *testing.T, objects ...runtime.Object) *fake.Clientset {
	t.Helper()
	cs, err := newFakeB(objects)
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// newFakeB returns a fake clientset holding deep copies of objects.
func newFakeB(objects []runtime.Object) (*fake.Clientset, error) {
	copies := make([]runtime.Object, len(objects))
	for i, o := range objects {
		copies[i] = o.DeepCopyObject()
	}
	return fake.NewClientsetOrError(copies...)
}

func TestControllerConvergesOnFake(t *testing.T) {
	ctx := context.Background()
	cs := newFake(t, newCronTab("default", "a", 2), newCronTab("default", "b", -1), newCronTab("other", "c", 0))
	start(t, cs, controller.Options{Workers: 3})

	items := waitConverged(t, cs, "default", 2)
	waitConverged(t, cs, "other", 1)
	if got := findCronTab(t, items, "b").Status.Replicas; got != controller.DefaultReplicas {
		t.Errorf("b: status.replicas = %d with spec.replicas unset, want %d", got, controller.DefaultReplicas)
	}
	untouched := findCronTab(t, items, "b")

	crontabs := cs.StableV1().CronTabs("default")
	a, err := crontabs.Get(ctx, "a", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	five := int32(5)
	a.Spec.Replicas = &five
	if _, err := crontabs.Update(ctx, a, metav1.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := crontabs.Create(ctx, newCronTab("default", "d", 4), metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	items = waitConverged(t, cs, "default", 3)
	if got := findCronTab(t, items, "a").Status.Replicas; got != 5 {
		t.Errorf("a: status.replicas = %d after scaling to 5", got)
	}
	if got := findCronTab(t, items, "b"); got.ResourceVersion != untouched.ResourceVersion {
		t.Errorf("b was written although it was up to date: resourceVersion %s, was %s", got.ResourceVersion, untouched.ResourceVersion)
	}
}

func TestControllerRetriesFailedStatusWrites(t *testing.T) {
	cases := []struct {
		name string
		err  error
	}{
		{"conflict", apierrors.NewConflict(cronTabsResource, "a", errors.New("the object has been modified"))},
		{"unavailable", apierrors.NewServiceUnavailable("etcd is away")},
		{"too many requests", apierrors.NewTooManyRequests("slow down", 0)},
		{"internal error", apierrors.NewInternalError(errors.New("boom"))},
	}
	const failures = 3
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cs := newFake(t, newCronTab("default", "a", 2))
			var attempts atomic.Int32
			cs.Tracker().PrependReactor("update", "crontabs/status", func(clientfake.Action) (bool, runtime.Object, error) {
				if attempts.Add(1) <= failures {
					return true, nil, tc.err
				}
				return false, nil, nil
			})
			start(t, cs, controller.Options{})
			waitConverged(t, cs, "default", 1)
			if got := attempts.Load(); got != failures+1 {
				t.Errorf("%d status writes, want %d failed ones and one that succeeded", got, failures+1)
			}
		})
	}
}

func TestControllerNeverMutatesTheCache(t *testing.T) {
	cs := newFake(t, newCronTab("default", "a", 2), newCronTab("default", "b", 3))
	var mu sync.Mutex
	var sent []*stablev1.CronTab
	cs.Tracker().PrependReactor("update", "crontabs/status", func(a clientfake.Action) (bool, runtime.Object, error) {
		mu.Lock()
		defer mu.Unlock()
		sent = append(sent, a.(clienttesting.UpdateAction).GetObject().(*stablev1.CronTab))
		return false, nil, nil
	})
	r := start(t, cs, controller.Options{})
	waitConverged(t, cs, "default", 2)
	if err := r.stop(); err != nil {
		t.Fatal(err)
	}
	// The objects of the first list never had a status: had the controller written into them
	// instead of into copies, the cached objects would now have one.
	for _, ct := range r.firstSeen() {
		if ct.Status.LastScheduleTime != nil || ct.Status.Replicas != 0 {
			t.Errorf("cached CronTab %s was mutated: status %+v", ct.Name, ct.Status)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	for _, s := range r.firstSeen() {
		for _, w := range sent {
			if s == w {
				t.Errorf("the status write of %s sent the cached object itself", s.Name)
			}
		}
	}
	if len(sent) != 2 {
		t.Errorf("%d status writes, want 2", len(sent))
	}
}

func TestControllerProcessesAKeyOnOneWorkerAtATime(t *testing.T) {
	var objects []runtime.Object
	for _, name := range []string{"a", "b", "c"} {
		objects = append(objects, newCronTab("default", name, 1))
	}
	cs := newFake(t, objects...)
	var mu sync.Mutex
	busy := map[string]bool{}
	var overlaps []string
	// Every status write fails the first 20 times with a short stall, while spec updates keep
	// queueing the same keys again: a key handed to two workers would show up twice here.
	var attempts atomic.Int32
	cs.Tracker().PrependReactor("update", "crontabs/status", func(a clientfake.Action) (bool, runtime.Object, error) {
		name := a.(clienttesting.UpdateAction).GetObject().(*stablev1.CronTab).Name
		mu.Lock()
		if busy[name] {
			overlaps = append(overlaps, name)
		}
		busy[name] = true
		mu.Unlock()
		time.Sleep(2 * time.Millisecond)
		mu.Lock()
		busy[name] = false
		mu.Unlock()
		if attempts.Add(1) <= 20 {
			return true, nil, apierrors.NewServiceUnavailable("busy")
		}
		return false, nil, nil
	})
	start(t, cs, controller.Options{Workers: 8})
	ctx := context.Background()
	for i := range int32(10) {
		for _, name := range []string{"a", "b", "c"} {
			scale(t, ctx, cs, "default", name, i+2)
		}
	}
	waitConverged(t, cs, "default", 3)
	mu.Lock()
	defer mu.Unlock()
	if len(overlaps) > 0 {
		t.Errorf("keys processed by two workers at once: %v", overlaps)
	}
}

func TestRunReportsACacheThatCannotSync(t *testing.T) {
	cs := newFake(t)
	cs.Tracker().PrependReactor("list", "crontabs", func(clientfake.Action) (bool, runtime.Object, error) {
		return true, nil, apierrors.NewForbidden(cronTabsResource, "", errors.New("RBAC: access denied"))
	})
	// The informer syncs with a watch-list by default, so RBAC must deny watch too, as it would.
	cs.Tracker().PrependWatchReactor("crontabs", func(clientfake.Action) (bool, watch.Interface, error) {
		return true, nil, apierrors.NewForbidden(cronTabsResource, "", errors.New("RBAC: access denied"))
	})
	factory := newFactory(cs)
	c, err := controller.New(cs.StableV1(), factory.Stable().V1().CronTabs(), controller.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	factory.Start(ctx.Done())
	defer factory.Shutdown()
	err = c.Run(ctx)
	if err == nil {
		t.Fatal("Run returned nil although the cache could not sync")
	}
	for _, want := range []string{"did not sync", "crontabs", "forbidden"} {
		if !strings.Contains(strings.ToLower(err.Error()), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %q does not wrap the context's error", err)
	}
}

func TestRunDrainsTheWorkInFlight(t *testing.T) {
	cs := newFake(t, newCronTab("default", "a", 1))
	entered := make(chan struct{})
	release := make(chan struct{})
	var finished atomic.Bool
	cs.Tracker().PrependReactor("update", "crontabs/status", func(a clientfake.Action) (bool, runtime.Object, error) {
		if !finished.Load() {
			close(entered)
			<-release
			finished.Store(true)
		}
		return false, nil, nil
	})
	r := start(t, cs, controller.Options{})
	<-entered
	r.cancel()
	go func() {
		time.Sleep(50 * time.Millisecond)
		close(release)
	}()
	if err := r.stop(); err != nil {
		t.Fatal(err)
	}
	if !finished.Load() {
		t.Error("Run returned while a worker was still writing a status")
	}
}

func scale(t *testing.T, ctx context.Context, cs *fake.Clientset, namespace, name string, replicas int32) {
	t.Helper()
	for {
		ct, err := cs.StableV1().CronTabs(namespace).Get(ctx, name, metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		ct.Spec.Replicas = &replicas
		_, err = cs.StableV1().CronTabs(namespace).Update(ctx, ct, metav1.UpdateOptions{})
		if !apierrors.IsConflict(err) {
			if err != nil {
				t.Fatal(err)
			}
			return
		}
	}
}

func findCronTab(t *testing.T, items []stablev1.CronTab, name string) *stablev1.CronTab {
	t.Helper()
	for i := range items {
		if items[i].Name == name {
			return &items[i]
		}
	}
	t.Fatalf("no CronTab %s", name)
	return nil
}
