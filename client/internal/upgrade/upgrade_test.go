package upgrade

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/client/transport"
)

func TestPodURL(t *testing.T) {
	tests := []struct {
		name        string
		host        string
		ns, pod     string
		subresource string
		params      url.Values
		want        string
		wantErr     bool
	}{
		{name: "exec", host: "https://k8s:6443", ns: "default", pod: "web-0", subresource: "exec",
			params: url.Values{"command": {"sh", "-c", "echo a b"}, "stdout": {"true"}},
			want:   "https://k8s:6443/api/v1/namespaces/default/pods/web-0/exec?command=sh&command=-c&command=echo+a+b&stdout=true"},
		{name: "portforward without params", host: "https://k8s", ns: "ns1", pod: "db", subresource: "portforward",
			want: "https://k8s/api/v1/namespaces/ns1/pods/db/portforward"},
		{name: "host with a path prefix", host: "https://proxy.example/clusters/a", ns: "x", pod: "p", subresource: "attach",
			want: "https://proxy.example/clusters/a/api/v1/namespaces/x/pods/p/attach"},
		{name: "no pod", host: "https://k8s", ns: "x", subresource: "exec", wantErr: true},
		{name: "pod with a slash", host: "https://k8s", ns: "x", pod: "a/b", subresource: "exec", wantErr: true},
		{name: "namespace with a slash", host: "https://k8s", ns: "x/y", pod: "p", subresource: "exec", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := PodURL(&rest.Config{Host: tt.host}, tt.ns, tt.pod, tt.subresource, tt.params)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("PodURL = %v, want an error", u)
				}
				return
			}
			if err != nil {
				t.Fatalf("PodURL: %v", err)
			}
			if u.String() != tt.want {
				t.Errorf("PodURL = %s\nwant       %s", u, tt.want)
			}
		})
	}
}

func TestNewDialerRefusesCustomTransport(t *testing.T) {
	_, err := NewDialer(&rest.Config{Host: "https://k8s", Transport: http.DefaultTransport})
	if err == nil || !strings.Contains(err.Error(), "custom Transport") {
		t.Errorf("NewDialer with a custom Transport: %v, want a clear error", err)
	}
	if _, err := NewDialer(nil); err == nil {
		t.Error("NewDialer(nil) succeeded")
	}
}

// TestAuthOnly: the wrapper config keeps credentials but no TLS or dialing, and drops an exec plugin
// that a static client certificate overrides.
func TestAuthOnly(t *testing.T) {
	base := http.DefaultTransport
	exec := &transport.ExecConfig{Command: "plugin", APIVersion: "client.authentication.k8s.io/v1"}
	tests := []struct {
		name     string
		in       transport.Config
		wantExec bool
	}{
		{name: "token", in: transport.Config{BearerToken: "t", TLS: transport.TLSConfig{CAData: []byte("ca")}}},
		{name: "exec plugin", in: transport.Config{Exec: exec}, wantExec: true},
		{name: "certificate beats exec plugin",
			in: transport.Config{Exec: exec, TLS: transport.TLSConfig{CertData: []byte("c"), KeyData: []byte("k")}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := authOnly(&tt.in, base)
			if got.Transport != base || got.Proxy != nil || got.DialContext != nil ||
				len(got.TLS.CAData)+len(got.TLS.CertData) != 0 {
				t.Errorf("authOnly kept dialing settings: %v", got)
			}
			if got.BearerToken != tt.in.BearerToken {
				t.Errorf("authOnly lost the bearer token")
			}
			if (got.Exec != nil) != tt.wantExec {
				t.Errorf("exec plugin kept = %v, want %v", got.Exec != nil, tt.wantExec)
			}
		})
	}
}

func TestErrorUnwrapsStatus(t *testing.T) {
	var err error = &Error{Protocol: "websocket", StatusCode: 403, Err: apierrors.NewForbidden(
		schemaPods, "p", errors.New("no"))}
	if !apierrors.IsForbidden(err) {
		t.Errorf("IsForbidden(%v) = false", err)
	}
	if !strings.Contains(err.Error(), "websocket upgrade refused (HTTP 403)") {
		t.Errorf("Error() = %q", err.Error())
	}
}

var schemaPods = schema.GroupResource{Resource: "pods"}
