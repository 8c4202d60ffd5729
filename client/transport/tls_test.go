package transport

import (
	"crypto/x509"
	"errors"
	"net/http"
	"strings"
	"testing"
)

func TestNewTLS(t *testing.T) {
	ca := newTestCA(t)
	other := newTestCA(t)
	dir := t.TempDir()
	caFile := writeFile(t, dir, "ca.crt", ca.certPEM)
	clientCert, clientKey := ca.issue(t, "alice")
	certFile := writeFile(t, dir, "client.crt", clientCert)
	keyFile := writeFile(t, dir, "client.key", clientKey)

	byIP := newTLSServer(t, ca, http.HandlerFunc(echoHandler))
	byName := newTLSServer(t, ca, http.HandlerFunc(echoHandler), "kubernetes.test")

	tests := []struct {
		name    string
		url     string
		tls     TLSConfig
		wantCN  string
		wantErr bool
	}{
		{name: "CA inline", url: byIP.URL, tls: TLSConfig{CAData: ca.certPEM}},
		{name: "CA file", url: byIP.URL, tls: TLSConfig{CAFile: caFile}},
		{name: "system roots reject test CA", url: byIP.URL, wantErr: true},
		{name: "wrong CA", url: byIP.URL, tls: TLSConfig{CAData: other.certPEM}, wantErr: true},
		{name: "insecure", url: byIP.URL, tls: TLSConfig{Insecure: true}},
		{name: "server name", url: byName.URL, tls: TLSConfig{CAData: ca.certPEM, ServerName: "kubernetes.test"}},
		{name: "name mismatch without server name", url: byName.URL, tls: TLSConfig{CAData: ca.certPEM}, wantErr: true},
		{name: "client cert inline", url: byIP.URL, tls: TLSConfig{CAData: ca.certPEM, CertData: clientCert, KeyData: clientKey}, wantCN: "alice"},
		{name: "client cert files", url: byIP.URL, tls: TLSConfig{CAData: ca.certPEM, CertFile: certFile, KeyFile: keyFile}, wantCN: "alice"},
		{name: "cert inline key file", url: byIP.URL, tls: TLSConfig{CAFile: caFile, CertData: clientCert, KeyFile: keyFile}, wantCN: "alice"},
		{name: "inline data wins over file", url: byIP.URL, tls: TLSConfig{CAData: ca.certPEM, CAFile: "/nonexistent", CertData: clientCert, KeyData: clientKey, CertFile: "/nonexistent", KeyFile: "/nonexistent"}, wantCN: "alice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt, err := New(&Config{TLS: tt.tls})
			if err != nil {
				t.Fatalf("New: %v", err)
			}
			e, err := get(t, rt, tt.url)
			if tt.wantErr {
				var unknown x509.UnknownAuthorityError
				var host x509.HostnameError
				if err == nil || !(errors.As(err, &unknown) || errors.As(err, &host) || strings.Contains(err.Error(), "certificate")) {
					t.Fatalf("want a certificate verification error, got %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("GET: %v", err)
			}
			if e.ClientCN != tt.wantCN {
				t.Errorf("client certificate CN = %q, want %q", e.ClientCN, tt.wantCN)
			}
			if e.Proto != "HTTP/2.0" {
				t.Errorf("protocol = %s, want HTTP/2.0", e.Proto)
			}
		})
	}
}

func TestNextProtosHTTP1(t *testing.T) {
	ca := newTestCA(t)
	srv := newTLSServer(t, ca, http.HandlerFunc(echoHandler))
	rt, err := New(&Config{TLS: TLSConfig{CAData: ca.certPEM, NextProtos: []string{"http/1.1"}}})
	if err != nil {
		t.Fatal(err)
	}
	e, err := get(t, rt, srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	if e.Proto != "HTTP/1.1" {
		t.Errorf("protocol = %s, want HTTP/1.1 when NextProtos asks for it alone", e.Proto)
	}
}

func TestNewErrors(t *testing.T) {
	ca := newTestCA(t)
	cert, key := ca.issue(t, "alice")
	_, otherKey := ca.issue(t, "bob")
	dir := t.TempDir()
	garbage := writeFile(t, dir, "garbage", []byte("not pem"))

	tests := []struct {
		name    string
		config  Config
		wantErr string
	}{
		{"garbage CA data", Config{TLS: TLSConfig{CAData: []byte("nope")}}, "TLS CAData: no PEM certificates found"},
		{"garbage CA file", Config{TLS: TLSConfig{CAFile: garbage}}, "TLS CAFile: no PEM certificates found in " + garbage},
		{"missing CA file", Config{TLS: TLSConfig{CAFile: dir + "/missing"}}, "missing"},
		{"cert without key", Config{TLS: TLSConfig{CertData: cert}}, "needs both a certificate and a key"},
		{"key without cert", Config{TLS: TLSConfig{KeyData: key}}, "needs both a certificate and a key"},
		{"mismatched key", Config{TLS: TLSConfig{CertData: cert, KeyData: otherKey}}, "invalid client certificate or key"},
		{"missing cert file", Config{TLS: TLSConfig{CertFile: dir + "/c", KeyFile: dir + "/k"}}, dir + "/c"},
		{"insecure with CA", Config{TLS: TLSConfig{Insecure: true, CAData: ca.certPEM}}, "cannot both be set"},
		{"custom transport with TLS", Config{Transport: http.DefaultTransport, TLS: TLSConfig{Insecure: true}}, "custom Transport"},
		{"basic and bearer", Config{Username: "u", Password: "hunter2", BearerToken: "s3cr3t"}, "cannot both be set"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(&tt.config)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("New error = %v, want it to contain %q", err, tt.wantErr)
			}
			for _, secret := range []string{string(otherKey), string(key), "hunter2", "s3cr3t", "PRIVATE KEY"} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("error leaks a secret: %v", err)
				}
			}
		})
	}
	if _, err := New(nil); err == nil {
		t.Error("New(nil) succeeded")
	}
	if _, err := TLSConfigFor(nil); err == nil {
		t.Error("TLSConfigFor(nil) succeeded")
	}
}
