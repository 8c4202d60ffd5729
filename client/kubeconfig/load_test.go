package kubeconfig

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadPrecedenceAndMerge(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a", "current-context: shared\n"+
		"clusters:\n- name: shared\n  cluster: {server: https://from-a}\n"+
		"users:\n- name: shared\n  user: {token: ta}\n"+
		"contexts:\n- name: shared\n  context: {cluster: shared, user: shared, namespace: ns-a}\n")
	b := writeFile(t, dir, "b", "current-context: only-b\n"+
		"clusters:\n- name: shared\n  cluster: {server: https://from-b}\n- name: only-b\n  cluster: {server: https://only-b}\n"+
		"users:\n- name: only-b\n  user: {token: tb}\n"+
		"contexts:\n- name: only-b\n  context: {cluster: only-b, user: only-b}\n")
	noCurrent := writeFile(t, dir, "c", kubeconfigYAML("c", "https://c"))
	missing := filepath.Join(dir, "missing")
	sep := string(filepath.ListSeparator)

	tests := []struct {
		name        string
		kubeconfig  string
		wantContext string
		wantServer  string
		wantFiles   []string
	}{
		{"first file wins map keys and current-context", a + sep + b, "shared", "https://from-a", []string{a, b}},
		{"order reversed", b + sep + a, "only-b", "https://only-b", []string{b, a}},
		{"missing files skipped", missing + sep + b, "only-b", "https://only-b", []string{b}},
		{"current-context from first file setting it", noCurrent + sep + b + sep + a, "only-b", "https://only-b", []string{noCurrent, b, a}},
		{"empty entries and duplicates ignored", sep + a + sep + sep + a, "shared", "https://from-a", []string{a}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cc, err := Load(LoadOptions{LookupEnv: env(map[string]string{EnvVar: tt.kubeconfig}), DisableInCluster: true})
			if err != nil {
				t.Fatal(err)
			}
			if got := cc.ContextName(); got != tt.wantContext {
				t.Errorf("context = %q, want %q", got, tt.wantContext)
			}
			rc, err := cc.RESTConfig()
			if err != nil {
				t.Fatal(err)
			}
			if rc.Host != tt.wantServer {
				t.Errorf("server = %q, want %q", rc.Host, tt.wantServer)
			}
			if got := cc.Files(); strings.Join(got, ",") != strings.Join(tt.wantFiles, ",") {
				t.Errorf("files = %v, want %v", got, tt.wantFiles)
			}
		})
	}
}

func TestLoadMergedRawConfigKeepsBothFiles(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a", kubeconfigYAML("a", "https://a"))
	b := writeFile(t, dir, "b", kubeconfigYAML("b", "https://b")+"current-context: b\n")
	cc, err := Load(LoadOptions{Paths: []string{a, b}})
	if err != nil {
		t.Fatal(err)
	}
	raw := cc.RawConfig()
	if len(raw.Clusters) != 2 || len(raw.AuthInfos) != 2 || len(raw.Contexts) != 2 || raw.CurrentContext != "b" {
		t.Fatalf("merged = %+v", raw)
	}
	if got := raw.Cluster("b").LocationOfOrigin; got != b {
		t.Errorf("cluster b origin = %q, want %q", got, b)
	}
}

func TestLoadExplicitPathWinsOverEnv(t *testing.T) {
	dir := t.TempDir()
	explicit := writeFile(t, dir, "explicit", kubeconfigYAML("x", "https://explicit")+"current-context: x\n")
	other := writeFile(t, dir, "other", kubeconfigYAML("x", "https://other")+"current-context: x\n")
	rc, err := LoadOptions{ExplicitPath: explicit, LookupEnv: env(map[string]string{EnvVar: other})}.RESTConfig()
	if err != nil {
		t.Fatal(err)
	}
	if rc.Host != "https://explicit" {
		t.Errorf("server = %q, want the explicit file's", rc.Host)
	}
}

func TestLoadDefaultHomeConfig(t *testing.T) {
	home := t.TempDir()
	writeFile(t, home, ".kube/config", kubeconfigYAML("h", "https://home")+"current-context: h\n")
	rc, err := LoadOptions{HomeDir: home, LookupEnv: env(nil)}.RESTConfig()
	if err != nil {
		t.Fatal(err)
	}
	if rc.Host != "https://home" || rc.BearerToken != "tok-h" {
		t.Errorf("got host %q token set %v", rc.Host, rc.BearerToken != "")
	}
}

func TestLoadMissingExplicitPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nope")
	_, err := Load(LoadOptions{ExplicitPath: path})
	if err == nil {
		t.Fatal("Load of a missing explicit file succeeded")
	}
	want := "kubeconfig " + path + ": open: no such file or directory"
	if err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
}

func TestLoadNothingFoundListsPathsTried(t *testing.T) {
	dir := t.TempDir()
	p1, p2 := filepath.Join(dir, "one"), filepath.Join(dir, "two")
	_, err := Load(LoadOptions{
		InClusterDir: dir,
		LookupEnv:    env(map[string]string{EnvVar: p1 + string(filepath.ListSeparator) + p2}),
	})
	if err == nil {
		t.Fatal("Load succeeded with no files and no cluster")
	}
	if !errors.Is(err, ErrNoConfig) || !errors.Is(err, ErrNotInCluster) {
		t.Errorf("error %v does not wrap ErrNoConfig and ErrNotInCluster", err)
	}
	for _, p := range []string{p1, p2} {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q does not name %s", err, p)
		}
	}
}

func TestLoadServerOverrideWithoutFiles(t *testing.T) {
	rc, err := LoadOptions{
		Paths:     []string{filepath.Join(t.TempDir(), "none")},
		Overrides: Overrides{Server: "https://given:6443", Token: "t"},
	}.RESTConfig()
	if err != nil {
		t.Fatal(err)
	}
	if rc.Host != "https://given:6443" || rc.BearerToken != "t" {
		t.Errorf("host %q, token set %v", rc.Host, rc.BearerToken == "t")
	}
}

func TestLoadFallsBackToInCluster(t *testing.T) {
	sa := serviceAccountDir(t, "token-1", "team-a")
	cc, err := Load(LoadOptions{
		Paths:        []string{filepath.Join(t.TempDir(), "none")},
		InClusterDir: sa,
		LookupEnv:    env(map[string]string{"KUBERNETES_SERVICE_HOST": "10.0.0.1", "KUBERNETES_SERVICE_PORT": "443"}),
		Overrides:    Overrides{Impersonate: "someone"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !cc.InCluster() {
		t.Error("InCluster() = false")
	}
	rc, err := cc.RESTConfig()
	if err != nil {
		t.Fatal(err)
	}
	if rc.Host != "https://10.0.0.1:443" || rc.BearerTokenFile != filepath.Join(sa, "token") || rc.Impersonate.UserName != "someone" {
		t.Errorf("rest config = host %q token file %q as %q", rc.Host, rc.BearerTokenFile, rc.Impersonate.UserName)
	}
	if ns, overridden, err := cc.Namespace(); ns != "team-a" || overridden || err != nil {
		t.Errorf("Namespace() = %q, %v, %v", ns, overridden, err)
	}
}

func TestLoadBadFileInListIsAnError(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good", kubeconfigYAML("g", "https://g"))
	bad := writeFile(t, dir, "bad", "clusters: {")
	_, err := Load(LoadOptions{Paths: []string{good, bad}})
	if err == nil || !strings.HasPrefix(err.Error(), "kubeconfig "+bad+": yaml: line") {
		t.Errorf("error = %v, want one naming %s and the line", err, bad)
	}
}
