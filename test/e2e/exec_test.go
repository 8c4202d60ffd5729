//go:build e2e

package e2e

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"

	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/client/transport"
	"github.com/kubegen/kubegen/test/cluster"
)

// execConfig returns an admin configuration whose exec plugin runs with args and counts its runs in
// the returned file.
func execConfig(t *testing.T, args ...string) (*rest.Config, string) {
	t.Helper()
	cfg, err := testCluster.Config(cluster.Auth{Credential: cluster.ExecPlugin})
	if err != nil {
		t.Fatal(err)
	}
	countFile := filepath.Join(t.TempDir(), "runs")
	cfg.ExecProvider.Args = args
	cfg.ExecProvider.Env = []transport.ExecEnvVar{{Name: "KUBEGEN_EXEC_COUNT_FILE", Value: countFile}}
	return cfg, countFile
}

func pluginRuns(t *testing.T, countFile string) int {
	t.Helper()
	data, err := os.ReadFile(countFile)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return bytes.Count(data, []byte("\n"))
}

// TestExecPluginRerunAfterUnauthorized starts with a plugin that prints a token the apiserver rejects
// (401), then fixes the token the plugin reads: the next request runs the plugin again and succeeds, and
// the good credential, valid for an hour, is then reused without running the plugin.
func TestExecPluginRerunAfterUnauthorized(t *testing.T) {
	t.Parallel()
	ns := newNamespace(t)
	tokenFile := filepath.Join(t.TempDir(), "token")
	writeAtomically(t, tokenFile, "not-a-token-the-apiserver-knows")
	cfg, countFile := execConfig(t, "--token-file", tokenFile, "--expire-in", "1h")
	core := restClient(t, cfg, coreV1, jsonType)
	listPods := func() error {
		return core.Get().Namespace(ns).Resource("pods").Do(t.Context()).Into(&corev1.PodList{})
	}

	if err := listPods(); !apierrors.IsUnauthorized(err) {
		t.Fatalf("list pods with a bad plugin token: %v, want Unauthorized", err)
	}
	writeAtomically(t, tokenFile, testCluster.Token(cluster.Admin))
	if err := listPods(); err != nil {
		t.Fatalf("list pods after the plugin's token was fixed: %v", err)
	}
	runs := pluginRuns(t, countFile)
	if runs < 2 {
		t.Fatalf("plugin ran %d times, want a second run after the 401", runs)
	}
	for range 3 {
		if err := listPods(); err != nil {
			t.Fatal(err)
		}
	}
	if got := pluginRuns(t, countFile); got != runs {
		t.Fatalf("plugin ran %d more times for requests with an unexpired credential", got-runs)
	}
}

// TestExecPluginClientCertificate has the plugin return the admin client certificate instead of a token.
func TestExecPluginClientCertificate(t *testing.T) {
	t.Parallel()
	certFile, keyFile := testCluster.ClientCertFiles(cluster.Admin)
	cfg, countFile := execConfig(t, "--client-cert", certFile, "--client-key", keyFile)
	if user := whoami(t, cfg).Username; user != cluster.AdminCertUser {
		t.Fatalf("authenticated as %q, want %q from the plugin's certificate", user, cluster.AdminCertUser)
	}
	if runs := pluginRuns(t, countFile); runs != 1 {
		t.Fatalf("plugin ran %d times, want 1", runs)
	}
}
