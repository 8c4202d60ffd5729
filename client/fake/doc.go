// Package fake is an in-memory stand-in for the Kubernetes apiserver, for unit tests of code written
// against generated clientsets: a Tracker that stores objects with apiserver semantics, and Client, a
// generic fake with exactly the methods of typed.Client, so that a generated fake typed client is one
// line per method.
//
//	tracker, _ := fake.NewTracker(scheme)
//	cms := fake.NewClient(tracker, gvr, gvk, "default", newConfigMap, newConfigMapList)
//	created, err := cms.Create(ctx, cm, metav1.CreateOptions{})
//
// Layer: beside the typed clients, below generated fake clientsets. It imports apimachinery (including
// its server-side apply field manager), structured-merge-diff for schemas given with SetSchema,
// sigs.k8s.io/yaml for apply patches, package discovery for the interface its Discovery implements,
// and package rest for the program name its default field manager is derived from (as the apiserver
// derives it from the user agent), package testing for the actions it records and the reactors it
// runs (client-go's shapes), and package typed for the interface of apply configurations and
// the checks its ClientWithApply shares with the real one. client/rest and client/transport are linked into every fake, but
// nothing in it builds a REST client or sends a request. Its behaviour is checked against a real
// kube-apiserver: the scenarios of package client/typed/typedtest produce the same transcripts on both (client/typed/e2e).
//
// # What is emulated
//
//   - resourceVersion from one global counter incremented by every write, as etcd's revision; a list's
//     resourceVersion is the counter; an update that changes nothing is not a write.
//   - Optimistic concurrency: Update, Patch and Apply with a stale non-empty resourceVersion fail with
//     Conflict; an empty one is unconditional. Delete preconditions (uid, resourceVersion).
//   - AlreadyExists and NotFound naming the group and resource; generateName with a random 5-character
//     suffix; uid; creationTimestamp (to the second). Objects are stored and returned as the apiserver
//     serializes them (empty lists absent, times to the second), so a no-op patch is not a write.
//   - Validation of metadata with apimachinery's own rules and the apiserver's Invalid errors (kind,
//     name, causes with field paths, message): names by the resource's rule (DNS-1123 subdomain; labels
//     for namespaces and services; path segments for RBAC), generateName, labels, annotations and their
//     total size, owner references, finalizers (built-in kinds: a name without a domain must be
//     standard), managedFields; on update the immutable fields and no new finalizers on an object being
//     deleted; a patch changing the uid. Request options: dryRun, fieldManager, fieldValidation,
//     propagationPolicy and orphanDependents. Dry runs are validated as real writes are.
//   - Defaults and strategies of the common kinds: namespaces (kubernetes.io/metadata.name label, spec
//     finalizer, phase; spec and status kept on update), secrets (type Opaque, stringData folded into
//     data), pods and the pod templates of workloads (restartPolicy, dnsPolicy, grace period,
//     schedulerName, securityContext, container pull policy by tag, termination messages, port
//     protocols, probes, volume modes; for pods also enableServiceLinks, requests from limits, priority
//     and the not-ready/unreachable tolerations of the default admission plugins, status phase Pending
//     with the QoS class), services (type, sessionAffinity, port protocols and target ports,
//     internalTrafficPolicy; a cluster IP from 10.96.0.0/12 with a single-stack IPv4 family, kept on
//     update and immutable), deployments (replicas, RollingUpdate strategy, history and progress
//     limits; an annotation change is a new generation), replica sets, stateful sets, daemon sets
//     (template generation annotation), jobs (completions, parallelism, backoff, completion mode; the
//     generated selector and pod labels) and cron jobs. SetDefaults registers the defaults of other
//     kinds, or replaces or removes the built-in ones. Update of a missing lease, endpoints, event,
//     limit range or RBAC object creates it. The default field manager (DefaultFieldManager) is what
//     kube-apiserver records for kubegen's default user agent.
//   - Per-kind validation, when turned on (SetKindValidation; off by default, as tests often store
//     skeletal objects the apiserver would refuse): ConfigMap and Secret keys and immutable data,
//     Secret type immutability and required keys, Deployment replicas, selectors and pod templates,
//     pod containers and images, Service ports, Lease durations; and the uid of owner references,
//     which controller tests written for client-go's fake leave empty (their owners are made by
//     hand, without the uid the apiserver gives).
//   - Namespace lifecycle, when turned on (SetNamespaceLifecycle): creating in a missing namespace is
//     NotFound, in a terminating one Forbidden; deleting a namespace leaves it Terminating.
//   - Label selectors and field selectors: metadata.name, metadata.namespace, the fields the apiserver
//     supports for built-in kinds (pods: spec.nodeName, status.phase, ...; events: involvedObject.*,
//     reason, source, ...; secrets: type; nodes, namespaces, services, replicationcontrollers, jobs,
//     certificatesigningrequests, resourceslices), and any registered with WithSelectableField; other
//     fields are BadRequest, as from the apiserver.
//   - Lists with limit and continue over one consistent snapshot, resourceVersion with
//     resourceVersionMatch=Exact, 410 Gone for resourceVersions older than the event history
//     (SetHistoryLimit, Compact), and a timeout error for resourceVersions not yet reached.
//   - Watch from "" or "0" (current objects as ADDED, then changes), from a resourceVersion (the changes
//     after it, or an ERROR event with 410 Gone when too old), sendInitialEvents with the
//     initial-events-end bookmark, bookmarks on demand (Tracker.Bookmark), dropped connections on demand
//     (Tracker.CloseWatches, as an apiserver restart), selector-aware events (an object leaving the
//     selection is DELETED for that watcher), timeoutSeconds, and no dropped events: every watcher has
//     its own unbounded buffer, so slow watchers never block writers.
//   - Custom resources of a CustomResourceDefinition registered with RegisterCRD (its YAML or JSON):
//     fields its openAPIV3Schema does not declare are pruned (except under
//     x-kubernetes-preserve-unknown-fields), its defaults fill absent and null fields, and writes are
//     validated against it (type, nullable, required, enum, minimum/maximum and their exclusive forms,
//     multipleOf, minLength/maxLength, pattern, minItems/maxItems, uniqueItems,
//     minProperties/maxProperties, x-kubernetes-int-or-string) with the apiserver's Invalid errors
//     (status updates name fields from the status down, as the apiserver does); its scope and status
//     subresource apply to clients made for it.
//   - Status subresource separation for resources registered WithStatusSubresource: create drops the
//     status, Update keeps the stored status, UpdateStatus (and patch/apply of "status") changes only the
//     status, and metadata.generation starts at 1 and is bumped when anything outside metadata and status
//     changes.
//   - Finalizers: deleting an object with finalizers sets its deletionTimestamp; the update that removes
//     the last finalizer deletes it (answered with the new state at the old resourceVersion; watchers
//     get DELETED with the stored state at a new one). propagationPolicy Foreground and Orphan (and
//     orphanDependents) add the foregroundDeletion and orphan finalizers, as the apiserver does for the
//     garbage collector. Pods bound to a node are deleted gracefully (deletionTimestamp and grace
//     period; a delete with a shorter grace shortens it; 0 removes them). Delete preconditions word
//     their conflicts as the apiserver does. DeleteCollection of a namespaced resource across all
//     namespaces is MethodNotAllowed.
//   - Patches: JSON patch (RFC 6902; replacing a missing member adds it, as on the apiserver), JSON merge
//     patch (RFC 7386), strategic merge patch (refused with 415 for custom resources and unstructured
//     objects, as the apiserver refuses it), with the apiserver's errors for malformed patches and
//     patches that do not apply.
//   - Server-side apply and managedFields, by apimachinery's own field manager over the same
//     structured-merge-diff schema the apiserver uses (Tracker.SetSchema; generated fake clientsets
//     set it): lists merge by key (containers by name), finalizers as a set, atomic lists and structs
//     are owned whole; every write records its
//     manager (options.fieldManager, else DefaultFieldManager); apply merges the applied configuration,
//     removes fields its manager stopped applying, and fails with Conflict on fields other managers own
//     unless forced; for resources with a status subresource, applying the object ignores its status and
//     applying the status ignores everything else, as the apiserver's reset fields do.
//   - dryRun=All on every write.
//   - The "scale" subresource (autoscaling/v1 Scale from spec.replicas, status.replicas and the
//     selector) and "eviction" (deletes the object).
//   - Reactors (Tracker.PrependReactor) to inject errors or answers, and a record of every call
//     (Tracker.Actions), with client-go's shapes: package client/testing's Action values and
//     reaction chains (Tracker.Fake), which generated fake clientsets embed as client-go's do.
//   - Objects a test starts with, stored as client-go's tracker stores them (Tracker.AddAsGiven, what
//     generated fake clientsets' constructors use): read back exactly as given, without the fields
//     the apiserver would have set, until a write stores them as the apiserver would.
//
// # What is NOT emulated
//
// The rules suite (typedtest.Rules, run against kube-apiserver 1.37 and the fake by TestRulesMatchFake
// in client/typed/e2e) lists every difference it still finds, with one of the reasons below.
//
//   - Without a schema (SetSchema), or for resources whose type it lacks, field types are deduced from
//     the objects, so every list is atomic (replaced and owned whole), where the apiserver merges some
//     lists by key. Applying the status
//     subresource keeps only the status and the object's identity of the applied configuration; the
//     apiserver also lets some kinds' status endpoints set annotations.
//   - Per-kind validation beyond the rules above (and without SetKindValidation, any): in particular
//     pod spec updates, which the apiserver refuses with a diff of the whole spec, are not checked.
//   - Per-kind defaulting is reproduced for the kinds above only (and there for the fields of
//     kube-apiserver 1.37 with its default feature gates); other kinds need SetDefaults. Service IPs
//     come from a counter, not an allocator: no node ports, no dual stack, no "provided IP is already
//     allocated" errors, and of the allocation errors only that of a name the IPAddress refuses.
//   - A patch whose result has a field of the wrong type fails with Invalid as on the apiserver, but
//     the apiserver's message quotes the whole patched object; the fake's names the decoding error.
//   - No garbage collection: ownerReferences have no effect, and the foregroundDeletion and orphan
//     finalizers stay until removed by an update (as on an apiserver without its controllers). No
//     kubelet: a gracefully deleted pod stays until deleted with grace period 0. No namespace
//     controller: a terminating namespace (with SetNamespaceLifecycle) stays Terminating.
//   - metadata.generation is tracked for resources registered WithStatusSubresource or
//     AsCustomResource, except the built-in kinds observed to differ (namespaces, nodes, services and
//     persistentvolumeclaims do not track it; networkpolicies do); other built-in kinds may differ too.
//   - Custom resource schemas: CEL rules (x-kubernetes-validations), formats, oneOf/anyOf/allOf/not,
//     x-kubernetes-list-type and map-type, embedded resources' metadata, validation ratcheting and
//     conversion between versions are not applied; with errors in several fields, the apiserver lists
//     them in map order (random from run to run), the fake by field name.
//   - Field selectors of custom resources (selectableFields in the CRD) need WithSelectableField.
//   - Subresources other than status, scale and eviction answer NotFound unless a reactor handles them.
//   - Watches deliver objects, not bytes: no encoding, so decoding errors cannot occur.
//   - Each group/version/resource is stored on its own: two versions of one resource are two separate
//     stores (the apiserver converts between versions of one stored object).
//   - Watches from a resourceVersion newer than the tracker's wait for it silently, however long (the
//     apiserver answers "too large resource version" after a few seconds); lists answer it at once.
//   - Tracker memory grows with watchers that are never read or stopped.
package fake
