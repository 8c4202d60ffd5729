package cluster

import (
	"crypto/rand"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
)

// Names of the users the cluster authenticates.
const (
	// AdminCertUser is the user name of the admin client certificate (organization system:masters).
	AdminCertUser = "kubegen-admin"
	// LimitedCertUser is the user name of the limited client certificate (no groups).
	LimitedCertUser = "kubegen-limited"
	// AdminTokenUser is the user name of the admin bearer token (group system:masters).
	AdminTokenUser = "kubegen-admin-token"
	// LimitedTokenUser is the user name of the limited bearer token (no groups).
	LimitedTokenUser = "kubegen-limited-token"
)

// pki is every credential the cluster uses, in memory and as files under dir.
type pki struct {
	dir          string
	ca           *keyPair
	serving      *keyPair
	admin        *keyPair
	limited      *keyPair
	adminToken   string
	limitedToken string
	saPrivate    []byte
	saPublic     []byte
}

// newPKI generates the credentials and writes them under dir.
func newPKI(dir string) (*pki, error) {
	p := &pki{dir: dir}
	var err error
	if p.ca, err = newCA("kubegen-test-ca"); err != nil {
		return nil, err
	}
	if p.serving, err = p.ca.issue(certSpec{
		commonName: "kube-apiserver",
		dnsNames:   []string{"localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local"},
		ips:        []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback, net.IPv4(10, 0, 0, 1)},
		server:     true,
	}); err != nil {
		return nil, err
	}
	if p.admin, err = p.ca.issue(certSpec{commonName: AdminCertUser, organizations: []string{"system:masters"}}); err != nil {
		return nil, err
	}
	if p.limited, err = p.ca.issue(certSpec{commonName: LimitedCertUser}); err != nil {
		return nil, err
	}
	if p.saPrivate, p.saPublic, err = newServiceAccountKeys(); err != nil {
		return nil, err
	}
	p.adminToken, p.limitedToken = randomToken(), randomToken()
	return p, p.write()
}

func (p *pki) write() error {
	tokens := fmt.Sprintf("%s,%s,%s,\"system:masters\"\n%s,%s,%s\n",
		p.adminToken, AdminTokenUser, AdminTokenUser, p.limitedToken, LimitedTokenUser, LimitedTokenUser)
	files := map[string][]byte{
		"ca.crt":        p.ca.CertPEM,
		"apiserver.crt": p.serving.CertPEM,
		"apiserver.key": p.serving.KeyPEM,
		"admin.crt":     p.admin.CertPEM,
		"admin.key":     p.admin.KeyPEM,
		"limited.crt":   p.limited.CertPEM,
		"limited.key":   p.limited.KeyPEM,
		"sa.key":        p.saPrivate,
		"sa.pub":        p.saPublic,
		"tokens.csv":    []byte(tokens),
		"admin.token":   []byte(p.adminToken),
		"limited.token": []byte(p.limitedToken),
	}
	for name, data := range files {
		if err := os.WriteFile(p.path(name), data, 0o600); err != nil {
			return fmt.Errorf("writing %s: %w", name, err)
		}
	}
	return nil
}

// path returns the absolute path of one of the files written by write.
func (p *pki) path(name string) string { return filepath.Join(p.dir, name) }

// randomToken returns a fresh 128-bit token.
func randomToken() string { return strings.ToLower(rand.Text()) }
