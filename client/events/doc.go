// Package events records events.k8s.io/v1 Events about API objects, with the names and signatures
// of client-go's tools/events: an EventBroadcaster hands the events its EventRecorders make to a
// sink (the API server through EventSinkImpl{Interface: clientset.EventsV1()}), to logs and to
// watchers; FakeRecorder collects them in tests; NewEventBroadcasterAdapter records through
// events.k8s.io/v1 where the server serves it and through core/v1 (package client/record) where
// it does not.
//
// An event is named "<regarding name>.<time in hex>" and reported by the recorder's controller and
// instance ("<controller>-<hostname>"). Writing to a sink follows client-go:
//
//   - the first event of its kind (same type, action, reason, reporting controller and instance,
//     regarding and related object) is created;
//   - the next one within the series window turns the stored event into a series: it is patched
//     with series {count: 2, lastObservedTime};
//   - further repeats only count in memory; every 30 minutes the count of each open series is
//     patched to the server, and a series that has seen no repeat for 6 minutes gets its final
//     count written and is closed, so that the next repeat starts a new event;
//   - a patch of an event that is gone (expired, deleted) creates it again.
//
// client-go's events.k8s.io/v1 broadcaster has no spam filter and combines no messages; neither
// does this one (package client/record, the core/v1 recorder, does both, as client-go's does).
// A sink write that fails with a network error is retried up to 12 times, about 10s apart; one the
// API server refuses is dropped and logged. Events are recorded asynchronously: Eventf returns at
// once, and an event that finds the broadcaster's queue (1000) full is dropped.
//
// Layer: controller toolkit, over the blessed clientset. It imports the clientset
// (kubernetes, for the adapter), its events/v1 and core/v1 typed clients (kubernetes/typed/events/v1,
// kubernetes/typed/core/v1) and scheme (kubernetes/scheme), the core/v1 recorder (client/record),
// k8s.io/api, apimachinery and klog.
package events
