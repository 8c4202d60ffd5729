// Package client holds no code: its subpackages are kubegen's runtime, one package per layer of
// DESIGN.md, each importing only layers below it:
//
//	0  client/internal/fifo, client/transport/internal/watchedfile   leaves
//	1  client/transport, client/workqueue
//	2  client/rest
//	3  client/kubeconfig
//	4  client/typed, client/discovery, client/dynamic, client/internal/upgrade
//	5  client/cache, client/fake, client/remotecommand, client/portforward, client/typed/typedtest
//	6  client/dynamic/dynamicinformer
//
// Generated clientsets, listers and informers (kubernetes/, a user's generated tree) sit above all of
// them. Nothing in client/ imports a generator, internal/codegen, a clientset or anything else of the
// module outside client/, and nothing in the module depends on k8s.io/client-go or
// k8s.io/code-generator.
//
// The layer test of this package (layers_test.go) enforces the table above and, for every package,
// the imports its doc comment's "Layer" paragraph allows: a new package under client/ fails it until
// it is given a layer there.
package client
