package resourcelock

import (
	"context"
	"errors"
	"fmt"
	"time"

	coordinationv1 "k8s.io/api/coordination/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/kubegen/kubegen/client/rest"
	coordinationclient "github.com/kubegen/kubegen/kubernetes/typed/coordination/v1"
)

// Lock types accepted by New. Only LeasesResourceLock is supported; the others name locks that
// client-go has removed.
const (
	LeasesResourceLock           = "leases"
	endpointsResourceLock        = "endpoints"
	configMapsResourceLock       = "configmaps"
	endpointsLeasesResourceLock  = "endpointsleases"
	configMapsLeasesResourceLock = "configmapsleases"
)

// LeaderElectionRecord is the state of an election as stored in the lock. Candidates compare
// records only for change: the times in it come from the holder's clock and are never trusted.
type LeaderElectionRecord struct {
	// HolderIdentity is the identity of the leader; empty when the lock is free (released).
	HolderIdentity string `json:"holderIdentity"`
	// LeaseDurationSeconds is how long other candidates wait, after seeing the record change,
	// before they may take the lock.
	LeaseDurationSeconds int `json:"leaseDurationSeconds"`
	// AcquireTime is when the holder acquired the lock.
	AcquireTime metav1.Time `json:"acquireTime"`
	// RenewTime is when the holder last renewed the lock.
	RenewTime metav1.Time `json:"renewTime"`
	// LeaderTransitions counts changes of holder.
	LeaderTransitions int `json:"leaderTransitions"`
	// Strategy and PreferredHolder are the coordinated leader election fields of a Lease; they are
	// carried through unchanged.
	Strategy        coordinationv1.CoordinatedLeaseStrategy `json:"strategy"`
	PreferredHolder string                                  `json:"preferredHolder"`
}

// EventRecorder records an event about the lock object (client-go's record.EventRecorder
// satisfies it).
type EventRecorder interface {
	Eventf(obj runtime.Object, eventType, reason, message string, args ...any)
}

// ResourceLockConfig is what every lock needs besides its object.
type ResourceLockConfig struct {
	// Identity names this candidate; unique among the candidates of one election.
	Identity string
	// EventRecorder, when set, is told when this candidate becomes or stops being the leader.
	EventRecorder EventRecorder
}

// Interface is a lock leader election can read and write. Implementations must make Update fail
// (with a Conflict) when the lock changed since it was last read or written through them.
type Interface interface {
	// Get reads the record; the bytes are an encoding of it that changes whenever it changes.
	Get(ctx context.Context) (*LeaderElectionRecord, []byte, error)
	// Create creates the lock holding ler.
	Create(ctx context.Context, ler LeaderElectionRecord) error
	// Update replaces the record, failing if the lock changed since this lock last read or wrote it.
	Update(ctx context.Context, ler LeaderElectionRecord) error
	// RecordEvent records an event about the lock, e.g. "became leader".
	RecordEvent(string)
	// Identity returns the candidate's identity.
	Identity() string
	// Describe names the lock for logs, e.g. "namespace/name".
	Describe() string
}

// New returns a lock of type lockType ("leases") on the object namespace/name. coreClient is
// accepted for client-go's signature and unused: no supported lock lives in the core group.
func New(lockType, namespace, name string, coreClient any, coordinationClient coordinationclient.CoordinationV1Interface, rlc ResourceLockConfig) (Interface, error) {
	return NewWithLabels(lockType, namespace, name, coreClient, coordinationClient, rlc, nil)
}

// NewWithLabels is New with labels that each new holder sets on the Lease.
func NewWithLabels(lockType, namespace, name string, _ any, coordinationClient coordinationclient.CoordinationV1Interface, rlc ResourceLockConfig, labels map[string]string) (Interface, error) {
	switch lockType {
	case LeasesResourceLock:
	case endpointsResourceLock, configMapsResourceLock, endpointsLeasesResourceLock, configMapsLeasesResourceLock:
		return nil, fmt.Errorf("resourcelock: %s lock is removed, migrate to %s", lockType, LeasesResourceLock)
	default:
		return nil, fmt.Errorf("resourcelock: invalid lock type %q (only %q is supported)", lockType, LeasesResourceLock)
	}
	if coordinationClient == nil {
		return nil, errors.New("resourcelock: coordination client is nil")
	}
	return &LeaseLock{
		LeaseMeta:  metav1.ObjectMeta{Namespace: namespace, Name: name},
		Client:     coordinationClient,
		LockConfig: rlc,
		Labels:     labels,
	}, nil
}

// NewFromKubeconfig returns a lock whose client is built from config with a request timeout of
// half of renewDeadline (at least a second), so that one hung request cannot use up the time the
// leader has to renew.
func NewFromKubeconfig(lockType, namespace, name string, rlc ResourceLockConfig, config *rest.Config, renewDeadline time.Duration) (Interface, error) {
	if config == nil {
		return nil, errors.New("resourcelock: rest config is nil")
	}
	c := rest.CopyConfig(config)
	c.Timeout = max(time.Second, renewDeadline/2)
	if c.UserAgent == "" {
		c.UserAgent = rest.DefaultUserAgent()
	}
	c.UserAgent += "/leader-election"
	client, err := coordinationclient.NewForConfig(c)
	if err != nil {
		return nil, fmt.Errorf("resourcelock: %w", err)
	}
	return New(lockType, namespace, name, nil, client, rlc)
}
