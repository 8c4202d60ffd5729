package kubeconfig

import (
	"reflect"
	"strings"
	"testing"

	"github.com/kubegen/kubegen/client/transport"
)

func TestExecProviderWithClusterInfo(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "ca.crt", string(testCert))
	path := writeFile(t, dir, "config", `
current-context: c
clusters:
- name: k
  cluster:
    server: https://k:6443
    certificate-authority: ca.crt
    tls-server-name: k.internal
    proxy-url: http://proxy:3128
    extensions:
    - name: client.authentication.k8s.io/exec
      extension:
        audience: k8s
        nested: {a: [1, 2]}
users:
- name: u
  user:
    exec:
      command: ./plugin
      args: [get-token, --cluster, k]
      env:
      - {name: REGION, value: eu}
      apiVersion: client.authentication.k8s.io/v1
      installHint: install the plugin
      provideClusterInfo: true
      interactiveMode: Never
contexts:
- name: c
  context: {cluster: k, user: u}
`)
	rc, err := LoadOptions{ExplicitPath: path}.RESTConfig()
	if err != nil {
		t.Fatal(err)
	}
	want := &transport.ExecConfig{
		Command:            dir + "/plugin",
		Args:               []string{"get-token", "--cluster", "k"},
		Env:                []transport.ExecEnvVar{{Name: "REGION", Value: "eu"}},
		APIVersion:         "client.authentication.k8s.io/v1",
		InstallHint:        "install the plugin",
		ProvideClusterInfo: true,
		InteractiveMode:    "Never",
		Cluster: &transport.ExecCluster{
			Server:                   "https://k:6443",
			TLSServerName:            "k.internal",
			CertificateAuthorityData: testCert,
			ProxyURL:                 "http://proxy:3128",
			Config:                   []byte(`{"audience":"k8s","nested":{"a":[1,2]}}`),
		},
	}
	if !reflect.DeepEqual(rc.ExecProvider, want) {
		t.Errorf("ExecProvider:\n got %+v %+v\nwant %+v %+v", rc.ExecProvider, rc.ExecProvider.Cluster, want, want.Cluster)
	}
}

func TestExecProviderServerOverrideReachesPlugin(t *testing.T) {
	cfg := &Config{
		CurrentContext: "c",
		Clusters:       []NamedCluster{{Name: "k", Cluster: Cluster{Server: "https://old", CertificateAuthorityData: []byte("CA")}}},
		AuthInfos: []NamedAuthInfo{{Name: "u", AuthInfo: AuthInfo{Exec: &ExecConfig{
			Command: "p", APIVersion: "client.authentication.k8s.io/v1beta1", ProvideClusterInfo: true}}}},
		Contexts: []NamedContext{{Name: "c", Context: Context{Cluster: "k", AuthInfo: "u"}}},
	}
	rc, err := NewClientConfig(cfg, Overrides{Server: "https://new", InsecureSkipTLSVerify: true}).RESTConfig()
	if err != nil {
		t.Fatal(err)
	}
	ec := rc.ExecProvider
	if ec.InteractiveMode != "IfAvailable" {
		t.Errorf("v1beta1 interactive mode defaulted to %q, want IfAvailable", ec.InteractiveMode)
	}
	if ec.Cluster.Server != "https://new" || !ec.Cluster.InsecureSkipTLSVerify || ec.Cluster.CertificateAuthorityData != nil {
		t.Errorf("cluster info %+v does not reflect the overrides", ec.Cluster)
	}
}

func TestExecProviderWithoutClusterInfo(t *testing.T) {
	cfg := &Config{
		CurrentContext: "c",
		Clusters:       []NamedCluster{{Name: "k", Cluster: Cluster{Server: "https://k"}}},
		AuthInfos:      []NamedAuthInfo{{Name: "u", AuthInfo: AuthInfo{Exec: &ExecConfig{Command: "p", APIVersion: execV1, InteractiveMode: "Always"}}}},
		Contexts:       []NamedContext{{Name: "c", Context: Context{Cluster: "k", AuthInfo: "u"}}},
	}
	rc, err := NewClientConfig(cfg, Overrides{}).RESTConfig()
	if err != nil {
		t.Fatal(err)
	}
	if rc.ExecProvider.Cluster != nil {
		t.Errorf("cluster info passed without provideClusterInfo: %+v", rc.ExecProvider.Cluster)
	}
}

func TestExecProviderErrors(t *testing.T) {
	tests := []struct {
		name string
		exec ExecConfig
		ca   string
		want string
	}{
		{"no command", ExecConfig{APIVersion: execV1, InteractiveMode: "Never"}, "",
			`users "u": exec.command: missing`},
		{"no api version", ExecConfig{Command: "p"}, "",
			`users "u": exec.apiVersion: missing (want client.authentication.k8s.io/v1 or client.authentication.k8s.io/v1beta1)`},
		{"v1alpha1", ExecConfig{Command: "p", APIVersion: "client.authentication.k8s.io/v1alpha1"}, "",
			`users "u": exec.apiVersion: "client.authentication.k8s.io/v1alpha1" is not supported`},
		{"v1 needs interactive mode", ExecConfig{Command: "p", APIVersion: execV1}, "",
			`users "u": exec.interactiveMode: required by client.authentication.k8s.io/v1`},
		{"bad interactive mode", ExecConfig{Command: "p", APIVersion: execV1, InteractiveMode: "Sometimes"}, "",
			`users "u": exec.interactiveMode: "Sometimes" is not Never, IfAvailable or Always`},
		{"unreadable CA for cluster info", ExecConfig{Command: "p", APIVersion: execV1, InteractiveMode: "Never", ProvideClusterInfo: true}, "/nonexistent/ca.crt",
			`clusters "k": certificate-authority: open /nonexistent/ca.crt: no such file or directory`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exec := tt.exec
			cfg := &Config{
				CurrentContext: "c",
				Clusters:       []NamedCluster{{Name: "k", Cluster: Cluster{Server: "https://k", CertificateAuthority: tt.ca}}},
				AuthInfos:      []NamedAuthInfo{{Name: "u", AuthInfo: AuthInfo{Exec: &exec}}},
				Contexts:       []NamedContext{{Name: "c", Context: Context{Cluster: "k", AuthInfo: "u"}}},
			}
			_, err := NewClientConfig(cfg, Overrides{}).RESTConfig()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want one containing %s", err, tt.want)
			}
		})
	}
}
