package controller_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubegen/kubegen/client/cache"
	stablev1 "github.com/kubegen/kubegen/examples/crd/apis/stable/v1"
	"github.com/kubegen/kubegen/examples/crd/controller"
	"github.com/kubegen/kubegen/examples/crd/generated/clientset"
	"github.com/kubegen/kubegen/examples/crd/generated/informers"
)

// waitLimit bounds every wait for the controller to converge; tests never assert on durations.
const waitLimit = 30 * time.Second

// newCronTab returns a CronTab in namespace; replicas < 0 leaves spec.replicas unset.
func newCronTab(namespace, name string, replicas int32) *stablev1.CronTab {
	ct := &stablev1.CronTab{
		ObjectMeta: metav1.ObjectMeta{Namespace: namespace, Name: name},
		Spec:       stablev1.CronTabSpec{CronSpec: "*/5 * * * *", Image: "busybox:1"},
	}
	if replicas >= 0 {
		ct.Spec.Replicas = &replicas
	}
	return ct
}

// running is a controller started with its informer factory; stop ends both and returns Run's error.
type running struct {
	cancel context.CancelFunc
	done   chan error
	stop   func() error

	mu    sync.Mutex
	added []*stablev1.CronTab
}

// firstSeen returns the objects the informer handed to event handlers as adds: cached pointers.
func (r *running) firstSeen() []*stablev1.CronTab {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]*stablev1.CronTab(nil), r.added...)
}

// newFactory returns an informer factory over cs that never resyncs.
func newFactory(cs clientset.Interface) informers.SharedInformerFactory {
	return informers.NewSharedInformerFactory(cs, 0)
}

// start runs a controller over cs with opts until the test ends or stop is called.
func start(t *testing.T, cs clientset.Interface, opts controller.Options) *running {
	t.Helper()
	factory := newFactory(cs)
	c, err := controller.New(cs.StableV1(), factory.Stable().V1().CronTabs(), opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{cancel: cancel, done: make(chan error, 1)}
	_, err = factory.Stable().V1().CronTabs().TypedInformer().AddTypedEventHandler(cache.TypedResourceEventHandlerFuncs[*stablev1.CronTab]{
		AddFunc: func(ct *stablev1.CronTab) {
			r.mu.Lock()
			defer r.mu.Unlock()
			r.added = append(r.added, ct)
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	go func() { r.done <- c.Run(ctx) }()
	factory.Start(ctx.Done())
	stopped := false
	var runErr error
	r.stop = func() error {
		if !stopped {
			stopped = true
			cancel()
			runErr = <-r.done
			factory.Shutdown()
		}
		return runErr
	}
	t.Cleanup(func() {
		if err := r.stop(); err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	return r
}

// waitConverged waits until every CronTab of namespace (read from the server, not a cache) has
// the status its spec asks for, and returns them; it fails the test with the last state otherwise.
func waitConverged(t *testing.T, cs clientset.Interface, namespace string, want int) []stablev1.CronTab {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	var last string
	for {
		list, err := cs.StableV1().CronTabs(namespace).List(ctx, metav1.ListOptions{})
		if err == nil {
			stale := staleCronTabs(list.Items)
			if len(list.Items) == want && len(stale) == 0 {
				return list.Items
			}
			last = fmt.Sprintf("%d CronTabs (want %d), not up to date: %v", len(list.Items), want, stale)
		} else {
			last = err.Error()
		}
		select {
		case <-ctx.Done():
			t.Fatalf("the controller did not converge: %s", last)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// staleCronTabs describes the CronTabs whose status does not match their spec.
func staleCronTabs(items []stablev1.CronTab) []string {
	var stale []string
	for i := range items {
		if !controller.UpToDate(&items[i]) {
			ct := &items[i]
			stale = append(stale, fmt.Sprintf("%s(spec.replicas=%v status=%+v)", ct.Name, ptrValue(ct.Spec.Replicas), ct.Status))
		}
	}
	return stale
}

func ptrValue(p *int32) any {
	if p == nil {
		return "unset"
	}
	return *p
}
