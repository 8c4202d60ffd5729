package fake_test

import (
	"context"
	"testing"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
)

// FuzzPatch feeds arbitrary patches of every type to the tracker: it must answer with an API error or
// a valid object, never panic.
func FuzzPatch(f *testing.F) {
	for _, seed := range []string{
		`{"data":{"k":null}}`, `[{"op":"add","path":"/data/x","value":"1"}]`, `[{"op":"move","from":"/data","path":"/data/k"}]`,
		`null`, `[]`, `"x"`, `{"metadata":{"name":7}}`, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n",
		`[{"op":"copy","from":"","path":"/data/x"}]`, `{"$patch":"delete"}`,
	} {
		for pt := range 4 {
			f.Add(seed, pt)
		}
	}
	patchTypes := []types.PatchType{types.JSONPatchType, types.MergePatchType, types.StrategicMergePatchType, types.ApplyPatchType}
	f.Fuzz(func(t *testing.T, patch string, pt int) {
		c := configMaps(newTracker(t), "ns")
		mustCreate(t, c, cm("ns", "a", map[string]string{"app": "web"}))
		kind := patchTypes[(pt%4+4)%4]
		got, err := c.Patch(context.Background(), "a", kind, []byte(patch), metav1.PatchOptions{FieldManager: "fuzz"})
		if err != nil {
			if _, ok := err.(apierrors.APIStatus); !ok {
				t.Fatalf("%s %q: error %v is not an API status", kind, patch, err)
			}
			return
		}
		if got.Name != "a" || got.Namespace != "ns" {
			t.Fatalf("%s %q: patched object is %s/%s", kind, patch, got.Namespace, got.Name)
		}
	})
}
