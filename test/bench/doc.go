// Package bench compares kubegen with client-go and code-generator on the same work, side by side in
// one run. It is a module of its own so that only it depends on client-go and code-generator; kubegen
// itself never does.
//
//	cd test/bench && go test -bench . -benchmem
//	cd test/bench && go run ./cmd/informers      # informer sync time, CPU and heap at -n sizes; -binsize adds binary sizes
//	cd test/bench && go run ./cmd/binsize        # stripped size and cold build CPU of a list-pods program; -breakdown splits the CPU by package
//	cd test/bench && go run ./cmd/metaheap       # heap per cached object, metadata vs typed, 20,000 Secrets
//	cd test/bench && go run ./cmd/codegen        # generating all of k8s.io/api: kubegen vs code-generator
package bench
