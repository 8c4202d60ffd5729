// Package client holds no code: its subpackages are kubegen's runtime, one package per layer of
// DESIGN.md, each importing only layers below it:
//
//	0  client/internal/fifo, client/internal/intern, client/transport/internal/watchedfile,
//	   client/applyconfigurations/meta/v1, client/metrics, client/internal/fastpaths,
//	   client/internal/cowmap,
//	   client/internal/allocgate, client/internal/testobjects (test support)          leaves
//	1  client/transport, client/workqueue, client/internal/fastjson, client/internal/fastproto
//	2  client/rest
//	3  client/kubeconfig, client/testing (the actions and reactors of fake clientsets)
//	4  client/typed, client/discovery, client/dynamic, client/metadata, client/apply,
//	   client/internal/upgrade
//	5  client/cache, client/fake, client/remotecommand, client/portforward, client/record,
//	   client/typed/typedtest
//	6  client/dynamic/dynamicinformer, client/metadata/metadatainformer, client/freshness
//	7  the blessed clientset, listers and informers (kubernetes/..., generated; not in client/)
//	8  client/leaderelection/resourcelock, client/events   controller toolkit, over the blessed clientset
//	9  client/leaderelection
//
// Nothing in client/ imports a generator, internal/codegen, examples, tests or commands; below layer 7
// nothing in client/ reaches outside client/ at all. Nothing in the module depends on
// k8s.io/client-go or k8s.io/code-generator.
//
// The layer test of this package (layers_test.go) enforces the table above and, for every package,
// the imports its doc comment's "Layer" paragraph allows: a new package under client/ fails it until
// it is given a layer there.
package client
