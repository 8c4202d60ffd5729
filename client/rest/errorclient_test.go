package rest

import (
	"errors"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
)

// TestErrorClientFailsEveryRequest checks that each way of sending a request (and of building one
// with a body) returns the client's error, and that nothing panics on the way.
func TestErrorClientFailsEveryRequest(t *testing.T) {
	cause := errors.New("no client for you")
	gv := schema.GroupVersion{Group: "apps", Version: "v1"}
	c := ErrorClient(gv, cause)
	if c.APIVersion() != gv {
		t.Errorf("APIVersion() = %v, want %v", c.APIVersion(), gv)
	}
	ctx := t.Context()
	pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "p"}}
	sends := map[string]func() error{
		"Get.Do":        func() error { return c.Get().Resource("pods").Do(ctx).Error() },
		"Get.Do.Into":   func() error { return c.Get().Resource("pods").Do(ctx).Into(&corev1.Pod{}) },
		"Post.Body.Do":  func() error { return c.Post().Resource("pods").Body(pod).Do(ctx).Error() },
		"Patch.Body.Do": func() error { return c.Patch(types.MergePatchType).Body(pod).Do(ctx).Error() },
		"Put.DoRaw":     func() error { _, err := c.Put().Body([]byte("{}")).DoRaw(ctx); return err },
		"Delete.Do":     func() error { return c.Delete().Name("x").Do(ctx).Error() },
		"Verb.Do":       func() error { return c.Verb("get").Do(ctx).Error() },
		"Watch":         func() error { _, err := c.Get().Param("watch", "1").Watch(ctx); return err },
		"Stream":        func() error { _, err := c.Get().Stream(ctx); return err },
		"HTTPRequest":   func() error { _, err := c.Get().HTTPRequest(ctx); return err },
		"VersionedParams": func() error {
			return c.Get().VersionedParams(&metav1.ListOptions{Limit: 5}, ParameterCodec).Do(ctx).Error()
		},
	}
	for name, send := range sends {
		if err := send(); !errors.Is(err, cause) {
			t.Errorf("%s: error %v, want %v", name, err, cause)
		}
	}
}

func TestErrorClientWithoutErrorStillFails(t *testing.T) {
	err := ErrorClient(schema.GroupVersion{}, nil).Get().Do(t.Context()).Error()
	if err == nil || !strings.Contains(err.Error(), "ErrorClient") {
		t.Errorf("error %v, want one naming ErrorClient", err)
	}
}
