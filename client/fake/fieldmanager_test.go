package fake_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// TestIssue10_DefaultFieldManagerIsTheProgram (issue 10 item 6): a write without a field manager is
// recorded under the manager the real apiserver would derive from kubegen's default user agent: the
// program's name, not a name every kubegen program shares.
func TestIssue10_DefaultFieldManagerIsTheProgram(t *testing.T) {
	want := filepath.Base(os.Args[0])
	c := configMaps(newTracker(t), "ns")
	obj := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "cfg"}, Data: map[string]string{"k": "v"}}
	got, err := c.Create(context.Background(), obj, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.ManagedFields) != 1 || got.ManagedFields[0].Manager != want {
		t.Errorf("managedFields %+v: want one entry of manager %q", got.ManagedFields, want)
	}
}
