//go:build e2e

package e2e

import (
	"errors"
	"net/http"
	"testing"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// TestTypedErrors checks that the apiserver's refusals come back as *StatusError values that
// apimachinery's predicates recognise, in both wire formats.
func TestTypedErrors(t *testing.T) {
	for _, contentType := range []string{jsonType, protobufType} {
		t.Run(contentType, func(t *testing.T) {
			t.Parallel()
			ns := newNamespace(t)
			cms := configMaps{restClient(t, testCluster.AdminConfig(), coreV1, contentType), ns}

			_, err := cms.get(t, "missing")
			wantStatus(t, "get a missing ConfigMap", err, apierrors.IsNotFound, http.StatusNotFound, metav1.StatusReasonNotFound)

			stale := cms.create(t, newConfigMap("twice", map[string]string{"v": "1"}))
			_, err = cms.c.Post().Namespace(ns).Resource("configmaps").Body(newConfigMap("twice", nil)).Do(t.Context()).Get()
			wantStatus(t, "create it again", err, apierrors.IsAlreadyExists, http.StatusConflict, metav1.StatusReasonAlreadyExists)

			fresh := stale.DeepCopy()
			fresh.Data["v"] = "2"
			if _, err := cms.update(t, fresh); err != nil {
				t.Fatalf("first update: %v", err)
			}
			stale.Data["v"] = "3"
			_, err = cms.update(t, stale)
			wantStatus(t, "update with a stale resourceVersion", err, apierrors.IsConflict, http.StatusConflict, metav1.StatusReasonConflict)
		})
	}
}

func wantStatus(t *testing.T, step string, err error, is func(error) bool, code int32, reason metav1.StatusReason) {
	t.Helper()
	var status *apierrors.StatusError
	if !errors.As(err, &status) {
		t.Fatalf("%s: %#v, want a *StatusError", step, err)
	}
	if !is(err) || status.Status().Code != code || status.Status().Reason != reason {
		t.Fatalf("%s: %v (code %d, reason %s), want code %d reason %s", step, err,
			status.Status().Code, status.Status().Reason, code, reason)
	}
}
