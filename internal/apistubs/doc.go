// Package apistubs freezes the Go interfaces of a released clientset into compile-checked stubs, and
// reports how the live interfaces have drifted from such a release.
//
// A release stub is one Go test file, <dir>/<release>_test.go, written once when a clientset is released
// and never regenerated silently. For every exported interface of the clientset's packages it holds:
//
//  1. a frozen copy of the interface's method set, and an assertion that the live interface satisfies it,
//     which stops compiling when a method is removed or its signature changes; and
//  2. under the strict policy, a stub type implementing exactly the frozen methods, asserted to implement
//     the live interface, which stops compiling when a method is added (an addition breaks users' own
//     implementations and mocks of the interface).
//
// Both are plain Go: `go vet` and `go test` of the stub package fail, naming the interface and the
// method, when the generated code drifts from a released stub. Diff explains the drift for humans, with
// the file and line of every added, removed and changed method.
//
// This package is generator plumbing: it reads packages with golang.org/x/tools/go/packages and imports
// nothing of kubegen's runtime.
package apistubs
