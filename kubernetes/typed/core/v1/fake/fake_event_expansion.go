package fake

import (
	"context"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"

	typedcorev1 "github.com/kubegen/kubegen/kubernetes/typed/core/v1"
)

// This file is written by hand, next to the generated fake: the event helpers of EventExpansion,
// writing each event in its own namespace of the tracker as the real client does.

// in returns the fake events client of namespace, refusing a namespace other than the client's own.
func (c *fakeEvents) in(namespace string) (*fakeEvents, error) {
	if err := typedcorev1.CheckEventNamespace(c.Namespace(), namespace); err != nil {
		return nil, err
	}
	return newFakeEvents(c.Tracker(), namespace), nil
}

// CreateWithEventNamespace implements typedcorev1.EventExpansion.
func (c *fakeEvents) CreateWithEventNamespace(event *corev1.Event) (*corev1.Event, error) {
	return c.CreateWithEventNamespaceWithContext(context.Background(), event)
}

// CreateWithEventNamespaceWithContext implements typedcorev1.EventExpansion.
func (c *fakeEvents) CreateWithEventNamespaceWithContext(ctx context.Context, event *corev1.Event) (*corev1.Event, error) {
	in, err := c.in(event.Namespace)
	if err != nil {
		return nil, err
	}
	return in.Create(ctx, event, metav1.CreateOptions{})
}

// UpdateWithEventNamespace implements typedcorev1.EventExpansion.
func (c *fakeEvents) UpdateWithEventNamespace(event *corev1.Event) (*corev1.Event, error) {
	return c.UpdateWithEventNamespaceWithContext(context.Background(), event)
}

// UpdateWithEventNamespaceWithContext implements typedcorev1.EventExpansion.
func (c *fakeEvents) UpdateWithEventNamespaceWithContext(ctx context.Context, event *corev1.Event) (*corev1.Event, error) {
	in, err := c.in(event.Namespace)
	if err != nil {
		return nil, err
	}
	return in.Update(ctx, event, metav1.UpdateOptions{})
}

// PatchWithEventNamespace implements typedcorev1.EventExpansion.
func (c *fakeEvents) PatchWithEventNamespace(incompleteEvent *corev1.Event, data []byte) (*corev1.Event, error) {
	return c.PatchWithEventNamespaceWithContext(context.Background(), incompleteEvent, data)
}

// PatchWithEventNamespaceWithContext implements typedcorev1.EventExpansion.
func (c *fakeEvents) PatchWithEventNamespaceWithContext(ctx context.Context, incompleteEvent *corev1.Event, data []byte) (*corev1.Event, error) {
	in, err := c.in(incompleteEvent.Namespace)
	if err != nil {
		return nil, err
	}
	return in.Patch(ctx, incompleteEvent.Name, types.StrategicMergePatchType, data, metav1.PatchOptions{})
}

// Search implements typedcorev1.EventExpansion.
func (c *fakeEvents) Search(scheme *runtime.Scheme, objOrRef runtime.Object) (*corev1.EventList, error) {
	return c.SearchWithContext(context.Background(), scheme, objOrRef)
}

// SearchWithContext implements typedcorev1.EventExpansion.
func (c *fakeEvents) SearchWithContext(ctx context.Context, scheme *runtime.Scheme, objOrRef runtime.Object) (*corev1.EventList, error) {
	opts, err := typedcorev1.EventSearchOptions(c.Namespace(), scheme, objOrRef)
	if err != nil {
		return nil, err
	}
	return c.List(ctx, opts)
}

// GetFieldSelector implements typedcorev1.EventExpansion.
func (c *fakeEvents) GetFieldSelector(involvedObjectName, involvedObjectNamespace, involvedObjectKind, involvedObjectUID *string) fields.Selector {
	return typedcorev1.EventFieldSelector(involvedObjectName, involvedObjectNamespace, involvedObjectKind, involvedObjectUID)
}
