//go:build e2e

package e2e_test

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"sync"
	"syscall"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubegen/kubegen/client/kubeconfig"
	"github.com/kubegen/kubegen/client/leaderelection"
	"github.com/kubegen/kubegen/client/leaderelection/resourcelock"
	"github.com/kubegen/kubegen/kubernetes"
	corev1client "github.com/kubegen/kubegen/kubernetes/typed/core/v1"
)

// A candidate is this test binary run with these variables set.
const (
	envIdentity   = "KUBEGEN_LE_IDENTITY"
	envKubeconfig = "KUBEGEN_LE_KUBECONFIG"
	envNamespace  = "KUBEGEN_LE_NAMESPACE"
)

// The election's timing, short to keep the test fast.
const (
	leaseDuration = 2 * time.Second
	renewDeadline = time.Second
	retryPeriod   = 200 * time.Millisecond
)

const leaseName, fenceName = "election", "fence"

// Lines a candidate prints on stdout: "<event> <unix nanoseconds> <detail>".
const (
	evReady     = "READY"      // the client is built; the candidate starts competing
	evNewLeader = "NEW-LEADER" // detail: the identity observed
	evLeading   = "LEADING"    // OnStartedLeading was called
	evDone      = "DONE"       // the fenced writer stopped; detail: number of writes
	evViolation = "VIOLATION"  // a fenced write found another writer; detail: what was found
	evStopped   = "STOPPED"    // OnStoppedLeading was called
	evExit      = "EXIT"       // Run returned
)

var stdoutMu sync.Mutex

func emit(event string, detail any) {
	stdoutMu.Lock()
	defer stdoutMu.Unlock()
	fmt.Fprintf(os.Stdout, "%s %d %v\n", event, time.Now().UnixNano(), detail)
}

// runCandidate competes for the lease until SIGTERM (then releases it) or until it stops leading.
// While leading it keeps writing its identity into the fence ConfigMap, each write conditional on
// the resourceVersion of its previous one, so any write by another process in between shows.
func runCandidate() int {
	id, ns := os.Getenv(envIdentity), os.Getenv(envNamespace)
	cfg, err := kubeconfig.ConfigFromFlags("", os.Getenv(envKubeconfig))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	cfg.QPS = -1
	cs, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	emit(evReady, id)
	leaderelection.RunOrDie(ctx, leaderelection.LeaderElectionConfig{
		Lock: &resourcelock.LeaseLock{
			LeaseMeta:  metav1.ObjectMeta{Namespace: ns, Name: leaseName},
			Client:     cs.CoordinationV1(),
			LockConfig: resourcelock.ResourceLockConfig{Identity: id},
		},
		LeaseDuration:   leaseDuration,
		RenewDeadline:   renewDeadline,
		RetryPeriod:     retryPeriod,
		ReleaseOnCancel: true,
		Name:            "e2e",
		Callbacks: leaderelection.LeaderCallbacks{
			OnStartedLeading: func(ctx context.Context) {
				emit(evLeading, id)
				n, err := fencedWrites(ctx, cs.CoreV1().ConfigMaps(ns), id)
				if err != nil {
					emit(evViolation, err)
					os.Exit(3)
				}
				emit(evDone, n)
			},
			OnStoppedLeading: func() { emit(evStopped, id) },
			OnNewLeader:      func(leader string) { emit(evNewLeader, leader) },
		},
	})
	emit(evExit, id)
	return 0
}

// fencedWrites writes id into the fence until ctx is done and returns how many writes it made, or
// an error when another process wrote the fence after this leader first read it.
func fencedWrites(ctx context.Context, cms corev1client.ConfigMapInterface, id string) (int, error) {
	cm, err := cms.Get(ctx, fenceName, metav1.GetOptions{})
	for err != nil {
		if ctx.Err() != nil {
			return 0, nil
		}
		time.Sleep(10 * time.Millisecond)
		cm, err = cms.Get(ctx, fenceName, metav1.GetOptions{})
	}
	writes := 0
	for ctx.Err() == nil {
		next := cm.DeepCopy()
		next.Data = map[string]string{"holder": id, "seq": strconv.Itoa(writes)}
		updated, err := cms.Update(ctx, next, metav1.UpdateOptions{})
		switch {
		case err == nil:
			cm = updated
			writes++
		case ctx.Err() != nil:
		case apierrors.IsConflict(err):
			current, _ := cms.Get(context.Background(), fenceName, metav1.GetOptions{})
			return writes, fmt.Errorf("%s: fence changed under write %d: now %v (resourceVersion %s, mine %s)",
				id, writes, dataOf(current), rvOf(current), cm.ResourceVersion)
		default:
			// Unknown outcome: adopt the fence if it holds this write, else it must be unchanged.
			current, getErr := cms.Get(ctx, fenceName, metav1.GetOptions{})
			switch {
			case getErr != nil:
			case current.ResourceVersion == cm.ResourceVersion:
			case current.Data["holder"] == id && current.Data["seq"] == strconv.Itoa(writes):
				cm = current
				writes++
			default:
				return writes, fmt.Errorf("%s: fence changed under failed write %d (%v): now %v", id, writes, err, current.Data)
			}
		}
		select {
		case <-ctx.Done():
		case <-time.After(20 * time.Millisecond):
		}
	}
	return writes, nil
}

func dataOf(cm *corev1.ConfigMap) map[string]string {
	if cm == nil {
		return nil
	}
	return cm.Data
}

func rvOf(cm *corev1.ConfigMap) string {
	if cm == nil {
		return ""
	}
	return cm.ResourceVersion
}
