package record

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/klog/v2"
)

// EventSink stores events, each in its own namespace: kubernetes/typed/core/v1.EventSinkImpl
// writes them to the API server.
type EventSink interface {
	Create(event *corev1.Event) (*corev1.Event, error)
	Update(event *corev1.Event) (*corev1.Event, error)
	Patch(oldEvent *corev1.Event, data []byte) (*corev1.Event, error)
}

// EventRecorder records events about objects on behalf of one source.
type EventRecorder interface {
	// Event records an event about object (an API object, or a *corev1.ObjectReference) of type
	// eventtype (corev1.EventTypeNormal or corev1.EventTypeWarning), with a short UpperCamelCase
	// reason and a human-readable message. The event goes to the object's namespace.
	Event(object runtime.Object, eventtype, reason, message string)
	// Eventf is Event with a formatted message.
	Eventf(object runtime.Object, eventtype, reason, messageFmt string, args ...any)
	// AnnotatedEventf is Eventf that also sets the event's annotations.
	AnnotatedEventf(object runtime.Object, annotations map[string]string, eventtype, reason, messageFmt string, args ...any)
}

// EventRecorderLogger is an EventRecorder whose problems (an object it cannot refer to, a dropped
// event) are logged to a logger of the caller's choice.
type EventRecorderLogger interface {
	EventRecorder
	// WithLogger returns the recorder logging to logger.
	WithLogger(logger klog.Logger) EventRecorderLogger
}

// EventBroadcaster receives the events of its recorders and passes them to sinks, logs and
// watchers started on it.
type EventBroadcaster interface {
	// StartEventWatcher calls eventHandler with every event, in order, until the returned watch is
	// stopped or the broadcaster shut down.
	StartEventWatcher(eventHandler func(*corev1.Event)) watch.Interface
	// StartRecordingToSink writes every event to sink through a correlator (see the package doc).
	StartRecordingToSink(sink EventSink) watch.Interface
	// StartLogging passes every event to logf as a formatted line.
	StartLogging(logf func(format string, args ...any)) watch.Interface
	// StartStructuredLogging logs every event with klog at verbosity.
	StartStructuredLogging(verbosity klog.Level) watch.Interface
	// NewRecorder returns a recorder whose events come from source; scheme supplies the kind of
	// objects whose TypeMeta is empty.
	NewRecorder(scheme *runtime.Scheme, source corev1.EventSource) EventRecorderLogger
	// Shutdown stops every watcher and sink. Events still queued are dropped; a sink write under
	// way is not retried.
	Shutdown()
}

// CorrelatorOptions tune the correlator of StartRecordingToSink; zero fields take the defaults.
type CorrelatorOptions struct {
	// LRUCacheSize bounds each of the correlator's caches (default 4096 keys).
	LRUCacheSize int
	// BurstSize is how many events a source may write about one object at once (default 25).
	BurstSize int
	// QPS is the rate at which that allowance refills, per second (default 1/300).
	QPS float32
	// MaxEvents is how many events of one reason with different messages are written before they
	// are combined (default 10).
	MaxEvents int
	// MaxIntervalInSeconds is how long such a group is remembered (default 600).
	MaxIntervalInSeconds int
	// Clock returns the current time (default time.Now); tests set it.
	Clock func() time.Time
}

// BroadcasterOption configures NewBroadcaster.
type BroadcasterOption func(*config)

type config struct {
	ctx           context.Context
	sleepDuration time.Duration
	correlator    CorrelatorOptions
}

// WithContext sets the context whose logger the broadcaster logs to and whose end shuts it down.
func WithContext(ctx context.Context) BroadcasterOption {
	return func(c *config) { c.ctx = ctx }
}

// WithSleepDuration sets the pause between retries of a failed sink write (default 10s).
func WithSleepDuration(d time.Duration) BroadcasterOption {
	return func(c *config) { c.sleepDuration = d }
}

// WithCorrelatorOptions tunes the correlator of StartRecordingToSink.
func WithCorrelatorOptions(options CorrelatorOptions) BroadcasterOption {
	return func(c *config) { c.correlator = options }
}

const (
	queueLength          = 1000
	maxTriesPerEvent     = 12
	defaultSleepDuration = 10 * time.Second
)

// broadcaster implements EventBroadcaster over apimachinery's watch.Broadcaster.
type broadcaster struct {
	*watch.Broadcaster
	ctx           context.Context
	cancel        context.CancelFunc
	sleepDuration time.Duration
	correlator    CorrelatorOptions
}

// NewBroadcaster returns an EventBroadcaster configured by opts.
func NewBroadcaster(opts ...BroadcasterOption) EventBroadcaster {
	c := config{ctx: context.Background(), sleepDuration: defaultSleepDuration}
	for _, o := range opts {
		o(&c)
	}
	ctx, cancel := context.WithCancel(c.ctx)
	b := &broadcaster{
		Broadcaster:   watch.NewLongQueueBroadcaster(queueLength, watch.DropIfChannelFull),
		ctx:           ctx,
		cancel:        cancel,
		sleepDuration: c.sleepDuration,
		correlator:    c.correlator,
	}
	go func() {
		<-ctx.Done()
		b.Broadcaster.Shutdown()
	}()
	return b
}

// NewBroadcasterWithCorrelatorOptions is NewBroadcaster(WithCorrelatorOptions(options)).
func NewBroadcasterWithCorrelatorOptions(options CorrelatorOptions) EventBroadcaster {
	return NewBroadcaster(WithCorrelatorOptions(options))
}

// NewBroadcasterForTests is NewBroadcaster(WithSleepDuration(sleepDuration)).
func NewBroadcasterForTests(sleepDuration time.Duration) EventBroadcaster {
	return NewBroadcaster(WithSleepDuration(sleepDuration))
}

// Shutdown implements EventBroadcaster.
func (b *broadcaster) Shutdown() {
	b.cancel()
	b.Broadcaster.Shutdown()
}

// StartEventWatcher implements EventBroadcaster.
func (b *broadcaster) StartEventWatcher(eventHandler func(*corev1.Event)) watch.Interface {
	w, err := b.Watch()
	if err != nil {
		// The broadcaster is shut down: nothing will arrive.
		klog.FromContext(b.ctx).Error(err, "Unable to start event watcher")
		return watch.NewEmptyWatch()
	}
	go func() {
		for ev := range w.ResultChan() {
			if e, ok := ev.Object.(*corev1.Event); ok {
				eventHandler(e)
			}
		}
	}()
	return w
}

// StartRecordingToSink implements EventBroadcaster.
func (b *broadcaster) StartRecordingToSink(sink EventSink) watch.Interface {
	c := newCorrelator(b.correlator)
	return b.StartEventWatcher(func(e *corev1.Event) { b.recordToSink(sink, e, c) })
}

// StartLogging implements EventBroadcaster.
func (b *broadcaster) StartLogging(logf func(format string, args ...any)) watch.Interface {
	return b.StartEventWatcher(func(e *corev1.Event) {
		logf("Event(%#v): type: '%v' reason: '%v' %v", e.InvolvedObject, e.Type, e.Reason, e.Message)
	})
}

// StartStructuredLogging implements EventBroadcaster.
func (b *broadcaster) StartStructuredLogging(verbosity klog.Level) watch.Interface {
	logger := klog.FromContext(b.ctx).V(int(verbosity))
	return b.StartEventWatcher(func(e *corev1.Event) {
		logger.Info("Event occurred", "object", klog.KRef(e.InvolvedObject.Namespace, e.InvolvedObject.Name),
			"fieldPath", e.InvolvedObject.FieldPath, "kind", e.InvolvedObject.Kind,
			"apiVersion", e.InvolvedObject.APIVersion, "type", e.Type, "reason", e.Reason, "message", e.Message)
	})
}

// recordToSink writes one event through the correlator, retrying network failures.
func (b *broadcaster) recordToSink(sink EventSink, event *corev1.Event, c *correlator) {
	event = event.DeepCopy()
	out, ok := c.correlate(event)
	if !ok {
		return
	}
	for try := 1; ; try++ {
		if writeEvent(b.ctx, sink, out, c) {
			return
		}
		if try >= maxTriesPerEvent || b.ctx.Err() != nil {
			klog.FromContext(b.ctx).Error(nil, "Unable to write event; giving up", "event", klog.KRef(out.event.Namespace, out.event.Name), "tries", try)
			return
		}
		// Spread the retries of many recorders that lost the server at the same moment.
		wait := b.sleepDuration
		if try == 1 {
			wait = time.Duration(rand.Float64() * float64(b.sleepDuration))
		}
		select {
		case <-b.ctx.Done():
			return
		case <-time.After(wait):
		}
	}
}

// recorder implements EventRecorderLogger.
type recorder struct {
	b      *broadcaster
	scheme *runtime.Scheme
	source corev1.EventSource
	logger klog.Logger
	now    func() time.Time
}

// NewRecorder implements EventBroadcaster.
func (b *broadcaster) NewRecorder(scheme *runtime.Scheme, source corev1.EventSource) EventRecorderLogger {
	return &recorder{b: b, scheme: scheme, source: source, logger: klog.FromContext(b.ctx), now: time.Now}
}

// Event implements EventRecorder.
func (r *recorder) Event(object runtime.Object, eventtype, reason, message string) {
	r.generate(object, nil, eventtype, reason, message)
}

// Eventf implements EventRecorder.
func (r *recorder) Eventf(object runtime.Object, eventtype, reason, messageFmt string, args ...any) {
	r.generate(object, nil, eventtype, reason, fmt.Sprintf(messageFmt, args...))
}

// AnnotatedEventf implements EventRecorder.
func (r *recorder) AnnotatedEventf(object runtime.Object, annotations map[string]string, eventtype, reason, messageFmt string, args ...any) {
	r.generate(object, annotations, eventtype, reason, fmt.Sprintf(messageFmt, args...))
}

// WithLogger implements EventRecorderLogger.
func (r *recorder) WithLogger(logger klog.Logger) EventRecorderLogger {
	c := *r
	c.logger = logger
	return &c
}

func (r *recorder) generate(object runtime.Object, annotations map[string]string, eventtype, reason, message string) {
	ref, err := Reference(r.scheme, object)
	if err != nil {
		r.logger.Error(err, "Could not construct reference, will not report event", "object", object, "eventType", eventtype, "reason", reason, "message", message)
		return
	}
	if eventtype != corev1.EventTypeNormal && eventtype != corev1.EventTypeWarning {
		r.logger.Error(nil, "Unsupported event type", "eventType", eventtype)
		return
	}
	event := r.makeEvent(ref, annotations, eventtype, reason, message)
	if sent, err := r.b.ActionOrDrop(watch.Added, event); err != nil {
		r.logger.Error(err, "Unable to record event: broadcaster shut down", "event", klog.KObj(event))
	} else if !sent {
		r.logger.Error(nil, "Unable to record event: too many queued events, dropped", "event", klog.KObj(event))
	}
}

func (r *recorder) makeEvent(ref *corev1.ObjectReference, annotations map[string]string, eventtype, reason, message string) *corev1.Event {
	t := metav1.NewTime(r.now())
	namespace := ref.Namespace
	if namespace == "" {
		namespace = metav1.NamespaceDefault
	}
	return &corev1.Event{
		ObjectMeta: metav1.ObjectMeta{
			Name:        GenerateEventName(ref.Name, t.UnixNano()),
			Namespace:   namespace,
			Annotations: annotations,
		},
		InvolvedObject:      *ref,
		Reason:              reason,
		Message:             message,
		FirstTimestamp:      t,
		LastTimestamp:       t,
		Count:               1,
		Type:                eventtype,
		Source:              r.source,
		ReportingController: r.source.Component,
		ReportingInstance:   r.source.Host,
	}
}

// GenerateEventName returns the name of an event about the object named objectName made at nanos
// (Unix nanoseconds): "<object name>.<time in hex>", as client-go names events. An object name too
// long for that is cut so the result stays a valid object name (client-go uses a random UUID
// instead).
func GenerateEventName(objectName string, nanos int64) string {
	suffix := fmt.Sprintf(".%x", nanos)
	if max := validation.DNS1123SubdomainMaxLength - len(suffix); len(objectName) > max {
		objectName = objectName[:max]
	}
	return objectName + suffix
}

// Reference returns a reference to obj (or obj itself when it is a *corev1.ObjectReference), taking
// its kind from scheme when its TypeMeta is empty.
func Reference(scheme *runtime.Scheme, obj runtime.Object) (*corev1.ObjectReference, error) {
	if obj == nil {
		return nil, fmt.Errorf("record: no object to refer to")
	}
	if ref, ok := obj.(*corev1.ObjectReference); ok {
		return ref, nil
	}
	m, err := meta.Accessor(obj)
	if err != nil {
		return nil, fmt.Errorf("record: %T has no object metadata: %w", obj, err)
	}
	gvk := obj.GetObjectKind().GroupVersionKind()
	if gvk.Kind == "" {
		if scheme == nil {
			return nil, fmt.Errorf("record: %T has no kind and no scheme was given to find it", obj)
		}
		gvks, _, err := scheme.ObjectKinds(obj)
		if err != nil {
			return nil, fmt.Errorf("record: kind of %T: %w", obj, err)
		}
		gvk = gvks[0]
	}
	return &corev1.ObjectReference{
		Kind:            gvk.Kind,
		APIVersion:      gvk.GroupVersion().String(),
		Name:            m.GetName(),
		Namespace:       m.GetNamespace(),
		UID:             m.GetUID(),
		ResourceVersion: m.GetResourceVersion(),
	}, nil
}
