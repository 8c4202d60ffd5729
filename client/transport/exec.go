package transport

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"sync"
	"time"
	"weak"
)

// Exec plugin API versions and interactive modes.
const (
	execAPIv1      = "client.authentication.k8s.io/v1"
	execAPIv1beta1 = "client.authentication.k8s.io/v1beta1"

	// InteractiveNever never gives the plugin the terminal.
	InteractiveNever = "Never"
	// InteractiveIfAvailable gives the plugin standard input when it is a terminal.
	InteractiveIfAvailable = "IfAvailable"
	// InteractiveAlways requires standard input to be a terminal and gives it to the plugin.
	InteractiveAlways = "Always"
)

// execAuthenticator runs one exec plugin configuration and caches the credential it returns until the
// credential expires or the server rejects it. Equivalent configurations share one authenticator, so
// a program runs the plugin once however many clients it builds.
type execAuthenticator struct {
	cfg  ExecConfig
	io   execIO
	now  func() time.Time
	hash [32]byte

	mu  sync.Mutex
	cur *execCredential
	// rejected is set when the server answered 401 to cur.
	rejected bool
	// transports built for this plugin; their idle connections are closed when the client certificate
	// changes, so the next request handshakes with the new one.
	transports []weak.Pointer[http.Transport]
}

// execIO is the process environment handed to plugins; tests replace it.
type execIO struct {
	environ    func() []string
	stdin      io.Reader
	stderr     io.Writer
	isTerminal func() bool
}

var defaultExecIO = execIO{environ: os.Environ, stdin: os.Stdin, stderr: os.Stderr, isTerminal: stdinIsTerminal}

// stdinIsTerminal reports whether standard input is a character device (a terminal).
func stdinIsTerminal() bool {
	fi, err := os.Stdin.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// execCredential is what one plugin run produced.
type execCredential struct {
	cred   *credential      // Authorization header; header is nil when the plugin returned a certificate only
	cert   *tls.Certificate // nil when the plugin returned a token only
	expiry time.Time        // zero when the credential does not expire
}

// authenticators shares execAuthenticators between equivalent exec configurations.
var authenticators = struct {
	mu sync.Mutex
	m  map[[32]byte]*execAuthenticator
}{m: map[[32]byte]*execAuthenticator{}}

// execAuthenticatorFor returns the shared authenticator for c.Exec, or nil when c has no exec plugin
// or other credentials override it.
func execAuthenticatorFor(c *Config) (*execAuthenticator, error) {
	if !c.usesExec() {
		return nil, nil
	}
	if err := validateExec(c.Exec); err != nil {
		return nil, err
	}
	h, err := execHash(c.Exec)
	if err != nil {
		return nil, err
	}
	authenticators.mu.Lock()
	defer authenticators.mu.Unlock()
	if a, ok := authenticators.m[h]; ok {
		return a, nil
	}
	a := &execAuthenticator{cfg: copyExec(c.Exec), io: defaultExecIO, now: time.Now, hash: h}
	authenticators.m[h] = a
	return a, nil
}

func validateExec(e *ExecConfig) error {
	if e.Command == "" {
		return errors.New("transport: exec plugin: no command")
	}
	switch e.APIVersion {
	case execAPIv1:
		if e.InteractiveMode == "" {
			return fmt.Errorf("transport: exec plugin %s: interactiveMode is required by %s", e.Command, execAPIv1)
		}
	case execAPIv1beta1:
	default:
		return fmt.Errorf("transport: exec plugin %s: apiVersion %q is not %s or %s", e.Command, e.APIVersion, execAPIv1, execAPIv1beta1)
	}
	switch e.InteractiveMode {
	case "", InteractiveNever, InteractiveIfAvailable, InteractiveAlways:
		return nil
	}
	return fmt.Errorf("transport: exec plugin %s: interactiveMode %q is not Never, IfAvailable or Always", e.Command, e.InteractiveMode)
}

// copyExec deep-copies e, so later changes to the caller's config do not reach the shared authenticator.
func copyExec(e *ExecConfig) ExecConfig {
	out := *e
	out.Args = append([]string(nil), e.Args...)
	out.Env = append([]ExecEnvVar(nil), e.Env...)
	if e.Cluster != nil {
		cl := *e.Cluster
		cl.CertificateAuthorityData = append([]byte(nil), cl.CertificateAuthorityData...)
		cl.Config = append([]byte(nil), cl.Config...)
		out.Cluster = &cl
	}
	return out
}

// current returns a valid credential, running the plugin when there is none or it expired. Concurrent
// callers wait for one run.
func (a *execAuthenticator) current(ctx context.Context) (*execCredential, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.cur != nil && !a.rejected && (a.cur.expiry.IsZero() || a.now().Before(a.cur.expiry)) {
		return a.cur, nil
	}
	c, err := a.run(ctx)
	if err != nil {
		return nil, err
	}
	old := a.cur
	a.cur, a.rejected = c, false
	if old != nil && old.cert != c.cert {
		a.closeIdleLocked()
	}
	return c, nil
}

// credential implements authSource.
func (a *execAuthenticator) credential(ctx context.Context) (*credential, error) {
	c, err := a.current(ctx)
	if err != nil {
		return nil, err
	}
	return c.cred, nil
}

// refresh implements refresher: after a 401, the next request runs the plugin again, unless another
// request already replaced the rejected credential.
func (a *execAuthenticator) refresh(rejected *credential) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.cur != nil && a.cur.cred == rejected {
		a.rejected = true
	}
}

// clientCertificate is the tls.Config.GetClientCertificate hook for certificates from the plugin. A
// plugin that returns a token only yields an empty certificate (none is sent).
func (a *execAuthenticator) clientCertificate(info *tls.CertificateRequestInfo) (*tls.Certificate, error) {
	c, err := a.current(info.Context())
	if err != nil {
		return nil, err
	}
	if c.cert == nil {
		return &tls.Certificate{}, nil
	}
	return c.cert, nil
}

// track remembers t so that its idle connections are closed when the plugin's certificate changes.
func (a *execAuthenticator) track(t *http.Transport) {
	a.mu.Lock()
	defer a.mu.Unlock()
	live := a.transports[:0]
	for _, w := range a.transports {
		if w.Value() != nil {
			live = append(live, w)
		}
	}
	a.transports = append(live, weak.Make(t))
}

func (a *execAuthenticator) closeIdleLocked() {
	for _, w := range a.transports {
		if t := w.Value(); t != nil {
			t.CloseIdleConnections()
		}
	}
}
