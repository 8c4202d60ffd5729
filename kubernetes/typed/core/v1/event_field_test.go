package v1_test

import (
	"testing"

	"k8s.io/apimachinery/pkg/fields"

	typedcorev1 "github.com/kubegen/kubegen/kubernetes/typed/core/v1"
)

// TestInvolvedObjectNameFieldLabel: client-go's deprecated helper names the field the apiserver
// selects events on, for every version asked.
func TestInvolvedObjectNameFieldLabel(t *testing.T) {
	for _, version := range []string{"v1", "v1beta1", ""} {
		label := typedcorev1.GetInvolvedObjectNameFieldLabel(version) //nolint:staticcheck // client-go's deprecated name, on purpose
		sel := fields.OneTermEqualSelector(label, "web-0")
		if !sel.Matches(fields.Set{"involvedObject.name": "web-0"}) || sel.Matches(fields.Set{"involvedObject.name": "other"}) {
			t.Errorf("version %q: selector %q does not select events by the involved object's name", version, sel)
		}
	}
}
