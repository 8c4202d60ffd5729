package events

import (
	"context"

	corev1 "k8s.io/api/core/v1"
	eventsv1 "k8s.io/api/events/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/klog/v2"

	"github.com/kubegen/kubegen/client/record"
	"github.com/kubegen/kubegen/kubernetes"
	"github.com/kubegen/kubegen/kubernetes/scheme"
	typedcorev1 "github.com/kubegen/kubegen/kubernetes/typed/core/v1"
)

// adapter implements EventBroadcasterAdapter.
type adapter struct {
	core     typedcorev1.CoreV1Interface
	legacy   record.EventBroadcaster
	eventsV1 EventBroadcaster // nil when the server does not serve events.k8s.io/v1
}

// NewEventBroadcasterAdapter is NewEventBroadcasterAdapterWithContext with context.Background().
func NewEventBroadcasterAdapter(client kubernetes.Interface) EventBroadcasterAdapter {
	return NewEventBroadcasterAdapterWithContext(context.Background(), client)
}

// NewEventBroadcasterAdapterWithContext asks the server (client's discovery) whether it serves
// events.k8s.io/v1 and returns an adapter whose NewRecorder records through it if so, and through
// core/v1 Events if not (any discovery error counts as not, as with client-go). The core/v1
// broadcaster, made with ctx, exists either way for DeprecatedNewLegacyRecorder.
func NewEventBroadcasterAdapterWithContext(ctx context.Context, client kubernetes.Interface) EventBroadcasterAdapter {
	a := &adapter{core: client.CoreV1(), legacy: record.NewBroadcaster(record.WithContext(ctx))}
	if _, err := client.Discovery().ServerResourcesForGroupVersion(ctx, eventsv1.SchemeGroupVersion.String()); err == nil {
		a.eventsV1 = NewBroadcaster(&EventSinkImpl{Interface: client.EventsV1()})
	} else {
		klog.FromContext(ctx).V(4).Info("Recording core/v1 events: the server does not serve events.k8s.io/v1", "err", err)
	}
	return a
}

// StartRecordingToSink implements EventBroadcasterAdapter.
func (a *adapter) StartRecordingToSink(stopCh <-chan struct{}) {
	if a.eventsV1 != nil {
		a.eventsV1.StartRecordingToSink(stopCh)
	}
	a.legacy.StartRecordingToSink(&typedcorev1.EventSinkImpl{Interface: a.core.Events("")})
}

// NewRecorder implements EventBroadcasterAdapter.
func (a *adapter) NewRecorder(name string) EventRecorderLogger {
	if a.eventsV1 != nil {
		return a.eventsV1.NewRecorder(scheme.Scheme, name)
	}
	return &legacyRecorder{a.DeprecatedNewLegacyRecorder(name)}
}

// DeprecatedNewLegacyRecorder implements EventBroadcasterAdapter.
func (a *adapter) DeprecatedNewLegacyRecorder(name string) record.EventRecorderLogger {
	return a.legacy.NewRecorder(scheme.Scheme, corev1.EventSource{Component: name})
}

// Shutdown implements EventBroadcasterAdapter.
func (a *adapter) Shutdown() {
	a.legacy.Shutdown()
	if a.eventsV1 != nil {
		a.eventsV1.Shutdown()
	}
}

// legacyRecorder records the events of an events.k8s.io/v1 recorder as core/v1 Events, as
// client-go's record.EventRecorderAdapter: the related object and the action are dropped, the
// note becomes the message.
type legacyRecorder struct {
	r record.EventRecorderLogger
}

var (
	_ EventRecorderLogger    = &legacyRecorder{}
	_ AnnotatedEventRecorder = &legacyRecorder{}
)

// Eventf implements EventRecorder.
func (l *legacyRecorder) Eventf(regarding, _ runtime.Object, eventtype, reason, _, note string, args ...interface{}) {
	l.r.Eventf(regarding, eventtype, reason, note, args...)
}

// AnnotatedEventf implements AnnotatedEventRecorder.
func (l *legacyRecorder) AnnotatedEventf(regarding, _ runtime.Object, annotations map[string]string, eventtype, reason, _, note string, args ...interface{}) {
	l.r.AnnotatedEventf(regarding, annotations, eventtype, reason, note, args...)
}

// WithLogger implements EventRecorderLogger.
func (l *legacyRecorder) WithLogger(logger klog.Logger) EventRecorderLogger {
	return &legacyRecorder{l.r.WithLogger(logger)}
}
