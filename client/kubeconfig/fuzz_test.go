package kubeconfig

import (
	"bytes"
	"testing"
)

// FuzzLoad feeds arbitrary bytes to the kubeconfig parser and, when they parse, to the writer and to
// RESTConfig. Nothing may panic or hang; whatever parses must survive a Marshal/Parse round trip
// unchanged (Marshal is a fixed point after one round).
func FuzzLoad(f *testing.F) {
	f.Add([]byte(baseConfig))
	f.Add([]byte(kubeconfigYAML("a", "https://a") + "current-context: a\n"))
	f.Add([]byte("users:\n- name: bob\n  user:\n    client-certificate-data: abcd!efg\n"))
	f.Add([]byte(`{"clusters":[{"name":"j","cluster":{"server":"https://j","extensions":[{"name":"x","extension":{"a":1}}]}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := parse(data, "fuzz")
		if err != nil {
			if cfg != nil {
				t.Fatalf("parse returned a config and an error: %v", err)
			}
			return
		}
		out, err := Marshal(cfg)
		if err != nil {
			t.Fatalf("Marshal of a parsed config: %v", err)
		}
		again, err := Parse(out)
		if err != nil {
			t.Fatalf("Parse(Marshal(cfg)): %v\n%s", err, out)
		}
		out2, err := Marshal(again)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out, out2) {
			t.Fatalf("Marshal is not stable:\n%s\n---\n%s", out, out2)
		}
		// RESTConfig reads CA files for exec plugins; keep the fuzzer off the real file system.
		for i := range cfg.Clusters {
			cfg.Clusters[i].Cluster.CertificateAuthority = ""
		}
		cc := NewClientConfig(cfg, Overrides{})
		_, _ = cc.RESTConfig()
		_, _, _ = cc.Namespace()
		_ = cc.String()
	})
}
