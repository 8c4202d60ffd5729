package v1

import (
	"context"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"

	"github.com/kubegen/kubegen/client/record"
	"github.com/kubegen/kubegen/client/typed"
)

// EventExpansion holds client-go's helpers for writing and finding core/v1 Events, which event
// recorders use. This file is written by hand; client-gen leaves EventExpansion out of
// generated_expansion.go because it exists.
//
// The *WithEventNamespace methods write the event in its own namespace (event.Namespace), and
// refuse an event of another namespace when the client is bound to one. The forms without a
// context use context.Background(), as client-go's do.
type EventExpansion interface {
	// CreateWithEventNamespace creates event in event.Namespace.
	CreateWithEventNamespace(event *corev1.Event) (*corev1.Event, error)
	// CreateWithEventNamespaceWithContext is CreateWithEventNamespace with a context.
	CreateWithEventNamespaceWithContext(ctx context.Context, event *corev1.Event) (*corev1.Event, error)
	// UpdateWithEventNamespace replaces event in event.Namespace.
	UpdateWithEventNamespace(event *corev1.Event) (*corev1.Event, error)
	// UpdateWithEventNamespaceWithContext is UpdateWithEventNamespace with a context.
	UpdateWithEventNamespaceWithContext(ctx context.Context, event *corev1.Event) (*corev1.Event, error)
	// PatchWithEventNamespace applies the strategic merge patch data to the event named like
	// incompleteEvent in its namespace.
	PatchWithEventNamespace(incompleteEvent *corev1.Event, data []byte) (*corev1.Event, error)
	// PatchWithEventNamespaceWithContext is PatchWithEventNamespace with a context.
	PatchWithEventNamespaceWithContext(ctx context.Context, incompleteEvent *corev1.Event, data []byte) (*corev1.Event, error)
	// Search lists the events about objOrRef (an API object, or a *corev1.ObjectReference to one);
	// scheme supplies the kind of an object whose TypeMeta is empty.
	Search(scheme *runtime.Scheme, objOrRef runtime.Object) (*corev1.EventList, error)
	// SearchWithContext is Search with a context.
	SearchWithContext(ctx context.Context, scheme *runtime.Scheme, objOrRef runtime.Object) (*corev1.EventList, error)
	// GetFieldSelector returns the field selector of events about the involved object with the given
	// name, namespace, kind and UID; nil ones are not selected on.
	GetFieldSelector(involvedObjectName, involvedObjectNamespace, involvedObjectKind, involvedObjectUID *string) fields.Selector
}

// in returns the events client of namespace, refusing a namespace other than the client's own.
func (e *events) in(namespace string) (*events, error) {
	if err := CheckEventNamespace(e.Namespace(), namespace); err != nil {
		return nil, err
	}
	return &events{typed.NewResourceClient("events", e.RESTClient(), parameterCodec(), namespace)}, nil
}

// CheckEventNamespace returns an error when a client bound to clientNamespace ("" for all) is asked
// to write an event of eventNamespace.
func CheckEventNamespace(clientNamespace, eventNamespace string) error {
	if clientNamespace != "" && eventNamespace != clientNamespace {
		return fmt.Errorf("events: cannot write an event of namespace %q with a client of namespace %q", eventNamespace, clientNamespace)
	}
	return nil
}

// CreateWithEventNamespace implements EventExpansion.
func (e *events) CreateWithEventNamespace(event *corev1.Event) (*corev1.Event, error) {
	return e.CreateWithEventNamespaceWithContext(context.Background(), event)
}

// CreateWithEventNamespaceWithContext implements EventExpansion.
func (e *events) CreateWithEventNamespaceWithContext(ctx context.Context, event *corev1.Event) (*corev1.Event, error) {
	c, err := e.in(event.Namespace)
	if err != nil {
		return nil, err
	}
	return c.Create(ctx, event, metav1.CreateOptions{})
}

// UpdateWithEventNamespace implements EventExpansion.
func (e *events) UpdateWithEventNamespace(event *corev1.Event) (*corev1.Event, error) {
	return e.UpdateWithEventNamespaceWithContext(context.Background(), event)
}

// UpdateWithEventNamespaceWithContext implements EventExpansion.
func (e *events) UpdateWithEventNamespaceWithContext(ctx context.Context, event *corev1.Event) (*corev1.Event, error) {
	c, err := e.in(event.Namespace)
	if err != nil {
		return nil, err
	}
	return c.Update(ctx, event, metav1.UpdateOptions{})
}

// PatchWithEventNamespace implements EventExpansion.
func (e *events) PatchWithEventNamespace(incompleteEvent *corev1.Event, data []byte) (*corev1.Event, error) {
	return e.PatchWithEventNamespaceWithContext(context.Background(), incompleteEvent, data)
}

// PatchWithEventNamespaceWithContext implements EventExpansion.
func (e *events) PatchWithEventNamespaceWithContext(ctx context.Context, incompleteEvent *corev1.Event, data []byte) (*corev1.Event, error) {
	c, err := e.in(incompleteEvent.Namespace)
	if err != nil {
		return nil, err
	}
	return c.Patch(ctx, incompleteEvent.Name, types.StrategicMergePatchType, data, metav1.PatchOptions{})
}

// Search implements EventExpansion.
func (e *events) Search(scheme *runtime.Scheme, objOrRef runtime.Object) (*corev1.EventList, error) {
	return e.SearchWithContext(context.Background(), scheme, objOrRef)
}

// SearchWithContext implements EventExpansion.
func (e *events) SearchWithContext(ctx context.Context, scheme *runtime.Scheme, objOrRef runtime.Object) (*corev1.EventList, error) {
	opts, err := EventSearchOptions(e.Namespace(), scheme, objOrRef)
	if err != nil {
		return nil, err
	}
	return e.List(ctx, opts)
}

// GetFieldSelector implements EventExpansion.
func (e *events) GetFieldSelector(involvedObjectName, involvedObjectNamespace, involvedObjectKind, involvedObjectUID *string) fields.Selector {
	return EventFieldSelector(involvedObjectName, involvedObjectNamespace, involvedObjectKind, involvedObjectUID)
}

// EventFieldSelector is GetFieldSelector as a function, shared with the fake.
func EventFieldSelector(involvedObjectName, involvedObjectNamespace, involvedObjectKind, involvedObjectUID *string) fields.Selector {
	set := fields.Set{}
	for field, value := range map[string]*string{
		"involvedObject.name":      involvedObjectName,
		"involvedObject.namespace": involvedObjectNamespace,
		"involvedObject.kind":      involvedObjectKind,
		"involvedObject.uid":       involvedObjectUID,
	} {
		if value != nil {
			set[field] = *value
		}
	}
	return set.AsSelector()
}

// EventSearchOptions returns the list options that select the events about objOrRef, for a client
// of namespace clientNamespace; shared with the fake.
func EventSearchOptions(clientNamespace string, s *runtime.Scheme, objOrRef runtime.Object) (metav1.ListOptions, error) {
	ref, err := record.Reference(s, objOrRef)
	if err != nil {
		return metav1.ListOptions{}, err
	}
	if clientNamespace != "" && ref.Namespace != clientNamespace {
		return metav1.ListOptions{}, fmt.Errorf("events: cannot search events about an object of namespace %q with a client of namespace %q", ref.Namespace, clientNamespace)
	}
	var kind, uid *string
	if ref.Kind != "" {
		kind = &ref.Kind
	}
	if ref.UID != "" {
		u := string(ref.UID)
		uid = &u
	}
	sel := EventFieldSelector(&ref.Name, &ref.Namespace, kind, uid)
	return metav1.ListOptions{FieldSelector: sel.String()}, nil
}

// EventSinkImpl writes events through an EventInterface in their own namespaces: the sink an event
// recorder's broadcaster records to (StartRecordingToSink(&EventSinkImpl{Interface:
// clientset.CoreV1().Events("")})).
type EventSinkImpl struct {
	Interface EventInterface
}

// Create creates event in its namespace.
func (e *EventSinkImpl) Create(event *corev1.Event) (*corev1.Event, error) {
	return e.Interface.CreateWithEventNamespace(event)
}

// Update replaces event in its namespace.
func (e *EventSinkImpl) Update(event *corev1.Event) (*corev1.Event, error) {
	return e.Interface.UpdateWithEventNamespace(event)
}

// Patch applies the strategic merge patch data to event in its namespace.
func (e *EventSinkImpl) Patch(event *corev1.Event, data []byte) (*corev1.Event, error) {
	return e.Interface.PatchWithEventNamespace(event, data)
}

var _ record.EventSink = &EventSinkImpl{}

// GetInvolvedObjectNameFieldLabel returns the field label that selects events by the name of their
// involved object, "involvedObject.name", which every API version uses.
//
// Deprecated: write "involvedObject.name", as client-go advises.
func GetInvolvedObjectNameFieldLabel(version string) string {
	return "involvedObject.name"
}
