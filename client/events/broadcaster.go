package events

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	eventsv1 "k8s.io/api/events/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/strategicpatch"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/klog/v2"
)

// The timings of client-go's events.k8s.io/v1 broadcaster.
const (
	queueLength      = 1000
	maxTriesPerEvent = 12
	// seriesFinish is how long a series stays open without a repeat.
	seriesFinish = 6 * time.Minute
	// seriesHeartbeat is how often the counts of open series are written.
	seriesHeartbeat      = 30 * time.Minute
	defaultSleepDuration = 10 * time.Second
)

// isomorphism is what makes two events the same for a series: all but the time and the note.
type isomorphism struct {
	eventType, action, reason              string
	reportingController, reportingInstance string
	regarding, related                     corev1.ObjectReference
}

func isomorphismOf(e *eventsv1.Event) isomorphism {
	k := isomorphism{
		eventType:           e.Type,
		action:              e.Action,
		reason:              e.Reason,
		reportingController: e.ReportingController,
		reportingInstance:   e.ReportingInstance,
		regarding:           e.Regarding,
	}
	if e.Related != nil {
		k.related = *e.Related
	}
	return k
}

// broadcaster implements EventBroadcaster over apimachinery's watch.Broadcaster.
type broadcaster struct {
	*watch.Broadcaster
	sink          EventSink
	sleepDuration time.Duration
	now           func() time.Time

	mu sync.Mutex
	// open holds the last event written of each isomorphism, with its series counted in memory.
	open map[isomorphism]*eventsv1.Event
}

// NewBroadcaster returns an EventBroadcaster whose StartRecordingToSink writes to sink.
func NewBroadcaster(sink EventSink) EventBroadcaster {
	return newBroadcaster(sink, defaultSleepDuration, time.Now)
}

func newBroadcaster(sink EventSink, sleepDuration time.Duration, now func() time.Time) *broadcaster {
	return &broadcaster{
		Broadcaster:   watch.NewLongQueueBroadcaster(queueLength, watch.DropIfChannelFull),
		sink:          sink,
		sleepDuration: sleepDuration,
		now:           now,
		open:          map[isomorphism]*eventsv1.Event{},
	}
}

// Shutdown implements EventBroadcaster.
func (b *broadcaster) Shutdown() { b.Broadcaster.Shutdown() }

// StartEventWatcher implements EventBroadcaster.
func (b *broadcaster) StartEventWatcher(eventHandler func(event runtime.Object)) (func(), error) {
	return b.startEventWatcher(klog.Background(), eventHandler)
}

func (b *broadcaster) startEventWatcher(logger klog.Logger, eventHandler func(event runtime.Object)) (func(), error) {
	w, err := b.Watch()
	if err != nil {
		return nil, err
	}
	go func() {
		defer func() {
			if r := recover(); r != nil {
				logger.Error(nil, "Event handler panicked", "panic", r)
			}
		}()
		for ev := range w.ResultChan() {
			eventHandler(ev.Object)
		}
	}()
	return w.Stop, nil
}

// StartStructuredLogging implements EventBroadcaster.
func (b *broadcaster) StartStructuredLogging(verbosity klog.Level) func() {
	logger := klog.Background().V(int(verbosity))
	stop, err := b.StartLogging(logger)
	if err != nil {
		logger.Error(err, "Unable to start event watcher")
		return func() {}
	}
	return stop
}

// StartLogging implements EventBroadcaster.
func (b *broadcaster) StartLogging(logger klog.Logger) (func(), error) {
	return b.startEventWatcher(logger, func(obj runtime.Object) {
		e, ok := obj.(*eventsv1.Event)
		if !ok {
			logger.Error(nil, "Not an events.k8s.io/v1 Event", "type", obj)
			return
		}
		logger.Info("Event occurred", "object", klog.KRef(e.Regarding.Namespace, e.Regarding.Name),
			"kind", e.Regarding.Kind, "apiVersion", e.Regarding.APIVersion,
			"type", e.Type, "reason", e.Reason, "action", e.Action, "note", e.Note)
	})
}

// StartRecordingToSink implements EventBroadcaster.
func (b *broadcaster) StartRecordingToSink(stopCh <-chan struct{}) {
	if err := b.StartRecordingToSinkWithContext(wait.ContextForChannel(stopCh)); err != nil {
		klog.Background().Error(err, "Unable to start recording to sink")
	}
}

// StartRecordingToSinkWithContext implements EventBroadcaster.
func (b *broadcaster) StartRecordingToSinkWithContext(ctx context.Context) error {
	stop, err := b.StartEventWatcher(func(obj runtime.Object) {
		e, ok := obj.(*eventsv1.Event)
		if !ok {
			klog.FromContext(ctx).Error(nil, "Not an events.k8s.io/v1 Event", "type", obj)
			return
		}
		if out := b.observe(e); out != nil {
			b.write(ctx, out)
		}
	})
	if err != nil {
		return err
	}
	go every(ctx, seriesHeartbeat, b.heartbeat)
	go every(ctx, seriesFinish, b.finishSeries)
	go func() {
		<-ctx.Done()
		stop()
	}()
	return nil
}

// every calls f each period until ctx ends. Unlike wait.UntilWithContext it does not call f at
// once: at start there is no series to write or close.
func every(ctx context.Context, period time.Duration, f func(context.Context)) {
	t := time.NewTicker(period)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			f(ctx)
		}
	}
}

// observe counts e in its series and returns what to write: e itself when it starts a series, the
// stored event turned into a series on its first repeat, nil on later repeats (counted only).
func (b *broadcaster) observe(e *eventsv1.Event) *eventsv1.Event {
	b.mu.Lock()
	defer b.mu.Unlock()
	key := isomorphismOf(e)
	prev, ok := b.open[key]
	if !ok {
		b.open[key] = e.DeepCopy()
		return e.DeepCopy()
	}
	now := metav1.MicroTime{Time: b.now()}
	if prev.Series != nil {
		prev.Series.Count++
		prev.Series.LastObservedTime = now
		return nil
	}
	prev.Series = &eventsv1.EventSeries{Count: 2, LastObservedTime: now}
	return prev.DeepCopy()
}

// heartbeat writes the count of every open series.
func (b *broadcaster) heartbeat(ctx context.Context) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for key, e := range b.open {
		if e.Series == nil {
			continue
		}
		if stored, retry := writeOnce(ctx, b.sink, e.DeepCopy()); !retry && stored != nil {
			b.open[key] = stored
		}
	}
}

// finishSeries closes the series that have seen no repeat for seriesFinish, writing their final
// counts, and forgets single events as old.
func (b *broadcaster) finishSeries(ctx context.Context) {
	b.mu.Lock()
	defer b.mu.Unlock()
	cutoff := b.now().Add(-seriesFinish)
	for key, e := range b.open {
		switch {
		case e.Series != nil && e.Series.LastObservedTime.Time.Before(cutoff):
			if _, retry := writeOnce(ctx, b.sink, e.DeepCopy()); !retry {
				delete(b.open, key)
			}
		case e.Series == nil && e.EventTime.Time.Before(cutoff):
			delete(b.open, key)
		}
	}
}

// write writes e, retrying failures worth retrying up to maxTriesPerEvent times.
func (b *broadcaster) write(ctx context.Context, e *eventsv1.Event) {
	for try := 1; ; try++ {
		if _, retry := writeOnce(ctx, b.sink, e); !retry {
			return
		}
		if try >= maxTriesPerEvent {
			klog.FromContext(ctx).Error(nil, "Unable to write event; giving up", "event", klog.KObj(e), "tries", try)
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait.Jitter(b.sleepDuration, 0.25)):
		}
	}
}

// writeOnce creates e, or patches its series into the stored event (creating it when it is gone),
// and returns what the sink stored, or whether the failure is worth retrying.
func writeOnce(ctx context.Context, sink EventSink, e *eventsv1.Event) (stored *eventsv1.Event, retry bool) {
	logger := klog.FromContext(ctx)
	var err error
	series := e.Series != nil
	if series {
		patch, perr := seriesPatch(e)
		if perr != nil {
			logger.Error(perr, "Unable to make the patch of an event series", "event", klog.KObj(e))
			return nil, false
		}
		stored, err = sink.Patch(ctx, e, patch)
	}
	if !series || apierrors.IsNotFound(err) {
		e = e.DeepCopy()
		e.ResourceVersion = ""
		stored, err = sink.Create(ctx, e)
	}
	if err == nil {
		return stored, false
	}
	var status apierrors.APIStatus
	switch {
	case apierrors.IsAlreadyExists(err) && series:
		// The patch found no event and the create found one: the first event of the series was
		// written meanwhile. The patch will find it next time.
		return nil, true
	case apierrors.IsAlreadyExists(err):
		logger.V(5).Info("Server rejected event (will not retry)", "event", klog.KObj(e), "err", err)
		return nil, false
	case errors.As(err, &status):
		logger.Error(err, "Server rejected event (will not retry)", "event", klog.KObj(e))
		return nil, false
	}
	logger.Error(err, "Unable to write event (may retry after sleeping)", "event", klog.KObj(e))
	return nil, true
}

// seriesPatch is the strategic merge patch that adds e's series to the event without it.
func seriesPatch(e *eventsv1.Event) ([]byte, error) {
	without := e.DeepCopy()
	without.Series = nil
	before, err := json.Marshal(without)
	if err != nil {
		return nil, err
	}
	after, err := json.Marshal(e)
	if err != nil {
		return nil, err
	}
	return strategicpatch.CreateTwoWayMergePatch(before, after, eventsv1.Event{})
}
