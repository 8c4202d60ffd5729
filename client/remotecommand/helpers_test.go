package remotecommand

import (
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/test/kubelet"
)

// testToken is the bearer token the test servers require.
const testToken = "test-token-not-a-secret"

// tlsServer starts an HTTPS server for h and returns a rest.Config trusting it with testToken.
func tlsServer(t *testing.T, h http.Handler) *rest.Config {
	t.Helper()
	srv := httptest.NewTLSServer(h)
	t.Cleanup(srv.Close)
	cfg := &rest.Config{Host: srv.URL, BearerToken: testToken, QPS: -1}
	cfg.TLSClientConfig.CAData = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	return cfg
}

// kubeletAPI serves the API server's exec/attach/portforward URLs straight from the fake kubelet's
// handlers (no API server), requiring testToken.
func kubeletAPI(t *testing.T, opts kubelet.APIOptions) *rest.Config {
	t.Helper()
	k, err := kubelet.Start(kubelet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(k.Close)
	opts.Authorization = "Bearer " + testToken
	return tlsServer(t, k.APIHandler(opts))
}
