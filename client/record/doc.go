// Package record records core/v1 Events about API objects, with client-go's names: an
// EventBroadcaster hands the events its EventRecorders make to sinks (the API server through
// kubernetes/typed/core/v1.EventSinkImpl), to logs and to watchers; FakeRecorder collects them in
// tests.
//
// Writing to a sink goes through a correlator, as client-go's does:
//
//   - the same event again (same source, object, type, reason and message) is not created anew:
//     the existing Event's count and lastTimestamp are patched;
//   - more than MaxEvents events of one source, object, type and reason with different messages
//     within MaxIntervalInSeconds are combined into one Event whose message starts with
//     "(combined from similar events): ";
//   - each source and object may write a burst of BurstSize events, then QPS events per second
//     (by default 25, then one every five minutes); the rest are dropped.
//
// A sink write that fails with a network error is retried up to 12 times, SleepDuration (10s)
// apart; one the API server refuses is dropped and logged. Events are recorded asynchronously:
// Event returns at once, and an event that finds the broadcaster's queue (1000) full is dropped.
//
// Layer: record is controller toolkit over the core/v1 types; it imports k8s.io/api, apimachinery
// and klog, and knows the API server only through the EventSink interface.
package record
