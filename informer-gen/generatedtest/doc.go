// Package generatedtest exercises informer-gen's golden output (the informers of client-gen's
// fixtures, over client-gen's golden clientset and lister-gen's golden listers) against the
// generated fake clientset. It is separate from informer-gen's own tests so that those can
// regenerate the golden tree (go test -update) even when it does not compile.
//
// Layer: tests only; it imports the generated code and the runtime beneath it.
package generatedtest
