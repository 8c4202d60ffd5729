//go:build e2e

package e2e

import (
	"slices"
	"testing"

	apierrors "k8s.io/apimachinery/pkg/api/errors"

	"github.com/kubegen/kubegen/client/transport"
	"github.com/kubegen/kubegen/test/cluster"
)

// TestImpersonation has the admin act as another user (Impersonate-User, -Group, -Uid, -Extra headers)
// and checks the apiserver's view of the caller; the limited user may not impersonate at all.
func TestImpersonation(t *testing.T) {
	t.Parallel()
	as := transport.ImpersonationConfig{
		UserName: "jane",
		UID:      "jane-uid-1",
		Groups:   []string{"developers", "system:authenticated"},
		Extra:    map[string][]string{"scopes": {"view", "edit"}},
	}
	cfg := testCluster.AdminConfig()
	cfg.Impersonate = as
	user := whoami(t, cfg)
	if user.Username != "jane" || user.UID != "jane-uid-1" || !slices.Contains(user.Groups, "developers") ||
		!slices.Equal(user.Extra["scopes"], []string{"view", "edit"}) {
		t.Fatalf("impersonated user seen as %+v, want %+v", user, as)
	}

	limited, err := testCluster.Config(cluster.Auth{User: cluster.Limited, Credential: cluster.TokenInline})
	if err != nil {
		t.Fatal(err)
	}
	limited.Impersonate = as
	err = restClient(t, limited, coreV1, jsonType).Get().Resource("namespaces").Do(t.Context()).Error()
	if !apierrors.IsForbidden(err) {
		t.Fatalf("limited user impersonating: %v, want Forbidden", err)
	}
}
