package controller

import (
	"context"
	"errors"
	"fmt"
	"time"

	"k8s.io/apimachinery/pkg/api/equality"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubegen/kubegen/client/cache"
	stablev1 "github.com/kubegen/kubegen/examples/crd/apis/stable/v1"
	typedstablev1 "github.com/kubegen/kubegen/examples/crd/generated/clientset/typed/stable/v1"
	listersstablev1 "github.com/kubegen/kubegen/examples/crd/generated/listers/stable/v1"
)

// FieldManager is the field manager the controller writes status with.
const FieldManager = "crontab-controller"

// NameLabel is the label key of the pods a CronTab runs; status.labelSelector selects
// NameLabel=<name of the CronTab>.
const NameLabel = "stable.example.com/crontab"

// DefaultReplicas is the replica count of a CronTab whose spec.replicas is unset.
const DefaultReplicas int32 = 1

// ErrInvalidKey is wrapped by the error of Reconcile for a key that is not "namespace/name" or
// "name". Retrying such a key cannot help, so the controller drops it.
var ErrInvalidKey = errors.New("invalid key")

// Reconciler brings the status of one CronTab in line with its spec. It reads from Lister (an
// informer's cache) and writes through Client; it is safe for concurrent use on different keys.
type Reconciler struct {
	// Client writes the status subresource.
	Client typedstablev1.CronTabsGetter
	// Lister reads the CronTabs from the informer's cache.
	Lister listersstablev1.CronTabLister
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
}

// Reconcile makes the status of the CronTab named by key ("namespace/name") match its spec. A
// CronTab that no longer exists, or is being deleted, needs nothing. The error of a failed status
// write is returned as is (wrapped), so callers can test it with apierrors.IsConflict.
func (r *Reconciler) Reconcile(ctx context.Context, key string) error {
	namespace, name, err := cache.SplitKey(key)
	if err != nil {
		return fmt.Errorf("crontab controller: %w %q: %w", ErrInvalidKey, key, err)
	}
	cached, err := r.Lister.CronTabs(namespace).Get(name)
	if apierrors.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("crontab controller: reading CronTab %s from the cache: %w", key, err)
	}
	if cached.DeletionTimestamp != nil {
		return nil
	}
	status := DesiredStatus(cached, r.now())
	if equality.Semantic.DeepEqual(cached.Status, status) {
		return nil
	}
	updated := cached.DeepCopy() // the cached object is shared: never write to it
	updated.Status = status
	_, err = r.Client.CronTabs(namespace).UpdateStatus(ctx, updated, metav1.UpdateOptions{FieldManager: FieldManager})
	if apierrors.IsNotFound(err) {
		return nil // deleted meanwhile
	}
	if err != nil {
		return fmt.Errorf("crontab controller: updating the status of CronTab %s: %w", key, err)
	}
	return nil
}

func (r *Reconciler) now() time.Time {
	if r.Now == nil {
		return time.Now()
	}
	return r.Now()
}

// DesiredStatus returns the status ct should have at time now: replicas from the spec (1 when
// unset), the label selector of its pods, and lastScheduleTime set to now (to the second, as the
// API stores it) when the replica count changes or was never recorded, kept otherwise.
func DesiredStatus(ct *stablev1.CronTab, now time.Time) stablev1.CronTabStatus {
	status := *ct.Status.DeepCopy()
	replicas := DefaultReplicas
	if ct.Spec.Replicas != nil {
		replicas = *ct.Spec.Replicas
	}
	if status.LastScheduleTime == nil || status.Replicas != replicas {
		scheduled := metav1.NewTime(now).Rfc3339Copy()
		status.LastScheduleTime = &scheduled
	}
	status.Replicas = replicas
	status.LabelSelector = NameLabel + "=" + ct.Name
	return status
}

// UpToDate reports whether the status of ct already says what its spec asks for, i.e. whether
// the controller has nothing left to do for it.
func UpToDate(ct *stablev1.CronTab) bool {
	return ct.Status.LastScheduleTime != nil && equality.Semantic.DeepEqual(ct.Status, DesiredStatus(ct, time.Time{}))
}
