// Package resourcelock is where leader election keeps its state: the LeaderElectionRecord (who
// holds the lock, since when, for how long) and the lock that reads and writes it, a
// coordination.k8s.io/v1 Lease.
//
//	lock := &resourcelock.LeaseLock{
//		LeaseMeta:  metav1.ObjectMeta{Namespace: "kube-system", Name: "my-controller"},
//		Client:     clientset.CoordinationV1(),
//		LockConfig: resourcelock.ResourceLockConfig{Identity: hostname},
//	}
//
// Every write is an update carrying the resourceVersion the lock last read, so two candidates
// racing for the lock cannot both win: the loser gets a Conflict.
//
// The names and signatures are client-go's (k8s.io/client-go/tools/leaderelection/resourcelock).
// Only Lease locks exist; the Endpoints and ConfigMap locks client-go removed are refused by New
// with the same errors.
//
// Layer: controller toolkit. It imports the blessed clientset's coordination/v1 typed client
// (kubernetes/typed/coordination/v1), client/rest, k8s.io/api (coordination/v1 and core/v1) and
// apimachinery.
package resourcelock
