//go:build e2e

package streaming

import (
	"bytes"
	"testing"

	apierrors "k8s.io/apimachinery/pkg/api/errors"

	"github.com/kubegen/kubegen/client/portforward"
	"github.com/kubegen/kubegen/client/remotecommand"
	"github.com/kubegen/kubegen/test/cluster"
)

// TestAuthModes runs an exec and a port-forwarded connection with every credential the cluster
// knows (client certificate inline and from files, bearer token inline and from a file, exec plugin)
// and every trust mode, over both transports: the upgrade requests authenticate like any other.
func TestAuthModes(t *testing.T) {
	ns, pod := newPod(t)
	port := echoServer(t)
	for _, cred := range cluster.Credentials {
		for _, trust := range cluster.Trusts {
			a := cluster.Auth{User: cluster.Admin, Credential: cred, Trust: trust}
			t.Run(a.String(), func(t *testing.T) {
				cfg, err := testCluster.Config(a)
				if err != nil {
					t.Fatal(err)
				}
				c, err := remotecommand.New(cfg)
				if err != nil {
					t.Fatal(err)
				}
				ctx := testContext(t)
				for _, tr := range []remotecommand.Transport{remotecommand.WebSocket, remotecommand.SPDY} {
					var out bytes.Buffer
					if err := c.Exec(ctx, remotecommand.Options{Namespace: ns, Pod: pod, Transport: tr,
						Command: []string{"echo", "ok"}, Stdout: &out}); err != nil || out.String() != "ok\n" {
						t.Errorf("exec over %v: %v, stdout %q", tr, err, out.String())
					}
				}
				for _, tr := range []portforward.Transport{portforward.WebSocket, portforward.SPDY} {
					s, err := portforward.Open(ctx, cfg, portforward.Options{Namespace: ns, Pod: pod, Transport: tr})
					if err != nil {
						t.Errorf("port-forward over %v: %v", tr, err)
						continue
					}
					if err := echoOnce(ctx, s, port, 64); err != nil {
						t.Errorf("port-forward over %v: %v", tr, err)
					}
					s.Close()
				}
			})
		}
	}
}

// TestForbidden: a user without RBAC rights on pods/exec and pods/portforward gets the apiserver's
// Forbidden as an *apierrors.StatusError, over both transports and with Auto.
func TestForbidden(t *testing.T) {
	ns, pod := newPod(t)
	cfg, err := testCluster.Config(cluster.Auth{User: cluster.Limited, Credential: cluster.TokenInline})
	if err != nil {
		t.Fatal(err)
	}
	ctx := testContext(t)
	for _, tr := range []remotecommand.Transport{remotecommand.WebSocket, remotecommand.SPDY, remotecommand.Auto} {
		err := remotecommand.Exec(ctx, cfg, remotecommand.Options{Namespace: ns, Pod: pod, Transport: tr,
			Command: []string{"true"}, Stdout: &bytes.Buffer{}})
		if !apierrors.IsForbidden(err) {
			t.Errorf("exec over %v: %v, want Forbidden", tr, err)
		}
	}
	for _, tr := range []portforward.Transport{portforward.WebSocket, portforward.SPDY, portforward.Auto} {
		_, err := portforward.Open(ctx, cfg, portforward.Options{Namespace: ns, Pod: pod, Transport: tr})
		if !apierrors.IsForbidden(err) {
			t.Errorf("port-forward over %v: %v, want Forbidden", tr, err)
		}
	}
}
