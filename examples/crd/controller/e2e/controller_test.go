//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	stablev1 "github.com/kubegen/kubegen/examples/crd/apis/stable/v1"
	"github.com/kubegen/kubegen/examples/crd/controller"
	"github.com/kubegen/kubegen/examples/crd/generated/clientset"
	"github.com/kubegen/kubegen/examples/crd/generated/informers"
	"github.com/kubegen/kubegen/test/cluster"
)

// startController runs the controller over cs in namespace until the test ends; the returned
// channel receives Run's result.
func startController(t *testing.T, cs clientset.Interface, namespace string, opts controller.Options) (context.CancelFunc, <-chan error) {
	t.Helper()
	factory := informers.NewSharedInformerFactoryWithOptions(cs, 0, informers.WithNamespace(namespace))
	c, err := controller.New(cs.StableV1(), factory.Stable().V1().CronTabs(), opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Run(ctx) }()
	factory.Start(ctx.Done())
	t.Cleanup(func() {
		cancel()
		factory.Shutdown()
	})
	return cancel, done
}

func TestControllerSurvivesAPIServerRestart(t *testing.T) {
	installCRD(t)
	ns := createNamespace(t, "crontab-restart")
	cs := adminClient(t)
	ctx := context.Background()
	t.Cleanup(func() {
		if err := testCluster.StartAPIServer(); err != nil { // for the next tests, should this one fail midway
			t.Error(err)
		}
	})
	cancel, done := startController(t, cs, ns, controller.Options{Workers: 2})

	want := map[string]int32{}
	for i := range 10 {
		name := fmt.Sprintf("ct-%d", i)
		want[name] = int32(i % 4)
		if _, err := cs.StableV1().CronTabs(ns).Create(ctx, newCronTab(name, want[name]), metav1.CreateOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	checkReplicas(t, waitConverged(t, cs, ns, len(want)), want)

	// Scale some right before the crash, so that status writes are queued or in flight when the
	// apiserver dies, and the controller's watch breaks without a goodbye.
	for i := range 5 {
		name := fmt.Sprintf("ct-%d", i)
		want[name] = int32(10 + i)
		if err := scale(ctx, cs, ns, name, want[name]); err != nil {
			t.Fatal(err)
		}
	}
	testCluster.StopAPIServer()
	// Compacting etcd meanwhile makes the informer's resourceVersion too old to resume its
	// watch from: it must notice the 410 and list again.
	if _, err := testCluster.CompactEtcd(ctx); err != nil {
		t.Fatal(err)
	}
	if err := testCluster.StartAPIServer(); err != nil {
		t.Fatal(err)
	}
	for i := 10; i < 15; i++ {
		name := fmt.Sprintf("ct-%d", i)
		want[name] = int32(i % 4)
		if _, err := cs.StableV1().CronTabs(ns).Create(ctx, newCronTab(name, want[name]), metav1.CreateOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	for i := 5; i < 10; i++ {
		name := fmt.Sprintf("ct-%d", i)
		want[name] = int32(20 + i)
		if err := scale(ctx, cs, ns, name, want[name]); err != nil {
			t.Fatal(err)
		}
	}
	checkReplicas(t, waitConverged(t, cs, ns, len(want)), want)

	select {
	case err := <-done:
		t.Fatalf("Run returned while it should still run: %v", err)
	default:
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run after cancel: %v", err)
	}
}

func TestRunSaysWhyTheCacheDidNotSync(t *testing.T) {
	installCRD(t)
	config, err := testCluster.Config(cluster.Auth{User: cluster.Limited, Credential: cluster.TokenInline})
	if err != nil {
		t.Fatal(err)
	}
	cs, err := clientset.NewForConfig(config)
	if err != nil {
		t.Fatal(err)
	}
	_, done := startController(t, cs, "default", controller.Options{SyncTimeout: 3 * time.Second})
	err = <-done
	if err == nil {
		t.Fatal("Run returned nil for a user that may not list CronTabs")
	}
	for _, want := range []string{"did not sync", "crontabs", "forbidden"} {
		if !strings.Contains(strings.ToLower(err.Error()), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

// checkReplicas checks that every CronTab reports the replicas the test asked for.
func checkReplicas(t *testing.T, items []stablev1.CronTab, want map[string]int32) {
	t.Helper()
	for _, ct := range items {
		if w, ok := want[ct.Name]; !ok || ct.Status.Replicas != w {
			t.Errorf("%s: status.replicas = %d, want %d (known: %v)", ct.Name, ct.Status.Replicas, w, ok)
		}
	}
}
