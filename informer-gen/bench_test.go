//go:build golden

package informergen

import (
	"testing"

	"github.com/kubegen/kubegen/internal/codegen/output"
)

// BenchmarkGenerateKubernetesAPI measures what informer-gen adds to a kubegen run over all of
// k8s.io/api once the packages are loaded (the load is shared and not timed): the model, every
// informer file, gofmt'ed in memory.
func BenchmarkGenerateKubernetesAPI(b *testing.B) {
	loaded, err := output.Load([]string{"k8s.io/api/..."}, output.LoadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	a := &Args{
		OutputDir: "/nonexistent/informers", OutputPkg: "example.com/bench/informers",
		VersionedClientsetPkg: "example.com/bench/kubernetes", ListersPkg: "example.com/bench/listers",
	}
	b.ResetTimer()
	for b.Loop() {
		job, err := Job(loaded, a)
		if err != nil {
			b.Fatal(err)
		}
		files, err := output.Generate(job)
		if err != nil || len(files) == 0 {
			b.Fatalf("%d files, %v", len(files), err)
		}
		b.ReportMetric(float64(len(files)), "files/op")
	}
}
