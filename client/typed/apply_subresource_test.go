package typed_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	autoscalingv1 "k8s.io/api/autoscaling/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/kubegen/kubegen/client/typed"
)

// TestApplySubresourceErrors: bad arguments fail before any request, with an error that says what
// is missing.
func TestApplySubresourceErrors(t *testing.T) {
	typedScale := &autoscalingv1.Scale{TypeMeta: metav1.TypeMeta{APIVersion: "autoscaling/v1", Kind: "Scale"}}
	manager := metav1.ApplyOptions{FieldManager: "m"}
	tests := []struct {
		name        string
		object      string
		subresource string
		body        runtime.Object
		opts        metav1.ApplyOptions
		want        error
		wantText    string
	}{
		{"nil body", "x", "scale", nil, manager, typed.ErrNilObject, ""},
		{"nil pointer body", "x", "scale", (*autoscalingv1.Scale)(nil), manager, typed.ErrNilObject, ""},
		{"no field manager", "x", "scale", typedScale, metav1.ApplyOptions{}, typed.ErrFieldManagerRequired, ""},
		{"no name", "", "scale", typedScale, manager, nil, "requires the object's name"},
		{"no apiVersion and kind", "x", "scale", &autoscalingv1.Scale{}, manager, nil, `configmaps/scale "x": the body (*v1.Scale) must set apiVersion and kind`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t)
			err := configMaps(t, s, "ns").ApplySubresource(context.Background(), tc.object, tc.subresource, tc.body, tc.opts, &autoscalingv1.Scale{})
			switch {
			case err == nil:
				t.Fatal("no error")
			case tc.want != nil && !errors.Is(err, tc.want):
				t.Errorf("error %v, want %v", err, tc.want)
			case tc.wantText != "" && !strings.Contains(err.Error(), tc.wantText):
				t.Errorf("error %q does not say %q", err, tc.wantText)
			}
			if n := s.count(); n != 0 {
				t.Errorf("%d requests sent despite the error", n)
			}
		})
	}
}
