// Package codegen holds what the model-based generators (client-gen, lister-gen, informer-gen)
// share around their own templates: a [Generator] describes one of them — its tool name, how it
// validates its options and which gengo targets it writes for an API model — and runs it the same
// way for all: as a Job over a package load shared with other generators (cmd/kubegen), or as a
// whole Run that loads, generates and writes (or verifies).
//
// Layer: generator plumbing. It may import its sub-packages (model, naming, output), gengo and the
// standard library; never a generator or the client runtime.
package codegen
