package events

import (
	"fmt"
	"os"
	"time"

	corev1 "k8s.io/api/core/v1"
	eventsv1 "k8s.io/api/events/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/klog/v2"

	"github.com/kubegen/kubegen/client/record"
)

// recorder implements EventRecorderLogger and AnnotatedEventRecorder.
type recorder struct {
	b                   *broadcaster
	scheme              *runtime.Scheme
	reportingController string
	reportingInstance   string
	logger              klog.Logger
}

var (
	_ EventRecorderLogger    = &recorder{}
	_ AnnotatedEventRecorder = &recorder{}
)

// NewRecorder implements EventBroadcaster. The reporting instance is
// "<reportingController>-<hostname>", as client-go's.
func (b *broadcaster) NewRecorder(scheme *runtime.Scheme, reportingController string) EventRecorderLogger {
	hostname, _ := os.Hostname()
	return &recorder{
		b:                   b,
		scheme:              scheme,
		reportingController: reportingController,
		reportingInstance:   reportingController + "-" + hostname,
		logger:              klog.Background(),
	}
}

// Eventf implements EventRecorder.
func (r *recorder) Eventf(regarding, related runtime.Object, eventtype, reason, action, note string, args ...interface{}) {
	r.generate(regarding, related, nil, eventtype, reason, action, fmt.Sprintf(note, args...))
}

// AnnotatedEventf implements AnnotatedEventRecorder.
func (r *recorder) AnnotatedEventf(regarding, related runtime.Object, annotations map[string]string, eventtype, reason, action, note string, args ...interface{}) {
	r.generate(regarding, related, annotations, eventtype, reason, action, fmt.Sprintf(note, args...))
}

// WithLogger implements EventRecorderLogger.
func (r *recorder) WithLogger(logger klog.Logger) EventRecorderLogger {
	c := *r
	c.logger = logger
	return &c
}

func (r *recorder) generate(regarding, related runtime.Object, annotations map[string]string, eventtype, reason, action, note string) {
	regardingRef, err := record.Reference(r.scheme, regarding)
	if err != nil {
		r.logger.Error(err, "Could not construct reference, will not report event", "object", regarding, "eventType", eventtype, "reason", reason, "note", note)
		return
	}
	var relatedRef *corev1.ObjectReference
	if related != nil {
		// As client-go's: an unreferable related object is left out, not a reason to drop the event.
		if relatedRef, err = record.Reference(r.scheme, related); err != nil {
			r.logger.V(9).Info("Could not construct reference", "object", related, "err", err)
		}
	}
	if eventtype != corev1.EventTypeNormal && eventtype != corev1.EventTypeWarning {
		r.logger.Error(nil, "Unsupported event type", "eventType", eventtype)
		return
	}
	e := r.makeEvent(regardingRef, relatedRef, annotations, eventtype, reason, action, note, r.b.now())
	if sent, err := r.b.ActionOrDrop(watch.Added, e); err != nil {
		r.logger.Error(err, "Unable to record event: broadcaster shut down", "event", klog.KObj(e))
	} else if !sent {
		r.logger.Error(nil, "Unable to record event: too many queued events, dropped", "event", klog.KObj(e))
	}
}

func (r *recorder) makeEvent(regarding, related *corev1.ObjectReference, annotations map[string]string, eventtype, reason, action, note string, now time.Time) *eventsv1.Event {
	namespace := regarding.Namespace
	if namespace == "" {
		namespace = metav1.NamespaceDefault
	}
	return &eventsv1.Event{
		ObjectMeta: metav1.ObjectMeta{
			Name:        record.GenerateEventName(regarding.Name, now.UnixNano()),
			Namespace:   namespace,
			Annotations: annotations,
		},
		EventTime:           metav1.MicroTime{Time: now},
		ReportingController: r.reportingController,
		ReportingInstance:   r.reportingInstance,
		Action:              action,
		Reason:              reason,
		Regarding:           *regarding,
		Related:             related,
		Note:                note,
		Type:                eventtype,
	}
}
