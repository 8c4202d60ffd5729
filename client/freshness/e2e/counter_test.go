//go:build e2e

package e2e_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/kubegen/kubegen/client/cache"
	"github.com/kubegen/kubegen/client/freshness"
	"github.com/kubegen/kubegen/client/workqueue"
	"github.com/kubegen/kubegen/kubernetes"
	"github.com/kubegen/kubegen/test/cluster"
)

var testCluster *cluster.Cluster

func TestMain(m *testing.M) { os.Exit(cluster.Run(m, &testCluster)) }

const updates = 1000

// A controller handles each new value of data.trigger exactly once: it increments data.count and
// records data.handled with a merge patch (no resourceVersion precondition, as counters are often
// written). Reading its own previous write stale from the cache would make it handle a trigger
// again. 1,000 rapid trigger updates come from another client while it runs; every reconcile reads
// through freshness.Tracker, so no trigger is handled twice and the count matches.
func TestCounterNeverDoubleIncrements(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cfg := testCluster.AdminConfig()
	cfg.QPS = -1
	cs, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ns := "freshness-counter"
	if _, err := cs.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	cms := cs.CoreV1().ConfigMaps(ns)
	if _, err := cms.Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "work"},
		Data: map[string]string{"trigger": "0", "handled": "0", "count": "0"}}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}

	informer := cache.NewSharedIndexInformer[*corev1.ConfigMap](cms, 0, nil)
	tracker, err := freshness.NewTracker(informer, freshness.Options{Timeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	queue := workqueue.New(workqueue.Options[string]{})
	defer queue.ShutDown()
	enqueue := func(cm *corev1.ConfigMap) { queue.Add(cache.MetaNamespaceKey(cm)) }
	if _, err := informer.AddTypedEventHandler(cache.TypedResourceEventHandlerFuncs[*corev1.ConfigMap]{
		AddFunc: enqueue, UpdateFunc: func(_, cm *corev1.ConfigMap) { enqueue(cm) },
	}); err != nil {
		t.Fatal(err)
	}
	go informer.RunWithContext(ctx)
	if err := cache.WaitForCacheSync(ctx, informer); err != nil {
		t.Fatal(err)
	}

	var mu sync.Mutex
	handled := map[string]int{} // trigger value -> times handled
	increments := 0
	reconcile := func(key string) error {
		cm, found, err := tracker.Get(ctx, key)
		if err != nil || !found {
			return err
		}
		trigger, done := cm.Data["trigger"], cm.Data["handled"]
		if trigger == done {
			return nil
		}
		count, _ := strconv.Atoi(cm.Data["count"])
		patch := fmt.Sprintf(`{"data":{"handled":%q,"count":"%d"}}`, trigger, count+1)
		updated, err := cms.Patch(ctx, cm.Name, types.MergePatchType, []byte(patch), metav1.PatchOptions{})
		if err != nil {
			return err
		}
		tracker.Expect(updated)
		mu.Lock()
		handled[trigger]++
		increments++
		mu.Unlock()
		return nil
	}
	workerDone := make(chan struct{})
	go func() {
		defer close(workerDone)
		for {
			key, shutdown := queue.Get()
			if shutdown {
				return
			}
			if err := reconcile(key); err != nil {
				t.Errorf("reconcile %s: %v", key, err)
			}
			queue.Done(key)
		}
	}()

	for i := 1; i <= updates; i++ {
		patch := fmt.Sprintf(`{"data":{"trigger":"%d"}}`, i)
		if _, err := cms.Patch(ctx, "work", types.MergePatchType, []byte(patch), metav1.PatchOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	// Wait until the last trigger is handled.
	deadline := time.Now().Add(60 * time.Second)
	for {
		cm, err := cms.Get(ctx, "work", metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if cm.Data["handled"] == strconv.Itoa(updates) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("last trigger not handled: %v", cm.Data)
		}
		time.Sleep(50 * time.Millisecond)
	}
	queue.ShutDownWithDrain()
	<-workerDone

	cm, err := cms.Get(ctx, "work", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	for trigger, n := range handled {
		if n > 1 {
			t.Errorf("trigger %s handled %d times", trigger, n)
		}
	}
	if cm.Data["count"] != strconv.Itoa(increments) {
		t.Errorf("count = %s, want %d (one per handled trigger)", cm.Data["count"], increments)
	}
	t.Logf("%d trigger updates, %d reconciles handled a trigger", updates, increments)
}
