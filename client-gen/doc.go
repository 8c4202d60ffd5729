// Package clientgen is client-gen: from the API model of Go types tagged +genclient it writes, for
// each group/version, a typed client package (a <Group><Version>Client and one interface per
// resource, each a thin shell over client/typed), a clientset holding one version per group, a scheme
// package registering every type, and optionally fakes over client/fake's object tracker, with a
// runnable example_test.go per typed package that drives one of its kinds through the fake clientset.
//
// Layer: generator (client-gen). It may import internal/codegen (model, naming, output), gengo, pflag
// and klog; the code it writes imports client/rest, client/typed and client/fake.
package clientgen
