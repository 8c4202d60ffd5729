package kubeconfig

import (
	"testing"
)

func BenchmarkParse(b *testing.B) {
	data := []byte(baseConfig)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadAndRESTConfig(b *testing.B) {
	path := writeFile(b, b.TempDir(), "config", baseConfig)
	b.ReportAllocs()
	for b.Loop() {
		cc, err := Load(LoadOptions{ExplicitPath: path})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := cc.RESTConfig(); err != nil {
			b.Fatal(err)
		}
	}
}
