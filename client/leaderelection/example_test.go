package leaderelection_test

import (
	"context"
	"fmt"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubegen/kubegen/client/leaderelection"
	"github.com/kubegen/kubegen/client/leaderelection/resourcelock"
	"github.com/kubegen/kubegen/kubernetes/fake"
)

// Lead with one candidate, step down, and release the Lease for the next one.
func Example() {
	clientset := fake.NewClientset() // a real clientset's CoordinationV1() works the same
	lock := &resourcelock.LeaseLock{
		LeaseMeta:  metav1.ObjectMeta{Namespace: "default", Name: "my-controller"},
		Client:     clientset.CoordinationV1(),
		LockConfig: resourcelock.ResourceLockConfig{Identity: "replica-a"},
	}
	ctx, cancel := context.WithCancel(context.Background())
	leaderelection.RunOrDie(ctx, leaderelection.LeaderElectionConfig{
		Lock:            lock,
		LeaseDuration:   15 * time.Second,
		RenewDeadline:   10 * time.Second,
		RetryPeriod:     2 * time.Second,
		ReleaseOnCancel: true,
		Callbacks: leaderelection.LeaderCallbacks{
			OnStartedLeading: func(ctx context.Context) {
				fmt.Println("started leading")
				cancel() // the work is done: step down
			},
			OnStoppedLeading: func() { fmt.Println("stopped leading") },
		},
	})
	lease, err := clientset.CoordinationV1().Leases("default").Get(context.Background(), "my-controller", metav1.GetOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Printf("holder after release: %q, transitions: %d\n", *lease.Spec.HolderIdentity, *lease.Spec.LeaseTransitions)
	// Output:
	// started leading
	// stopped leading
	// holder after release: "", transitions: 0
}
