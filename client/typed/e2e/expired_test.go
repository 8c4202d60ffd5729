//go:build e2e

package e2e_test

import (
	"context"
	"fmt"
	"testing"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/watch"

	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/client/typed"
)

// expiry describes how a watch from a forgotten resourceVersion failed.
func expiry(c typed.Interface[*corev1.ConfigMap, *corev1.ConfigMapList], rv string) string {
	w, err := c.Watch(context.Background(), metav1.ListOptions{ResourceVersion: rv})
	if err != nil {
		return fmt.Sprintf("watch call failed, expired %v", apierrors.IsResourceExpired(err))
	}
	defer w.Stop()
	ev, ok := <-w.ResultChan()
	if !ok {
		return "watch closed without an event"
	}
	status, isStatus := ev.Object.(*metav1.Status)
	if ev.Type != watch.Error || !isStatus {
		return fmt.Sprintf("first event %s %T", ev.Type, ev.Object)
	}
	err = &apierrors.StatusError{ErrStatus: *status}
	_, open := <-w.ResultChan()
	return fmt.Sprintf("ERROR event, expired %v, code %d, then closed %v", apierrors.IsResourceExpired(err), status.Code, !open)
}

// A watch from a resourceVersion the server no longer has (compacted, and the apiserver restarted) fails
// the same way on both: one ERROR event with 410 Expired, then the end of the watch.
func TestWatchFromCompactedResourceVersionMatchesFake(t *testing.T) {
	ctx := context.Background()
	real := configMaps(t, namespace(t), rest.ContentTypeJSON)
	first, err := real.Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "a"}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"b", "c"} {
		if _, err := real.Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: name}}, metav1.CreateOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := testCluster.CompactEtcd(ctx); err != nil {
		t.Fatal(err)
	}
	// A restarted apiserver's watch cache starts after the compaction, so it no longer has first's
	// resourceVersion, as after any restart that outlasts the history.
	if err := testCluster.Restart(); err != nil {
		t.Fatal(err)
	}

	tr := newTracker(t)
	fakeClient := fakeConfigMaps(tr, "ns")
	old, err := fakeClient.Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "a"}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"b", "c"} {
		if _, err := fakeClient.Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: name}}, metav1.CreateOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	tr.Compact()

	got, want := expiry(real, first.ResourceVersion), expiry(fakeClient, old.ResourceVersion)
	if got != want {
		t.Errorf("real apiserver: %s\nfake: %s", got, want)
	}
}
