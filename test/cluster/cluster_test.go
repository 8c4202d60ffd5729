//go:build e2e

package cluster

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var testCluster *Cluster

func TestMain(m *testing.M) { os.Exit(Run(m, &testCluster)) }

// call sends a request to the shared cluster and returns the status code and body.
func call(t *testing.T, client *http.Client, method, path string, body any) (int, []byte) {
	t.Helper()
	return callCluster(t, testCluster, client, method, path, body)
}

// callCluster sends a request to c and returns the status code and body.
func callCluster(t *testing.T, c *Cluster, client *http.Client, method, path string, body any) (int, []byte) {
	t.Helper()
	var r io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		r = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, c.Host()+path, r)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, data
}

func adminClient(t *testing.T) *http.Client {
	t.Helper()
	client, err := testCluster.AdminHTTPClient()
	if err != nil {
		t.Fatal(err)
	}
	return client
}

// tokenClient trusts the cluster CA and sends a bearer token.
func tokenClient(t *testing.T, token string) *http.Client {
	t.Helper()
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(testCluster.CAData()) {
		t.Fatal("CA data holds no certificate")
	}
	base := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}
	return &http.Client{Transport: bearer{token, base}}
}

type bearer struct {
	token string
	next  http.RoundTripper
}

func (b bearer) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.Header.Set("Authorization", "Bearer "+b.token)
	return b.next.RoundTrip(req)
}

// whoami asks the apiserver who the client is (SelfSubjectReview).
func whoami(t *testing.T, client *http.Client) (string, []string) {
	t.Helper()
	review := map[string]any{"apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"}
	code, body := call(t, client, http.MethodPost, "/apis/authentication.k8s.io/v1/selfsubjectreviews", review)
	if code != http.StatusCreated {
		t.Fatalf("SelfSubjectReview: %d %s", code, body)
	}
	var out struct {
		Status struct {
			UserInfo struct {
				Username string   `json:"username"`
				Groups   []string `json:"groups"`
			} `json:"userInfo"`
		} `json:"status"`
	}
	if err := json.Unmarshal(body, &out); err != nil {
		t.Fatal(err)
	}
	return out.Status.UserInfo.Username, out.Status.UserInfo.Groups
}

func TestIdentities(t *testing.T) {
	limitedCert, limitedKey := testCluster.ClientCertData(Limited)
	cert, err := tls.X509KeyPair(limitedCert, limitedKey)
	if err != nil {
		t.Fatal(err)
	}
	limitedCertClient := adminClient(t)
	limitedCertClient.Transport.(*http.Transport).TLSClientConfig.Certificates = []tls.Certificate{cert}

	tests := []struct {
		name      string
		client    *http.Client
		user      string
		masters   bool
		podsAllow bool
	}{
		{"admin cert", adminClient(t), AdminCertUser, true, true},
		{"limited cert", limitedCertClient, LimitedCertUser, false, false},
		{"admin token", tokenClient(t, testCluster.Token(Admin)), AdminTokenUser, true, true},
		{"limited token", tokenClient(t, testCluster.Token(Limited)), LimitedTokenUser, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			user, groups := whoami(t, tt.client)
			if user != tt.user {
				t.Errorf("user = %q, want %q", user, tt.user)
			}
			if got := contains(groups, "system:masters"); got != tt.masters {
				t.Errorf("groups %v: system:masters = %v, want %v", groups, got, tt.masters)
			}
			code, body := call(t, tt.client, http.MethodGet, "/api/v1/namespaces/default/pods", nil)
			want := http.StatusForbidden
			if tt.podsAllow {
				want = http.StatusOK
			}
			if code != want {
				t.Errorf("list pods: %d, want %d: %s", code, want, body)
			}
		})
	}
}

func TestUnknownTokenIsUnauthorized(t *testing.T) {
	code, body := call(t, tokenClient(t, "not-a-token"), http.MethodGet, "/api/v1/namespaces", nil)
	if code != http.StatusUnauthorized {
		t.Fatalf("status %d, want 401: %s", code, body)
	}
}

func TestExecPluginPrintsToken(t *testing.T) {
	plugin, err := testCluster.ExecPlugin()
	if err != nil {
		t.Fatal(err)
	}
	tokenFile := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(tokenFile, []byte("from-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, version, token string
		args, env            []string
	}{
		{"env v1", "client.authentication.k8s.io/v1", "from-env", nil, []string{ExecTokenEnv + "=from-env"}},
		{"file v1beta1", "client.authentication.k8s.io/v1beta1", "from-file", []string{"--token-file", tokenFile},
			[]string{`KUBERNETES_EXEC_INFO={"apiVersion":"client.authentication.k8s.io/v1beta1"}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(plugin, tt.args...)
			cmd.Env = tt.env
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("plugin: %v", err)
			}
			var cred struct {
				APIVersion, Kind string
				Status           struct{ Token string }
			}
			if err := json.Unmarshal(out, &cred); err != nil {
				t.Fatalf("plugin output %q: %v", out, err)
			}
			if cred.APIVersion != tt.version || cred.Kind != "ExecCredential" || cred.Status.Token != tt.token {
				t.Errorf("plugin printed %+v, want %s ExecCredential with token %q", cred, tt.version, tt.token)
			}
		})
	}
	if err := exec.Command(plugin).Run(); err == nil {
		t.Error("plugin without a token succeeded, want an error")
	}
}

func TestFindBinariesMissing(t *testing.T) {
	t.Setenv(BinDirEnv, t.TempDir())
	_, err := FindBinaries()
	if !errors.Is(err, ErrBinariesMissing) || !strings.Contains(err.Error(), "hack/testbin.sh") {
		t.Fatalf("FindBinaries = %v, want ErrBinariesMissing naming hack/testbin.sh", err)
	}
	if _, err := Start(Options{}); !errors.Is(err, ErrBinariesMissing) {
		t.Fatalf("Start = %v, want ErrBinariesMissing", err)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// createConfigMap creates a ConfigMap in default and returns its resourceVersion.
func createConfigMap(t *testing.T, c *Cluster, client *http.Client, name string) string {
	t.Helper()
	cm := map[string]any{"apiVersion": "v1", "kind": "ConfigMap", "metadata": map[string]any{"name": name},
		"data": map[string]string{"k": "v"}}
	code, body := callCluster(t, c, client, http.MethodPost, "/api/v1/namespaces/default/configmaps", cm)
	if code != http.StatusCreated {
		t.Fatalf("create ConfigMap: %d %s", code, body)
	}
	var out struct {
		Metadata struct{ ResourceVersion string }
	}
	if err := json.Unmarshal(body, &out); err != nil {
		t.Fatal(err)
	}
	return out.Metadata.ResourceVersion
}

// TestCompactEtcdMakesOldResourceVersionsGone starts a second cluster without the apiserver's watch
// cache, so that reads go to etcd, and checks that a list and a watch at a resourceVersion older than
// the compaction fail with 410 Gone.
func TestCompactEtcdMakesOldResourceVersionsGone(t *testing.T) {
	c, err := Start(Options{APIServerFlags: []string{"--watch-cache=false"}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Stop()
	client, err := c.AdminHTTPClient()
	if err != nil {
		t.Fatal(err)
	}
	rv := createConfigMap(t, c, client, "compact-old")
	createConfigMap(t, c, client, "compact-new")
	createConfigMap(t, c, client, "compact-newer") // a watch from rv starts at rv+1: compact past it
	rev, err := c.CompactEtcd(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if old, err := strconv.ParseInt(rv, 10, 64); err != nil || rev <= old {
		t.Fatalf("compacted at %d, not after resourceVersion %s (%v)", rev, rv, err)
	}
	got, err := c.EtcdRevision(t.Context())
	if err != nil || got <= rev {
		t.Fatalf("EtcdRevision after compaction = %d, %v; want > %d (compact_rev_key written)", got, err, rev)
	}

	list := "/api/v1/namespaces/default/configmaps?resourceVersionMatch=Exact&resourceVersion=" + rv
	code, body := callCluster(t, c, client, http.MethodGet, list, nil)
	if code != http.StatusGone {
		t.Fatalf("list at compacted resourceVersion %s: %d, want 410: %s", rv, code, body)
	}
	watch := "/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=1&resourceVersion=" + rv
	code, body = callCluster(t, c, client, http.MethodGet, watch, nil)
	if !bytes.Contains(body, []byte(`"code":410`)) {
		t.Fatalf("watch from compacted resourceVersion %s: %d %s, want a 410 error", rv, code, body)
	}

	c.Stop()
	if _, err := os.Stat(c.Dir()); !os.IsNotExist(err) {
		t.Errorf("cluster directory after Stop: %v, want it removed", err)
	}
	if err := c.StartAPIServer(); err == nil {
		t.Error("StartAPIServer after Stop succeeded")
	}
	c.Stop() // twice is fine
}

func TestRestartKeepsData(t *testing.T) {
	createConfigMap(t, testCluster, adminClient(t), "survivor")
	if err := testCluster.Restart(); err != nil {
		t.Fatal(err)
	}
	code, body := call(t, adminClient(t), http.MethodGet, "/api/v1/namespaces/default/configmaps/survivor", nil)
	if code != http.StatusOK {
		t.Fatalf("get after restart: %d %s", code, body)
	}
}

func TestStoppedAPIServerRefusesConnections(t *testing.T) {
	testCluster.StopAPIServer()
	defer func() {
		if err := testCluster.StartAPIServer(); err != nil {
			t.Fatal(err)
		}
	}()
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, testCluster.Host()+"/readyz", nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp, err := adminClient(t).Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("stopped apiserver answered %s", resp.Status)
	}
}

func TestInClusterFiles(t *testing.T) {
	dir := t.TempDir()
	if err := testCluster.WriteInClusterFiles(dir, "tok", "ns1"); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"token": "tok", "namespace": "ns1", "ca.crt": string(testCluster.CAData())} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", name, got, err, want)
		}
	}
	if host, port := testCluster.InClusterEnv(); host+":"+port != testCluster.HostPort() {
		t.Errorf("InClusterEnv = %s:%s, want %s", host, port, testCluster.HostPort())
	}
}

func TestRemoveStaleDirs(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Fatal(err)
	}
	dirs := map[string]string{ // directory → owner file content ("" for none)
		"kubegen-cluster-dead":    strconv.Itoa(dead.Process.Pid),
		"kubegen-cluster-alive":   strconv.Itoa(os.Getppid()),
		"kubegen-cluster-unowned": "",
	}
	for name, owner := range dirs {
		dir := filepath.Join(os.TempDir(), name)
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		if owner != "" {
			if err := os.WriteFile(filepath.Join(dir, ownerFile), []byte(owner), 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	removeStaleDirs()
	for name := range dirs {
		_, err := os.Stat(filepath.Join(os.TempDir(), name))
		if exists, want := err == nil, name != "kubegen-cluster-dead"; exists != want {
			t.Errorf("%s exists = %v, want %v", name, exists, want)
		}
	}
}
