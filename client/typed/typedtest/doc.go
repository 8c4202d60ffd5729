// Package typedtest holds scenario scripts written once against typed.Interface, so the same script
// can run against the fake clients of package fake and against a real kube-apiserver, and the two
// transcripts can be compared line by line. Each script records what a caller can observe
// (resourceVersions increasing, conflicts, selector results, status separation, watch events) and
// nothing that legitimately differs between servers (uids, timestamps, absolute resourceVersions,
// defaulted fields).
//
// Layer: test support above package typed; it imports typed, apply (Extract in the server-side apply
// script), k8s.io/api, apimachinery and structured-merge-diff (the schema the script applies with).
package typedtest
