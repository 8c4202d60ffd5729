//go:build e2e

package e2e

import (
	"maps"
	"testing"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/kubegen/kubegen/client/rest"
)

// configMaps addresses the ConfigMaps of one namespace through a core/v1 client.
type configMaps struct {
	c  *rest.RESTClient
	ns string
}

func (cm configMaps) create(t testing.TB, obj *corev1.ConfigMap) *corev1.ConfigMap {
	t.Helper()
	out := &corev1.ConfigMap{}
	if err := cm.c.Post().Namespace(cm.ns).Resource("configmaps").Body(obj).Do(t.Context()).Into(out); err != nil {
		t.Fatalf("create ConfigMap %s: %v", obj.Name, err)
	}
	return out
}

func (cm configMaps) get(t testing.TB, name string) (*corev1.ConfigMap, error) {
	t.Helper()
	out := &corev1.ConfigMap{}
	err := cm.c.Get().Namespace(cm.ns).Resource("configmaps").Name(name).Do(t.Context()).Into(out)
	return out, err
}

func (cm configMaps) update(t testing.TB, obj *corev1.ConfigMap) (*corev1.ConfigMap, error) {
	t.Helper()
	out := &corev1.ConfigMap{}
	err := cm.c.Put().Namespace(cm.ns).Resource("configmaps").Name(obj.Name).Body(obj).Do(t.Context()).Into(out)
	return out, err
}

func (cm configMaps) patch(t testing.TB, name string, pt types.PatchType, patch string, params ...string) *corev1.ConfigMap {
	t.Helper()
	req := cm.c.Patch(pt).Namespace(cm.ns).Resource("configmaps").Name(name).Body([]byte(patch))
	for i := 0; i+1 < len(params); i += 2 {
		req.Param(params[i], params[i+1])
	}
	out := &corev1.ConfigMap{}
	if err := req.Do(t.Context()).Into(out); err != nil {
		t.Fatalf("%s patch of ConfigMap %s: %v", pt, name, err)
	}
	return out
}

func (cm configMaps) delete(t testing.TB, name string) error {
	t.Helper()
	return cm.c.Delete().Namespace(cm.ns).Resource("configmaps").Name(name).Do(t.Context()).Error()
}

func newConfigMap(name string, data map[string]string) *corev1.ConfigMap {
	return &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: name}, Data: data}
}

// exerciseConfigMap creates, reads, updates, patches in all four ways and deletes a ConfigMap, checking
// each answer.
func exerciseConfigMap(t *testing.T, c *rest.RESTClient, ns, name string) {
	t.Helper()
	cms := configMaps{c, ns}
	created := cms.create(t, newConfigMap(name, map[string]string{"a": "1"}))
	if created.UID == "" || created.ResourceVersion == "" || created.Data["a"] != "1" {
		t.Fatalf("created ConfigMap lacks uid, resourceVersion or data: %+v", created)
	}
	got, err := cms.get(t, name)
	if err != nil {
		t.Fatalf("get: %v", err)
	}
	if got.UID != created.UID || got.ResourceVersion != created.ResourceVersion {
		t.Fatalf("get returned uid %s rv %s, want %s %s", got.UID, got.ResourceVersion, created.UID, created.ResourceVersion)
	}

	got.Data["b"] = "2"
	updated, err := cms.update(t, got)
	if err != nil {
		t.Fatalf("update: %v", err)
	}
	if updated.Data["b"] != "2" || updated.ResourceVersion == got.ResourceVersion {
		t.Fatalf("update: data %v rv %s (was %s)", updated.Data, updated.ResourceVersion, got.ResourceVersion)
	}

	patched := cms.patch(t, name, types.MergePatchType, `{"data":{"c":"3"}}`)
	wantData(t, "merge patch", patched, map[string]string{"a": "1", "b": "2", "c": "3"})
	patched = cms.patch(t, name, types.JSONPatchType, `[{"op":"remove","path":"/data/a"}]`)
	wantData(t, "JSON patch", patched, map[string]string{"b": "2", "c": "3"})
	patched = cms.patch(t, name, types.StrategicMergePatchType, `{"metadata":{"labels":{"patched":"yes"}},"data":{"d":"4"}}`)
	wantData(t, "strategic merge patch", patched, map[string]string{"b": "2", "c": "3", "d": "4"})
	if patched.Labels["patched"] != "yes" {
		t.Errorf("strategic merge patch: labels %v", patched.Labels)
	}
	applied := cms.patch(t, name, types.ApplyPatchType,
		`{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"`+name+`"},"data":{"e":"5"}}`,
		"fieldManager", "e2e-apply", "force", "true")
	wantData(t, "server-side apply", applied, map[string]string{"b": "2", "c": "3", "d": "4", "e": "5"})
	if !hasManager(applied, "e2e-apply", metav1.ManagedFieldsOperationApply) {
		t.Errorf("server-side apply: no Apply entry for e2e-apply in %+v", applied.ManagedFields)
	}

	if err := cms.delete(t, name); err != nil {
		t.Fatalf("delete: %v", err)
	}
	if _, err := cms.get(t, name); !apierrors.IsNotFound(err) {
		t.Fatalf("get after delete: %v, want NotFound", err)
	}
}

func wantData(t *testing.T, step string, cm *corev1.ConfigMap, want map[string]string) {
	t.Helper()
	if !maps.Equal(cm.Data, want) {
		t.Errorf("%s: data %v, want %v", step, cm.Data, want)
	}
}

func hasManager(obj metav1.Object, manager string, op metav1.ManagedFieldsOperationType) bool {
	for _, f := range obj.GetManagedFields() {
		if f.Manager == manager && f.Operation == op {
			return true
		}
	}
	return false
}
