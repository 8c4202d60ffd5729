//go:build e2e

package e2e_test

import (
	"context"
	"testing"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubegen/kubegen/client/rest"
)

// A list at a resourceVersion the server has not reached fails with a Timeout naming the cause
// ResourceVersionTooLarge on both. (The apiserver first waits a few seconds for the resourceVersion;
// retries are off so the test does not wait for them too.)
func TestListTooLargeResourceVersionMatchesFake(t *testing.T) {
	ctx := context.Background()
	ns := namespace(t)
	opts := metav1.ListOptions{ResourceVersion: "999999999"}
	var list corev1.ConfigMapList
	realErr := restClient(t, corev1.SchemeGroupVersion, rest.ContentTypeJSON).Get().Namespace(ns).Resource("configmaps").
		VersionedParams(&opts, nil).MaxRetries(0).Do(ctx).Into(&list)
	_, fakeErr := fakeConfigMaps(newTracker(t), ns).List(ctx, opts)
	for name, err := range map[string]error{"real": realErr, "fake": fakeErr} {
		if !apierrors.IsTimeout(err) || !apierrors.HasStatusCause(err, metav1.CauseTypeResourceVersionTooLarge) {
			t.Errorf("%s: got %v, want Timeout with cause %s", name, err, metav1.CauseTypeResourceVersionTooLarge)
		}
	}
}
