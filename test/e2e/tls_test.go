//go:build e2e

package e2e

import (
	"crypto/tls"
	"encoding/pem"
	"errors"
	"net/http/httptest"
	"testing"

	apierrors "k8s.io/apimachinery/pkg/api/errors"

	"github.com/kubegen/kubegen/test/cluster"
)

// TestUntrustedServerIsRejected checks that CA verification is real: with an unrelated CA in place of
// the cluster's, every request fails the TLS handshake.
func TestUntrustedServerIsRejected(t *testing.T) {
	t.Parallel()
	other := httptest.NewTLSServer(nil)
	otherCA := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: other.Certificate().Raw})
	other.Close()

	cfg := configFromKubeconfig(t, cluster.Auth{Credential: cluster.CertInline, Trust: cluster.CAInline})
	cfg.TLSClientConfig.CAData = otherCA
	err := restClient(t, cfg, coreV1, jsonType).Get().Resource("namespaces").Do(t.Context()).Error()
	var verify *tls.CertificateVerificationError
	if !errors.As(err, &verify) {
		t.Fatalf("request to a server signed by another CA: %v, want a certificate verification error", err)
	}
	var status *apierrors.StatusError
	if errors.As(err, &status) {
		t.Fatalf("TLS failure reported as a server answer: %v", err)
	}
}
