// Package controller is a small, complete controller for the CronTab kind of the
// stable.example.com/v1 example API, built the way controllers are built on kubegen: a generated
// shared informer feeds a rate-limited work queue of "namespace/name" keys, workers read the
// objects from the generated lister, and the status is written through the status subresource.
//
// What it does to each CronTab (the domain logic is deliberately small; the example runs no pods):
//
//   - status.replicas mirrors spec.replicas (1 when unset), so the scale subresource reports what
//     was asked for;
//   - status.labelSelector is "stable.example.com/crontab=<name>", the selector of the pods such a
//     CronTab would run, as the scale subresource needs;
//   - status.lastScheduleTime is set to the current time whenever the controller puts a new replica
//     count into effect (and on first sight): it tells when the current spec was last scheduled.
//
// The controller's shape is the one every kubegen controller should have:
//
//   - informer event handlers only enqueue keys; N workers take them from the queue, and the queue
//     never hands one key to two workers at once;
//   - a worker reads the object from the lister and never mutates it: it writes a DeepCopy;
//   - an error requeues the key with per-key exponential backoff; a Conflict (the cache was behind
//     the server) is expected and requeued quietly; success forgets the key's backoff;
//   - Run waits for the cache to sync before starting workers, and on cancellation shuts the queue
//     down with drain, so it returns only when no worker is busy.
//
// Reconciler holds the per-object logic and works with any clientset, the generated fake included.
//
// Layer: an example application on top of the generated clientset, informers and listers of
// examples/crd and the runtime packages client/cache and client/workqueue. Nothing imports it.
package controller
