package transport

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

func newEchoServer(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(echoHandler))
	t.Cleanup(srv.Close)
	return srv
}

func TestExecToken(t *testing.T) {
	srv := newEchoServer(t)
	for _, version := range []string{execAPIv1, execAPIv1beta1} {
		t.Run(version, func(t *testing.T) {
			ec, state := testPlugin(t, "token", ExecEnvVar{Name: "PLUGIN_EXTRA", Value: "from-config"})
			ec.APIVersion = version
			rt, err := New(&Config{Exec: ec})
			if err != nil {
				t.Fatal(err)
			}
			for range 3 {
				e, err := get(t, rt, srv.URL)
				if err != nil {
					t.Fatal(err)
				}
				if got := e.Header.Get("Authorization"); got != "Bearer tok-1" {
					t.Fatalf("Authorization = %q, want the cached first token", got)
				}
			}
			runs := pluginRuns(t, state)
			if len(runs) != 1 {
				t.Fatalf("plugin ran %d times, want 1 (credential without expiry is cached)", len(runs))
			}
			r := runs[0]
			if !reflect.DeepEqual(r.Args, []string{"--plugin-arg", "x"}) {
				t.Errorf("args = %q", r.Args)
			}
			if r.Env["PLUGIN_EXTRA"] != "from-config" {
				t.Errorf("env PLUGIN_EXTRA = %q", r.Env["PLUGIN_EXTRA"])
			}
			want := execCredentialJSON{APIVersion: version, Kind: "ExecCredential", Spec: execSpec{Interactive: false}}
			if !reflect.DeepEqual(r.ExecInfo, want) {
				t.Errorf("KUBERNETES_EXEC_INFO = %+v, want %+v", r.ExecInfo, want)
			}
		})
	}
}

func TestExecProvideClusterInfo(t *testing.T) {
	srv := newEchoServer(t)
	cluster := &ExecCluster{
		Server:                   "https://10.0.0.1:6443",
		TLSServerName:            "kubernetes",
		CertificateAuthorityData: []byte("ca-bytes"),
		ProxyURL:                 "socks5://proxy:1080",
		Config:                   []byte(`{"audience":"kube"}`),
	}
	for _, provide := range []bool{true, false} {
		ec, state := testPlugin(t, "token")
		ec.ProvideClusterInfo, ec.Cluster = provide, cluster
		rt, err := New(&Config{Exec: ec})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := get(t, rt, srv.URL); err != nil {
			t.Fatal(err)
		}
		got := pluginRuns(t, state)[0].ExecInfo.Spec.Cluster
		if !provide {
			if got != nil {
				t.Errorf("cluster info sent without provideClusterInfo: %+v", got)
			}
			continue
		}
		want := &execClusterJSON{Server: cluster.Server, TLSServerName: "kubernetes", CertificateAuthorityData: []byte("ca-bytes"),
			ProxyURL: cluster.ProxyURL, Config: []byte(`{"audience":"kube"}`)}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("spec.cluster = %+v, want %+v", got, want)
		}
	}
}

func TestExecExpiry(t *testing.T) {
	srv := newEchoServer(t)
	ec, state := testPlugin(t, "token", ExecEnvVar{Name: "PLUGIN_EXPIRES_IN", Value: "1h"})
	rt, err := New(&Config{Exec: ec})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := execAuthenticatorFor(&Config{Exec: ec})
	clock := time.Now()
	a.mu.Lock()
	a.now = func() time.Time { return clock }
	a.mu.Unlock()

	steps := []struct {
		advance time.Duration
		want    string
	}{
		{0, "Bearer tok-1"},
		{30 * time.Minute, "Bearer tok-1"},
		{31 * time.Minute, "Bearer tok-2"}, // past the first token's expiry
		{10 * time.Minute, "Bearer tok-2"},
	}
	for i, s := range steps {
		a.mu.Lock()
		clock = clock.Add(s.advance)
		a.mu.Unlock()
		e, err := get(t, rt, srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		if got := e.Header.Get("Authorization"); got != s.want {
			t.Fatalf("step %d: Authorization = %q, want %q", i, got, s.want)
		}
	}
	if n := len(pluginRuns(t, state)); n != 2 {
		t.Errorf("plugin ran %d times, want 2", n)
	}
}

// rejecting answers 401 to requests whose Authorization or client certificate is in rejected.
func rejecting(rejected ...string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("Authorization")
		if r.TLS != nil && len(r.TLS.PeerCertificates) > 0 {
			id = r.TLS.PeerCertificates[0].Subject.CommonName
		}
		for _, bad := range rejected {
			if id == bad {
				http.Error(w, "unauthorized", http.StatusUnauthorized)
				return
			}
		}
		echoHandler(w, r)
	})
}

func TestExecRerunAfter401(t *testing.T) {
	srv := httptest.NewServer(rejecting("Bearer tok-1"))
	t.Cleanup(srv.Close)
	ec, state := testPlugin(t, "token")
	rt, err := New(&Config{Exec: ec})
	if err != nil {
		t.Fatal(err)
	}
	var se *statusError
	if _, err := get(t, rt, srv.URL); !errors.As(err, &se) || se.code != http.StatusUnauthorized {
		t.Fatalf("first request: %v, want 401", err)
	}
	e, err := get(t, rt, srv.URL)
	if err != nil {
		t.Fatalf("request after 401: %v", err)
	}
	if got := e.Header.Get("Authorization"); got != "Bearer tok-2" {
		t.Errorf("after 401: Authorization = %q, want a fresh token", got)
	}
	if n := len(pluginRuns(t, state)); n != 2 {
		t.Errorf("plugin ran %d times, want 2", n)
	}
}

func TestExecConcurrentRunsOnce(t *testing.T) {
	srv := newEchoServer(t)
	ec, state := testPlugin(t, "token")
	rt, err := New(&Config{Exec: ec})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			if e, err := get(t, rt, srv.URL); err != nil || e.Header.Get("Authorization") != "Bearer tok-1" {
				t.Errorf("concurrent request: %q, %v", e.Header.Get("Authorization"), err)
			}
		})
	}
	wg.Wait()
	if n := len(pluginRuns(t, state)); n != 1 {
		t.Errorf("plugin ran %d times for concurrent first requests, want 1", n)
	}
}

func TestExecClientCertificate(t *testing.T) {
	ca := newTestCA(t)
	srv := newTLSServer(t, ca, rejecting("alice"))
	dir := t.TempDir()
	issue := func(cn string) {
		cert, key := ca.issue(t, cn)
		writeFile(t, dir, "plugin.crt", cert)
		writeFile(t, dir, "plugin.key", key)
	}
	issue("alice")
	ec, state := testPlugin(t, "cert",
		ExecEnvVar{Name: "PLUGIN_CERT_FILE", Value: dir + "/plugin.crt"},
		ExecEnvVar{Name: "PLUGIN_KEY_FILE", Value: dir + "/plugin.key"})
	rt, err := New(&Config{Exec: ec, TLS: TLSConfig{CAData: ca.certPEM}})
	if err != nil {
		t.Fatal(err)
	}
	var se *statusError
	if _, err := get(t, rt, srv.URL); !errors.As(err, &se) || se.code != http.StatusUnauthorized {
		t.Fatalf("request with alice's certificate: %v, want 401", err)
	}
	issue("bob")
	e, err := get(t, rt, srv.URL)
	if err != nil {
		t.Fatalf("request after 401: %v", err)
	}
	if e.ClientCN != "bob" {
		t.Errorf("client certificate after 401 = %q, want the plugin's new one", e.ClientCN)
	}
	if e.Header.Get("Authorization") != "" {
		t.Errorf("certificate-only credential sent Authorization %q", e.Header.Get("Authorization"))
	}
	if n := len(pluginRuns(t, state)); n != 2 {
		t.Errorf("plugin ran %d times, want 2", n)
	}
}

func TestExecInteractive(t *testing.T) {
	srv := newEchoServer(t)
	var stderr bytes.Buffer
	saved := defaultExecIO
	t.Cleanup(func() { defaultExecIO = saved })
	defaultExecIO.stdin = strings.NewReader("typed-token\n")
	defaultExecIO.stderr = &stderr
	defaultExecIO.isTerminal = func() bool { return true }

	ec, state := testPlugin(t, "prompt")
	ec.InteractiveMode = InteractiveIfAvailable
	rt, err := New(&Config{Exec: ec})
	if err != nil {
		t.Fatal(err)
	}
	e, err := get(t, rt, srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	if got := e.Header.Get("Authorization"); got != "Bearer typed-token" {
		t.Errorf("Authorization = %q, want the token typed on stdin", got)
	}
	if !strings.Contains(stderr.String(), "Password: ") {
		t.Errorf("the plugin's prompt did not reach stderr: %q", stderr.String())
	}
	if !pluginRuns(t, state)[0].ExecInfo.Spec.Interactive {
		t.Error("spec.interactive = false, want true with a terminal")
	}
}

func TestExecErrors(t *testing.T) {
	srv := newEchoServer(t)
	saved := defaultExecIO
	t.Cleanup(func() { defaultExecIO = saved })
	defaultExecIO.isTerminal = func() bool { return false }

	missing := &ExecConfig{Command: "kubegen-no-such-plugin", APIVersion: execAPIv1, InteractiveMode: InteractiveNever,
		InstallHint: "Install it with: go install example.com/plugin@latest"}
	fail, _ := testPlugin(t, "fail")
	garbage, _ := testPlugin(t, "garbage")
	wrongVersion, _ := testPlugin(t, "token", ExecEnvVar{Name: "PLUGIN_API_VERSION", Value: execAPIv1beta1})
	always, _ := testPlugin(t, "token")
	always.InteractiveMode = InteractiveAlways

	tests := []struct {
		name    string
		exec    *ExecConfig
		want    []string
		notWant []string
	}{
		{"missing binary", missing, []string{"kubegen-no-such-plugin not found", "Install it with: go install example.com/plugin@latest"}, nil},
		{"plugin fails", fail, []string{"exit status 3", "boom: cannot reach the identity provider"}, []string{"leaked-token"}},
		{"garbage output", garbage, []string{"not an ExecCredential"}, []string{"secret-looking"}},
		{"wrong apiVersion", wrongVersion, []string{"returned client.authentication.k8s.io/v1beta1 ExecCredential, want ExecCredential client.authentication.k8s.io/v1"}, []string{"tok-1"}},
		{"Always without a terminal", always, []string{"needs a terminal"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt, err := New(&Config{Exec: tt.exec})
			if err != nil {
				t.Fatal(err)
			}
			_, err = get(t, rt, srv.URL)
			if err == nil {
				t.Fatal("request succeeded")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			for _, nw := range tt.notWant {
				if strings.Contains(err.Error(), nw) {
					t.Errorf("error %q leaks %q", err, nw)
				}
			}
		})
	}
	t.Run("missing binary unwraps", func(t *testing.T) {
		rt, _ := New(&Config{Exec: missing})
		_, err := get(t, rt, srv.URL)
		var ee *ExecError
		if !errors.As(err, &ee) || ee.Command != missing.Command || !errors.Is(err, exec.ErrNotFound) {
			t.Errorf("error %v: want an *ExecError wrapping exec.ErrNotFound", err)
		}
	})
}

func TestExecConfigValidation(t *testing.T) {
	tests := []struct {
		name string
		exec ExecConfig
		want string
	}{
		{"no command", ExecConfig{APIVersion: execAPIv1, InteractiveMode: InteractiveNever}, "no command"},
		{"unknown apiVersion", ExecConfig{Command: "p", APIVersion: "client.authentication.k8s.io/v1alpha1"}, `apiVersion "client.authentication.k8s.io/v1alpha1"`},
		{"v1 without interactiveMode", ExecConfig{Command: "p", APIVersion: execAPIv1}, "interactiveMode is required"},
		{"bad interactiveMode", ExecConfig{Command: "p", APIVersion: execAPIv1beta1, InteractiveMode: "Sometimes"}, `"Sometimes"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(&Config{Exec: &tt.exec})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("New error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
	if _, err := New(&Config{Exec: &ExecConfig{Command: "p", APIVersion: execAPIv1beta1}}); err != nil {
		t.Errorf("v1beta1 without interactiveMode (defaults to IfAvailable): %v", err)
	}
}

func TestExplicitCredentialsOverrideExec(t *testing.T) {
	srv := newEchoServer(t)
	ec, state := testPlugin(t, "token")
	tests := []struct {
		name   string
		config Config
		want   string
	}{
		{"bearer token", Config{Exec: ec, BearerToken: "explicit"}, "Bearer explicit"},
		{"basic auth", Config{Exec: ec, Username: "u", Password: "p"}, "Basic dTpw"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt, err := New(&tt.config)
			if err != nil {
				t.Fatal(err)
			}
			e, err := get(t, rt, srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			if got := e.Header.Get("Authorization"); got != tt.want {
				t.Errorf("Authorization = %q, want %q", got, tt.want)
			}
		})
	}
	if n := len(pluginRuns(t, state)); n != 0 {
		t.Errorf("plugin ran %d times although explicit credentials were given", n)
	}
}

func TestExecCanceledContext(t *testing.T) {
	srv := newEchoServer(t)
	ec, state := testPlugin(t, "token")
	rt, err := New(&Config{Exec: ec})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
	if _, err := rt.RoundTrip(req); !errors.Is(err, context.Canceled) {
		t.Fatalf("request with a canceled context: %v, want context.Canceled", err)
	}
	if n := len(pluginRuns(t, state)); n != 0 {
		t.Errorf("plugin ran %d times for a canceled request", n)
	}
	if e, err := get(t, rt, srv.URL); err != nil || e.Header.Get("Authorization") != "Bearer tok-1" {
		t.Errorf("next request: %q, %v", e.Header.Get("Authorization"), err)
	}
}

// A 401 that answers a credential the plugin has already replaced does not run the plugin again.
func TestExecLate401ForReplacedCredential(t *testing.T) {
	release := make(chan struct{})
	arrived := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "Bearer tok-1" {
			if r.Header.Get("X-Slow") != "" {
				close(arrived)
				<-release
			}
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		echoHandler(w, r)
	}))
	t.Cleanup(srv.Close)
	ec, state := testPlugin(t, "token")
	rt, err := New(&Config{Exec: ec})
	if err != nil {
		t.Fatal(err)
	}
	slow := make(chan error, 1)
	go func() {
		req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
		req.Header.Set("X-Slow", "1")
		_, err := do(rt, req)
		slow <- err
	}()
	<-arrived // the slow request holds tok-1
	if _, err := get(t, rt, srv.URL); err == nil {
		t.Fatal("tok-1 was accepted")
	}
	if e, err := get(t, rt, srv.URL); err != nil || e.Header.Get("Authorization") != "Bearer tok-2" {
		t.Fatalf("after the 401: %q, %v; want tok-2", e.Header.Get("Authorization"), err)
	}
	close(release)
	if err := <-slow; err == nil {
		t.Fatal("slow request with tok-1 was accepted")
	}
	if e, err := get(t, rt, srv.URL); err != nil || e.Header.Get("Authorization") != "Bearer tok-2" {
		t.Fatalf("after the late 401 for tok-1: %q, %v; want tok-2 still", e.Header.Get("Authorization"), err)
	}
	if n := len(pluginRuns(t, state)); n != 2 {
		t.Errorf("plugin ran %d times, want 2", n)
	}
}

// The authenticator keeps its own copy of the exec configuration: changing the caller's slices after
// New changes nothing.
func TestExecConfigCopied(t *testing.T) {
	srv := newEchoServer(t)
	ec, state := testPlugin(t, "token")
	rt, err := New(&Config{Exec: ec})
	if err != nil {
		t.Fatal(err)
	}
	ec.Args[1] = "changed"
	ec.Env[len(ec.Env)-1].Value = "changed"
	if _, err := get(t, rt, srv.URL); err != nil {
		t.Fatal(err)
	}
	runs := pluginRuns(t, state)
	if len(runs) != 1 || !reflect.DeepEqual(runs[0].Args, []string{"--plugin-arg", "x"}) {
		t.Fatalf("plugin runs %+v, want one with the args given to New", runs)
	}
}
