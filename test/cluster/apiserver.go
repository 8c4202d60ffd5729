package cluster

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"time"
)

// apiserverArgs is the kube-apiserver command line: the flags DESIGN.md lists, the cluster's own
// credentials, and what makes a single-node test server start fast and quietly.
func (c *Cluster) apiserverArgs() []string {
	p := c.pki
	args := []string{
		"--etcd-servers=" + c.etcdURL,
		"--secure-port=" + strconv.Itoa(c.port),
		"--bind-address=127.0.0.1",
		"--advertise-address=127.0.0.1",
		"--cert-dir=" + c.path("apiserver-certs"),
		"--tls-cert-file=" + p.path("apiserver.crt"),
		"--tls-private-key-file=" + p.path("apiserver.key"),
		"--client-ca-file=" + p.path("ca.crt"),
		"--token-auth-file=" + p.path("tokens.csv"),
		"--service-account-issuer=https://kubernetes.default.svc",
		"--service-account-key-file=" + p.path("sa.pub"),
		"--service-account-signing-key-file=" + p.path("sa.key"),
		"--service-cluster-ip-range=10.0.0.0/24",
		"--authorization-mode=RBAC",
		"--allow-privileged=true",
		// No controller-manager runs, so no "default" ServiceAccount appears in new namespaces: without
		// this, every Pod create would need one made by hand.
		"--disable-admission-plugins=ServiceAccount",
		"--enable-priority-and-fairness=false",
		"--endpoint-reconciler-type=none",
		"--profiling=false",
	}
	return append(args, c.opts.APIServerFlags...)
}

// StartAPIServer starts kube-apiserver (again, after StopAPIServer) on the cluster's port and waits until
// it reports ready. It is a no-op when the apiserver is already running.
func (c *Cluster) StartAPIServer() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stopped {
		return errors.New("test cluster: StartAPIServer after Stop")
	}
	if c.apiserver != nil {
		if done, _ := c.apiserver.exited(); !done {
			return nil
		}
	}
	bin := filepath.Join(c.binDir, "kube-apiserver")
	p, err := startProcess("kube-apiserver", bin, c.path("kube-apiserver.log"), c.apiserverArgs())
	if err != nil {
		return err
	}
	c.apiserver = p
	return waitReady(p, c.opts.ReadyTimeout, c.apiserverReady)
}

// StopAPIServer kills kube-apiserver abruptly (SIGKILL), as a crash would: open connections and watches
// break without a goodbye. etcd keeps running, so StartAPIServer brings back the same data.
func (c *Cluster) StopAPIServer() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.apiserver != nil {
		c.apiserver.kill()
	}
}

// Restart kills kube-apiserver and starts it again on the same port, with the same etcd.
func (c *Cluster) Restart() error {
	c.StopAPIServer()
	return c.StartAPIServer()
}

// apiserverReady checks /readyz as the admin user.
func (c *Cluster) apiserverReady(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.Host()+"/readyz", nil)
	if err != nil {
		return err
	}
	client, err := c.adminHTTPClient()
	if err != nil {
		return err
	}
	defer client.CloseIdleConnections()
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("/readyz: %s: %s", resp.Status, body)
	}
	return nil
}

// AdminHTTPClient returns a plain net/http client that trusts the cluster's CA and presents the admin
// client certificate; for tests that must not depend on the client runtime.
func (c *Cluster) AdminHTTPClient() (*http.Client, error) { return c.adminHTTPClient() }

func (c *Cluster) adminHTTPClient() (*http.Client, error) {
	cert, err := tls.X509KeyPair(c.pki.admin.CertPEM, c.pki.admin.KeyPEM)
	if err != nil {
		return nil, fmt.Errorf("loading admin certificate: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(c.pki.ca.CertPEM) {
		return nil, errors.New("loading cluster CA: no certificate found")
	}
	return &http.Client{
		Timeout: 30 * time.Second,
		Transport: &http.Transport{
			TLSClientConfig:   &tls.Config{RootCAs: pool, Certificates: []tls.Certificate{cert}},
			ForceAttemptHTTP2: true,
		},
	}, nil
}
