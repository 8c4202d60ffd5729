package fake

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
)

var errNilResult = errors.New("fake: a reactor handled the call without an object or an error")

// GetSubresource reads a subresource into result. Built in: "status" (the object) and "scale" (an
// autoscaling/v1 Scale made from spec.replicas, status.replicas and the selector: status.selector,
// else status.labelSelector, else spec.selector). Other subresources
// are NotFound unless a reactor handles them.
func (c *Client[T, L]) GetSubresource(ctx context.Context, name, subresource string, opts runtime.Object, result runtime.Object) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if handled, ret, err := c.tracker.react(c.getAction(name, subresource, metav1.GetOptions{})); handled {
		return into(result, ret, err)
	}
	obj, err := c.tracker.Get(c.resource, c.namespace, name)
	if err != nil {
		return err
	}
	switch subresource {
	case "status":
		return into(result, obj, nil)
	case "scale":
		return scaleInto(result, obj)
	}
	return c.noSubresource(subresource, name)
}

// CreateSubresource posts body to a subresource. Built in: the collection (name "", as Create when
// body is of the resource's type) and "eviction", which deletes the object (no disruption budgets
// are checked). Other subresources are NotFound unless a reactor handles them.
func (c *Client[T, L]) CreateSubresource(ctx context.Context, name, subresource string, body, opts, result runtime.Object) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if handled, ret, err := c.tracker.react(c.createAction(name, subresource, body, metav1.CreateOptions{})); handled {
		return into(result, ret, err)
	}
	if name == "" && subresource == "" {
		obj, ok := body.(T)
		if !ok {
			return apierrors.NewBadRequest(fmt.Sprintf("fake: cannot create a %T in %s", body, c.resource.Resource))
		}
		created, err := c.tracker.Create(c.resource, c.namespace, obj, metav1.CreateOptions{})
		return into(result, created, err)
	}
	if subresource == "eviction" {
		return c.tracker.Delete(c.resource, c.namespace, name, metav1.DeleteOptions{})
	}
	return c.noSubresource(subresource, name)
}

// UpdateSubresource puts body to a subresource and reads the answer into result. Built in: "status"
// (as UpdateStatus), "finalize" of namespaces (sets spec.finalizers; a terminating namespace left
// with no finalizers is deleted) and "scale" (sets spec.replicas; a resourceVersion in the Scale is a
// precondition). Other subresources are NotFound unless a reactor handles them.
func (c *Client[T, L]) UpdateSubresource(ctx context.Context, name, subresource string, body, opts, result runtime.Object) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if handled, ret, err := c.tracker.react(c.updateAction(subresource, body, metav1.UpdateOptions{})); handled {
		return into(result, ret, err)
	}
	switch subresource {
	case "status":
		obj, err := c.tracker.Update(c.resource, c.namespace, body, metav1.UpdateOptions{}, "status")
		return into(result, obj, err)
	case "finalize":
		if c.resource.GroupResource() == namespacesResource {
			obj, err := c.tracker.Update(c.resource, c.namespace, body, metav1.UpdateOptions{}, "finalize")
			return into(result, obj, err)
		}
	case "scale":
		obj, err := c.updateScale(name, body)
		if err != nil {
			return err
		}
		return scaleInto(result, obj)
	}
	return c.noSubresource(subresource, name)
}

func (c *Client[T, L]) noSubresource(subresource, name string) error {
	return apierrors.NewNotFound(schema.GroupResource{Group: c.resource.Group, Resource: c.resource.Resource + "/" + subresource}, name)
}

// updateScale sets spec.replicas from a Scale body, with its resourceVersion as precondition.
func (c *Client[T, L]) updateScale(name string, body runtime.Object) (runtime.Object, error) {
	var scale struct {
		Metadata struct {
			ResourceVersion string `json:"resourceVersion,omitempty"`
		} `json:"metadata"`
		Spec struct {
			Replicas int64 `json:"replicas"`
		} `json:"spec"`
	}
	data, err := json.Marshal(body)
	if err == nil {
		err = json.Unmarshal(data, &scale)
	}
	if err != nil {
		return nil, apierrors.NewBadRequest(fmt.Sprintf("decoding scale: %v", err))
	}
	patch := map[string]any{"spec": map[string]any{"replicas": scale.Spec.Replicas}}
	if scale.Metadata.ResourceVersion != "" {
		patch["metadata"] = map[string]any{"resourceVersion": scale.Metadata.ResourceVersion}
	}
	data, _ = json.Marshal(patch)
	return c.tracker.Patch(c.resource, c.namespace, name, types.MergePatchType, data, metav1.PatchOptions{}, "")
}

// scaleInto builds the autoscaling/v1 Scale of obj and decodes it into result.
func scaleInto(result, obj runtime.Object) error {
	var doc struct {
		Metadata metav1.ObjectMeta `json:"metadata"`
		Spec     struct {
			Replicas *int64                `json:"replicas"`
			Selector *metav1.LabelSelector `json:"selector"`
		} `json:"spec"`
		Status struct {
			Replicas      int64  `json:"replicas"`
			Selector      string `json:"selector"`
			LabelSelector string `json:"labelSelector"` // the usual labelSelectorPath of custom resources
		} `json:"status"`
	}
	data, err := json.Marshal(obj)
	if err == nil {
		err = json.Unmarshal(data, &doc)
	}
	if err != nil {
		return apierrors.NewInternalError(err)
	}
	selector := doc.Status.Selector
	if selector == "" {
		selector = doc.Status.LabelSelector
	}
	if selector == "" && doc.Spec.Selector != nil {
		if sel, err := metav1.LabelSelectorAsSelector(doc.Spec.Selector); err == nil {
			selector = sel.String()
		}
	}
	var replicas int64
	if doc.Spec.Replicas != nil {
		replicas = *doc.Spec.Replicas
	}
	m := doc.Metadata
	scale := map[string]any{
		"metadata": map[string]any{"name": m.Name, "namespace": m.Namespace, "uid": m.UID,
			"resourceVersion": m.ResourceVersion, "creationTimestamp": m.CreationTimestamp},
		"spec":   map[string]any{"replicas": replicas},
		"status": map[string]any{"replicas": doc.Status.Replicas, "selector": selector},
	}
	data, _ = json.Marshal(scale)
	if err := json.Unmarshal(data, result); err != nil {
		return apierrors.NewInternalError(fmt.Errorf("decoding a Scale into %T: %w", result, err))
	}
	return nil
}

// into copies ret into result (converting through JSON when their types differ).
func into(result, ret runtime.Object, err error) error {
	if err != nil {
		return err
	}
	if ret == nil || result == nil {
		return nil
	}
	if reflect.TypeOf(ret) == reflect.TypeOf(result) {
		reflect.ValueOf(result).Elem().Set(reflect.ValueOf(ret.DeepCopyObject()).Elem())
		if _, ok := result.(*unstructured.Unstructured); !ok {
			result.GetObjectKind().SetGroupVersionKind(schema.GroupVersionKind{})
		}
		return nil
	}
	data, err := json.Marshal(ret)
	if err != nil {
		return apierrors.NewInternalError(err)
	}
	if err := json.Unmarshal(data, result); err != nil {
		return apierrors.NewInternalError(fmt.Errorf("decoding %T into %T: %w", ret, result, err))
	}
	return nil
}
