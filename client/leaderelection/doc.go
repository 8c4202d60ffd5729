// Package leaderelection lets replicas of a controller agree on one leader through a lock — a
// coordination.k8s.io/v1 Lease (package resourcelock) — so that only the leader does the work.
//
//	lock := &resourcelock.LeaseLock{
//		LeaseMeta:  metav1.ObjectMeta{Namespace: "kube-system", Name: "my-controller"},
//		Client:     clientset.CoordinationV1(),
//		LockConfig: resourcelock.ResourceLockConfig{Identity: podName},
//	}
//	leaderelection.RunOrDie(ctx, leaderelection.LeaderElectionConfig{
//		Lock:            lock,
//		LeaseDuration:   15 * time.Second,
//		RenewDeadline:   10 * time.Second,
//		RetryPeriod:     2 * time.Second,
//		ReleaseOnCancel: true,
//		Callbacks: leaderelection.LeaderCallbacks{
//			OnStartedLeading: func(ctx context.Context) { runController(ctx) },
//			OnStoppedLeading: func() { klog.Info("stopped leading") },
//		},
//	})
//
// The names, configuration and callbacks are client-go's (k8s.io/client-go/tools/leaderelection);
// so are the rules:
//
//   - Candidates trust only their own clock and only the fact that the record changed, never the
//     times written in it, so clocks may be set arbitrarily apart. A candidate may take the lock
//     when it has seen no change for the LeaseDuration the holder wrote, counted from when it last
//     saw one.
//   - The leader renews every RetryPeriod and stops leading when no renewal succeeded within
//     RenewDeadline. Because RenewDeadline < LeaseDuration, it stops before anyone may take over,
//     as long as clocks run at rates within LeaseDuration/RenewDeadline of each other.
//   - Writes are optimistic-concurrency updates, so two candidates never both win one round.
//   - Identities must be unique per process (e.g. pod name plus a random suffix): a new process
//     reusing the identity of a dead leader takes its lease over at once.
//
// Deliberate differences from client-go, each making a failover faster or safer:
//
//   - Candidates that are not leading retry every 80–100% of RetryPeriod (client-go: 100–220%),
//     and also exactly when the observed lease expires, so a crashed leader is replaced within
//     LeaseDuration + RetryPeriod plus one request's latency.
//   - The leader counts RenewDeadline from the start of its last successful renewal and bounds
//     each attempt by what is left of it, so a hung request cannot keep it leading longer.
//   - A leader that finds its lease taken stops at once instead of retrying until RenewDeadline.
//   - ReleaseOnCancel releases only after OnStartedLeading has returned (but no later than the
//     lease would have expired), and never clears a lease another candidate holds; so the next
//     leader cannot start while this one's work is still running.
//   - LeaseDuration is written into the Lease rounded up to whole seconds, not down.
//   - OnNewLeader calls arrive in order and never with an empty identity.
//   - Coordinated leader election (alpha in client-go) and the metrics provider are not offered.
//
// Leader election is not fencing: a leader paused longer than LeaseDuration − RenewDeadline (a
// stopped VM, a long GC pause) may still act after another took over. Writes that must never
// overlap need their own guard, such as a resourceVersion precondition.
//
// Layer: controller toolkit, over package resourcelock, apimachinery and klog.
package leaderelection
