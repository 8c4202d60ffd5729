package kubeconfig

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/go-logr/logr"
	"github.com/go-logr/logr/funcr"
	"k8s.io/klog/v2"
	"k8s.io/klog/v2/textlogger"

	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/client/transport"
)

// logSecrets are planted in every secret-holding field below; none may appear in any output.
var logSecrets = []string{"TOKEN-SECRET", "PASSWORD-SECRET", "KEY-SECRET", "CERT-SECRET", "ENV-SECRET",
	"ARG-SECRET", "PROVIDER-SECRET", "URLPW-SECRET", "PROXYPW-SECRET", "EXT-SECRET"}

// secretValues returns one value of every type that holds a secret, each with every secret field set.
func secretValues() map[string]any {
	exec := ExecConfig{Command: "plugin", Args: []string{"--token=ARG-SECRET"},
		Env: []ExecEnvVar{{Name: "API_KEY", Value: "ENV-SECRET"}}, APIVersion: execV1, InteractiveMode: "Never"}
	user := AuthInfo{Token: "TOKEN-SECRET", ClientKeyData: []byte("KEY-SECRET"), ClientCertificateData: []byte("CERT-SECRET"),
		Username: "bob", Password: "PASSWORD-SECRET", Exec: &exec,
		AuthProvider: &AuthProviderConfig{Name: "oidc", Config: map[string]string{"id-token": "PROVIDER-SECRET"}},
		Extensions:   []NamedExtension{{Name: "x", Extension: json.RawMessage(`{"k":"EXT-SECRET"}`)}}}
	cluster := Cluster{Server: "https://u:URLPW-SECRET@k:6443", ProxyURL: "http://p:PROXYPW-SECRET@proxy:3128",
		Extensions: []NamedExtension{{Name: ExecExtensionName, Extension: json.RawMessage(`{"k":"EXT-SECRET"}`)}}}
	cfg := Config{
		CurrentContext: "c",
		Clusters:       []NamedCluster{{Name: "k", Cluster: cluster}},
		AuthInfos:      []NamedAuthInfo{{Name: "u", AuthInfo: user}},
		Contexts:       []NamedContext{{Name: "c", Context: Context{Cluster: "k", AuthInfo: "u"}}},
	}
	overrides := Overrides{Token: "TOKEN-SECRET", Password: "PASSWORD-SECRET", Server: "https://u:URLPW-SECRET@k"}
	tls := transport.TLSConfig{CertData: []byte("CERT-SECRET"), KeyData: []byte("KEY-SECRET"), CAData: []byte("ca")}
	texec := transport.ExecConfig{Command: "plugin", Args: []string{"--token=ARG-SECRET"},
		Env: []transport.ExecEnvVar{{Name: "API_KEY", Value: "ENV-SECRET"}},
		Cluster: &transport.ExecCluster{Server: "https://u:URLPW-SECRET@k", ProxyURL: "http://p:PROXYPW-SECRET@proxy",
			Config: []byte(`{"k":"EXT-SECRET"}`)}}
	restCfg := rest.Config{Host: "https://u:URLPW-SECRET@k:6443", BearerToken: "TOKEN-SECRET", Username: "bob",
		Password: "PASSWORD-SECRET", TLSClientConfig: tls, ExecProvider: &texec,
		Proxy: http.ProxyFromEnvironment, WrapTransport: func(rt http.RoundTripper) http.RoundTripper { return rt }}
	tcfg := transport.Config{BearerToken: "TOKEN-SECRET", Username: "bob", Password: "PASSWORD-SECRET",
		TLS: tls, Exec: &texec, Proxy: http.ProxyFromEnvironment}
	return map[string]any{
		"kubeconfig.Config":             cfg,
		"kubeconfig.NamedCluster":       cfg.Clusters[0],
		"kubeconfig.Cluster":            cluster,
		"kubeconfig.NamedAuthInfo":      cfg.AuthInfos[0],
		"kubeconfig.AuthInfo":           user,
		"kubeconfig.ExecConfig":         exec,
		"kubeconfig.ExecEnvVar":         exec.Env[0],
		"kubeconfig.AuthProviderConfig": *user.AuthProvider,
		"kubeconfig.Overrides":          overrides,
		"kubeconfig.LoadOptions":        LoadOptions{Overrides: overrides},
		"kubeconfig.ClientConfig":       *NewClientConfig(&cfg, overrides),
		"rest.Config":                   restCfg,
		"transport.Config":              tcfg,
		"transport.TLSConfig":           tls,
		"transport.ExecConfig":          texec,
		"transport.ExecEnvVar":          texec.Env[0],
		"transport.ExecCluster":         *texec.Cluster,
	}
}

// logShows is, for each value of secretValues, something that is not secret and must still be shown.
var logShows = map[string]string{
	"kubeconfig.Config": "API_KEY", "kubeconfig.NamedCluster": "u:xxxxx@k:6443", "kubeconfig.Cluster": "p:xxxxx@proxy",
	"kubeconfig.NamedAuthInfo": "bob", "kubeconfig.AuthInfo": "bob", "kubeconfig.ExecConfig": "plugin",
	"kubeconfig.ExecEnvVar": "API_KEY", "kubeconfig.AuthProviderConfig": "oidc", "kubeconfig.Overrides": "u:xxxxx@k",
	"kubeconfig.LoadOptions": "u:xxxxx@k", "kubeconfig.ClientConfig": "u:xxxxx@k", "rest.Config": "u:xxxxx@k:6443",
	"transport.Config": "bob", "transport.TLSConfig": "2 bytes", "transport.ExecConfig": "plugin",
	"transport.ExecEnvVar": "API_KEY", "transport.ExecCluster": "p:xxxxx@proxy",
}

// formatPaths are the ways a habit prints a value: fmt verbs, klog's text output (klog.InfoS and the
// textlogger), logr's funcr in text and JSON, and the component-base JSON format (zapr: MarshalLog,
// then a Stringer's String, else encoding/json).
func formatPaths(t *testing.T) map[string]func(v any) string {
	paths := map[string]func(v any) string{}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		paths["fmt "+verb] = func(v any) string { return fmt.Sprintf(verb, v) }
	}
	paths["klog.InfoS"] = func(v any) string {
		var buf bytes.Buffer
		klog.SetOutput(&buf)
		klog.InfoS("x", "cfg", v)
		klog.Flush()
		return buf.String()
	}
	paths["klog textlogger"] = func(v any) string {
		var buf bytes.Buffer
		textlogger.NewLogger(textlogger.NewConfig(textlogger.Output(&buf))).Info("x", "cfg", v)
		return buf.String()
	}
	funcrOut := func(json bool) func(v any) string {
		return func(v any) string {
			var out string
			write := func(prefix, args string) { out = prefix + args }
			var l logr.Logger
			if json {
				l = funcr.NewJSON(func(obj string) { out = obj }, funcr.Options{})
			} else {
				l = funcr.New(write, funcr.Options{})
			}
			l.Info("x", "cfg", v)
			return out
		}
	}
	paths["funcr text"] = funcrOut(false)
	paths["funcr JSON"] = funcrOut(true)
	paths["component-base JSON"] = func(v any) string {
		if m, ok := v.(logr.Marshaler); ok {
			v = m.MarshalLog()
		}
		if s, ok := v.(fmt.Stringer); ok {
			return s.String()
		}
		b, err := json.Marshal(v)
		if err != nil {
			t.Errorf("component-base JSON of %T: %v", v, err)
		}
		return string(b)
	}
	return paths
}

// leaked returns the secret, in plain, hex or base64 form, that out shows, or "".
func leaked(out string) string {
	for _, s := range logSecrets {
		for _, form := range []string{s, fmt.Sprintf("%x", s), base64.StdEncoding.EncodeToString([]byte(s))[:12]} {
			if strings.Contains(out, form) {
				return s
			}
		}
	}
	return ""
}

func TestIssue10_NoSecretInAnyLogLine(t *testing.T) {
	fs := flag.NewFlagSet("klog", flag.ContinueOnError)
	klog.InitFlags(fs)
	if err := fs.Parse([]string{"-logtostderr=false", "-alsologtostderr=false", "-stderrthreshold=FATAL"}); err != nil {
		t.Fatal(err)
	}
	defer klog.SetOutput(nil)
	paths := formatPaths(t)
	for name, v := range secretValues() {
		ptr := newPointer(v)
		shows := logShows[name]
		for path, format := range paths {
			for kind, val := range map[string]any{"value": v, "pointer": ptr} {
				out := format(val)
				if s := leaked(out); s != "" {
					t.Errorf("%s (%s) through %s shows %s: %s", name, kind, path, s, out)
				}
				if !strings.Contains(out, shows) && !strings.Contains(out, fmt.Sprintf("%x", shows)) {
					t.Errorf("%s (%s) through %s does not show %q: %s", name, kind, path, shows, out)
				}
			}
		}
	}
}

// newPointer returns a pointer to a copy of v.
func newPointer(v any) any {
	p := reflect.New(reflect.TypeOf(v))
	p.Elem().Set(reflect.ValueOf(v))
	return p.Interface()
}
