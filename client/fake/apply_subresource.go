package fake

import (
	"context"
	"encoding/json"
	"fmt"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// ApplySubresource applies body to a subresource with server-side apply and reads the answer into
// result. body must set apiVersion and kind. Built in: "" and "status" (as Apply and ApplyStatus;
// body is the object) and "scale" (body is an autoscaling/v1 Scale: its spec.replicas is applied to the object's
// spec.replicas, owned by the field manager in a managedFields entry of subresource scale, and a
// resourceVersion in it is a precondition). Other subresources are NotFound unless a reactor
// handles them.
func (c *Client[T, L]) ApplySubresource(ctx context.Context, name, subresource string, body runtime.Object,
	opts metav1.ApplyOptions, result runtime.Object) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := checkObject(body); err != nil {
		return err
	}
	if gvk := body.GetObjectKind().GroupVersionKind(); gvk.Kind == "" || gvk.Version == "" {
		return apierrors.NewBadRequest("apply patch must set apiVersion and kind")
	}
	a, err := c.applyAction(name, subresource, body, opts)
	if err != nil {
		return err
	}
	if handled, ret, err := c.tracker.react(a); handled {
		return into(result, ret, err)
	}
	switch subresource {
	case "", "status":
		if m, ok := body.(metav1.Object); !ok || m.GetName() != name {
			return apierrors.NewBadRequest(fmt.Sprintf("the name of the object does not match the name on the URL (%s)", name))
		}
		obj, err := c.tracker.Apply(c.resource, c.namespace, body, opts.ToPatchOptions(), subresource)
		return into(result, obj, err)
	case "scale":
		obj, err := c.tracker.applyScale(c.resource, c.namespace, name, body, opts.ToPatchOptions())
		if err != nil {
			return err
		}
		return scaleInto(result, obj)
	}
	return c.noSubresource(subresource, name)
}

// applyScale applies the replicas of a Scale to the named object as server-side apply through the
// scale subresource does: the manager comes to own spec.replicas only.
func (t *Tracker) applyScale(gvr schema.GroupVersionResource, namespace, name string, scale any,
	opts metav1.PatchOptions) (runtime.Object, error) {
	if opts.FieldManager == "" {
		return nil, apierrors.NewInvalid(schema.GroupKind{Group: metav1.GroupName, Kind: "PatchOptions"}, "", field.ErrorList{
			field.Required(field.NewPath("fieldManager"), "is required for apply patch"),
		})
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	r := t.resourceLocked(gvr)
	if r.ClusterScoped {
		namespace = ""
	}
	old, exists := t.objects[r.Resource][key(namespace, name)]
	if !exists {
		return nil, apierrors.NewNotFound(r.Resource.GroupResource(), name)
	}
	data, err := scaleApplyPatch(r, name, scale)
	if err != nil {
		return nil, err
	}
	return t.applyLocked(r, namespace, name, old, data, opts, "scale", newWriteOpts(opts.DryRun, opts.FieldManager))
}

// scaleApplyPatch turns an applied Scale into the apply patch of the object it scales: its name,
// the Scale's resourceVersion (a precondition) and spec.replicas when the Scale sets it.
func scaleApplyPatch(r *Resource, name string, scale any) ([]byte, error) {
	var s struct {
		Metadata struct {
			ResourceVersion string `json:"resourceVersion,omitempty"`
		} `json:"metadata"`
		Spec struct {
			Replicas *int64 `json:"replicas"`
		} `json:"spec"`
	}
	data, err := json.Marshal(scale)
	if err == nil {
		err = json.Unmarshal(data, &s)
	}
	if err != nil {
		return nil, apierrors.NewBadRequest(fmt.Sprintf("decoding scale: %v", err))
	}
	metadata := map[string]any{"name": name}
	if s.Metadata.ResourceVersion != "" {
		metadata["resourceVersion"] = s.Metadata.ResourceVersion
	}
	patch := map[string]any{"apiVersion": r.Kind.GroupVersion().String(), "kind": r.Kind.Kind, "metadata": metadata}
	if s.Spec.Replicas != nil {
		patch["spec"] = map[string]any{"replicas": *s.Spec.Replicas}
	}
	return json.Marshal(patch)
}
