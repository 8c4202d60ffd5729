package events

import (
	"context"
	"fmt"

	eventsv1 "k8s.io/api/events/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/klog/v2"

	"github.com/kubegen/kubegen/client/record"
	typedeventsv1 "github.com/kubegen/kubegen/kubernetes/typed/events/v1"
)

// EventRecorder records events about objects on behalf of one reporting controller.
type EventRecorder interface {
	// Eventf records an event about regarding (an API object, or a *corev1.ObjectReference), and
	// optionally a second object related (nil when there is none), of type eventtype
	// (corev1.EventTypeNormal or corev1.EventTypeWarning). reason says why and action what the
	// controller did or failed to do, both short and UpperCamelCase; note, formatted with args, is
	// for humans. The event goes to regarding's namespace ("default" for a cluster-scoped object).
	Eventf(regarding runtime.Object, related runtime.Object, eventtype, reason, action, note string, args ...interface{})
}

// AnnotatedEventRecorder is an EventRecorder that can also set the annotations of an event.
type AnnotatedEventRecorder interface {
	// AnnotatedEventf is Eventf that also sets the event's annotations.
	AnnotatedEventf(regarding runtime.Object, related runtime.Object, annotations map[string]string, eventtype, reason, action, note string, args ...interface{})
}

// EventRecorderLogger is an EventRecorder whose problems (an object it cannot refer to, a dropped
// event) are logged to a logger of the caller's choice.
type EventRecorderLogger interface {
	EventRecorder
	// WithLogger returns the recorder logging to logger.
	WithLogger(logger klog.Logger) EventRecorderLogger
}

// EventBroadcaster receives the events of its recorders and passes them to its sink, to logs and
// to watchers started on it.
type EventBroadcaster interface {
	// StartRecordingToSink writes every event to the broadcaster's sink until stopCh is closed.
	//
	// Deprecated: use StartRecordingToSinkWithContext, as client-go advises.
	StartRecordingToSink(stopCh <-chan struct{})
	// StartRecordingToSinkWithContext writes every event to the broadcaster's sink (see the
	// package doc) until ctx ends.
	StartRecordingToSinkWithContext(ctx context.Context) error
	// NewRecorder returns a recorder whose events are reported by reportingController; scheme
	// supplies the kind of objects whose TypeMeta is empty.
	NewRecorder(scheme *runtime.Scheme, reportingController string) EventRecorderLogger
	// StartEventWatcher calls eventHandler with every event (an *eventsv1.Event, to be copied
	// before it is changed) until the returned function is called or the broadcaster shut down.
	StartEventWatcher(eventHandler func(event runtime.Object)) (func(), error)
	// StartStructuredLogging logs every event with klog at verbosity.
	//
	// Deprecated: use StartLogging, as client-go advises.
	StartStructuredLogging(verbosity klog.Level) func()
	// StartLogging logs every event to logger (pass logger.V(n) for another verbosity) until the
	// returned function is called.
	StartLogging(logger klog.Logger) (func(), error)
	// Shutdown stops every watcher and the sink. Events still queued are dropped.
	Shutdown()
}

// EventSink stores events.k8s.io/v1 events, each in its own namespace.
type EventSink interface {
	Create(ctx context.Context, event *eventsv1.Event) (*eventsv1.Event, error)
	Update(ctx context.Context, event *eventsv1.Event) (*eventsv1.Event, error)
	Patch(ctx context.Context, oldEvent *eventsv1.Event, data []byte) (*eventsv1.Event, error)
}

// EventSinkImpl is the EventSink of the API server: EventSinkImpl{Interface: clientset.EventsV1()}.
type EventSinkImpl struct {
	Interface typedeventsv1.EventsV1Interface
}

var _ EventSink = &EventSinkImpl{}

// Create creates event in its namespace.
func (e *EventSinkImpl) Create(ctx context.Context, event *eventsv1.Event) (*eventsv1.Event, error) {
	if event.Namespace == "" {
		return nil, fmt.Errorf("events: cannot create event %q: it has no namespace", event.Name)
	}
	return e.Interface.Events(event.Namespace).Create(ctx, event, metav1.CreateOptions{})
}

// Update replaces event in its namespace.
func (e *EventSinkImpl) Update(ctx context.Context, event *eventsv1.Event) (*eventsv1.Event, error) {
	if event.Namespace == "" {
		return nil, fmt.Errorf("events: cannot update event %q: it has no namespace", event.Name)
	}
	return e.Interface.Events(event.Namespace).Update(ctx, event, metav1.UpdateOptions{})
}

// Patch applies the strategic merge patch data to event in its namespace.
func (e *EventSinkImpl) Patch(ctx context.Context, event *eventsv1.Event, data []byte) (*eventsv1.Event, error) {
	if event.Namespace == "" {
		return nil, fmt.Errorf("events: cannot patch event %q: it has no namespace", event.Name)
	}
	return e.Interface.Events(event.Namespace).Patch(ctx, event.Name, types.StrategicMergePatchType, data, metav1.PatchOptions{})
}

// EventBroadcasterAdapter records through events.k8s.io/v1 where the server serves it and through
// core/v1 Events where it does not (NewEventBroadcasterAdapter decides).
//
// Deprecated: client-go keeps it for the migration to events.k8s.io/v1, and so does kubegen.
type EventBroadcasterAdapter interface {
	// StartRecordingToSink writes the events of both broadcasters to the API server until stopCh
	// is closed.
	StartRecordingToSink(stopCh <-chan struct{})
	// NewRecorder returns a recorder reporting as name: an events.k8s.io/v1 one, or one writing
	// core/v1 Events with source component name.
	NewRecorder(name string) EventRecorderLogger
	// DeprecatedNewLegacyRecorder returns a core/v1 recorder with source component name.
	DeprecatedNewLegacyRecorder(name string) record.EventRecorderLogger
	// Shutdown shuts both broadcasters down.
	Shutdown()
}
