package transport

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os/exec"
	"strings"
	"time"
	"unicode"
)

// execInfoEnv is the environment variable that carries the ExecCredential request to the plugin.
const execInfoEnv = "KUBERNETES_EXEC_INFO"

// maxStderr bounds how much of a plugin's standard error is kept for error messages.
const maxStderr = 4 << 10

// Wire types of client.authentication.k8s.io/v1 and v1beta1 (identical in the fields used here).
type execCredentialJSON struct {
	APIVersion string      `json:"apiVersion"`
	Kind       string      `json:"kind"`
	Spec       execSpec    `json:"spec"`
	Status     *execStatus `json:"status,omitempty"`
}

type execSpec struct {
	Cluster     *execClusterJSON `json:"cluster,omitempty"`
	Interactive bool             `json:"interactive"`
}

type execClusterJSON struct {
	Server                   string          `json:"server"`
	TLSServerName            string          `json:"tls-server-name,omitempty"`
	InsecureSkipTLSVerify    bool            `json:"insecure-skip-tls-verify,omitempty"`
	CertificateAuthorityData []byte          `json:"certificate-authority-data,omitempty"`
	ProxyURL                 string          `json:"proxy-url,omitempty"`
	DisableCompression       bool            `json:"disable-compression,omitempty"`
	Config                   json.RawMessage `json:"config,omitempty"`
}

type execStatus struct {
	ExpirationTimestamp   *time.Time `json:"expirationTimestamp,omitempty"`
	Token                 string     `json:"token,omitempty"`
	ClientCertificateData string     `json:"clientCertificateData,omitempty"`
	ClientKeyData         string     `json:"clientKeyData,omitempty"`
}

// run executes the plugin once and parses its answer.
func (a *execAuthenticator) run(ctx context.Context) (*execCredential, error) {
	interactive, err := a.interactive()
	if err != nil {
		return nil, err
	}
	info, err := a.execInfo(interactive)
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, a.cfg.Command, a.cfg.Args...)
	cmd.Env = a.io.environ()
	for _, e := range a.cfg.Env {
		cmd.Env = append(cmd.Env, e.Name+"="+e.Value)
	}
	cmd.Env = append(cmd.Env, execInfoEnv+"="+info)
	var stdout bytes.Buffer
	stderr := &limitedBuffer{max: maxStderr}
	cmd.Stdout = &stdout
	cmd.Stderr = stderr
	if interactive {
		cmd.Stdin = a.io.stdin
		cmd.Stderr = io.MultiWriter(stderr, a.io.stderr) // prompts must reach the user
	}
	cmd.WaitDelay = time.Second
	err = cmd.Run()
	countExecCall(err)
	if err != nil {
		if ctx.Err() != nil {
			return nil, &ExecError{Command: a.cfg.Command, msg: fmt.Sprintf("transport: exec plugin %s: %v", a.cfg.Command, ctx.Err()), err: ctx.Err()}
		}
		return nil, a.runError(err, stderr.String())
	}
	return a.parse(stdout.Bytes())
}

// interactive decides whether the plugin gets standard input.
func (a *execAuthenticator) interactive() (bool, error) {
	switch a.cfg.InteractiveMode {
	case InteractiveNever:
		return false, nil
	case InteractiveAlways:
		if !a.io.isTerminal() {
			return false, fmt.Errorf("transport: exec plugin %s: interactiveMode Always needs a terminal on standard input", a.cfg.Command)
		}
		return true, nil
	}
	return a.io.isTerminal(), nil // IfAvailable, the v1beta1 default
}

// execInfo builds the KUBERNETES_EXEC_INFO value.
func (a *execAuthenticator) execInfo(interactive bool) (string, error) {
	req := execCredentialJSON{APIVersion: a.cfg.APIVersion, Kind: "ExecCredential", Spec: execSpec{Interactive: interactive}}
	if a.cfg.ProvideClusterInfo && a.cfg.Cluster != nil {
		c := a.cfg.Cluster
		req.Spec.Cluster = &execClusterJSON{
			Server:                   c.Server,
			TLSServerName:            c.TLSServerName,
			InsecureSkipTLSVerify:    c.InsecureSkipTLSVerify,
			CertificateAuthorityData: c.CertificateAuthorityData,
			ProxyURL:                 c.ProxyURL,
			DisableCompression:       c.DisableCompression,
			Config:                   json.RawMessage(c.Config),
		}
		if len(c.Config) > 0 && !json.Valid(c.Config) {
			return "", fmt.Errorf("transport: exec plugin %s: cluster config extension is not valid JSON", a.cfg.Command)
		}
	}
	b, err := json.Marshal(req)
	return string(b), err
}

// runError explains a failed run: a missing binary with its install hint, or the exit status with the
// plugin's standard error. Standard output, which may hold a credential, is never included.
func (a *execAuthenticator) runError(err error, stderr string) error {
	if errors.Is(err, exec.ErrNotFound) || errors.Is(err, fs.ErrNotExist) {
		msg := fmt.Sprintf("transport: exec plugin: executable %s not found", printable(a.cfg.Command))
		if hint := strings.TrimSpace(printable(a.cfg.InstallHint)); hint != "" {
			msg += "\n\n" + hint
		}
		return &ExecError{Command: a.cfg.Command, msg: msg, err: err}
	}
	msg := fmt.Sprintf("transport: exec plugin %s failed: %v", a.cfg.Command, err)
	if s := strings.TrimSpace(printable(stderr)); s != "" {
		msg += "; stderr: " + s
	}
	return &ExecError{Command: a.cfg.Command, msg: msg, err: err}
}

// ExecError is returned when an exec credential plugin cannot be run or its answer cannot be used.
// Its message names the command and includes the plugin's standard error, never a credential.
type ExecError struct {
	// Command is the plugin that failed.
	Command string
	msg     string
	err     error
}

// Error implements error.
func (e *ExecError) Error() string { return e.msg }

// Unwrap returns the underlying error (exec.ErrNotFound, *exec.ExitError, ...), if any.
func (e *ExecError) Unwrap() error { return e.err }

// parse checks and converts the plugin's ExecCredential. Its errors never quote the output.
func (a *execAuthenticator) parse(out []byte) (*execCredential, error) {
	fail := func(format string, args ...any) error {
		return &ExecError{Command: a.cfg.Command, msg: fmt.Sprintf("transport: exec plugin %s: ", a.cfg.Command) + fmt.Sprintf(format, args...)}
	}
	var resp execCredentialJSON
	if err := json.Unmarshal(out, &resp); err != nil {
		return nil, fail("output is not an ExecCredential (%d bytes of invalid JSON)", len(out))
	}
	if resp.Kind != "ExecCredential" || resp.APIVersion != a.cfg.APIVersion {
		return nil, fail("returned %s %s, want ExecCredential %s", resp.APIVersion, resp.Kind, a.cfg.APIVersion)
	}
	s := resp.Status
	if s == nil {
		return nil, fail("returned no status")
	}
	if (s.ClientCertificateData == "") != (s.ClientKeyData == "") {
		return nil, fail("returned a client certificate without a key, or a key without a certificate")
	}
	if s.Token == "" && s.ClientCertificateData == "" {
		return nil, fail("returned neither a token nor a client certificate")
	}
	c := &execCredential{cred: &credential{}}
	if s.Token != "" {
		c.cred = bearer(s.Token)
	}
	if s.ClientCertificateData != "" {
		cert, err := tls.X509KeyPair([]byte(s.ClientCertificateData), []byte(s.ClientKeyData))
		if err != nil {
			return nil, fail("invalid client certificate or key: %v", err)
		}
		c.cert = &cert
	}
	if s.ExpirationTimestamp != nil {
		c.expiry = *s.ExpirationTimestamp
	}
	return c, nil
}

// limitedBuffer keeps the first max bytes written to it and discards the rest.
type limitedBuffer struct {
	buf bytes.Buffer
	max int
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := b.max - b.buf.Len(); room > 0 {
		b.buf.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

func (b *limitedBuffer) String() string { return b.buf.String() }

// printable drops control characters other than newline and tab from text that comes from a
// kubeconfig or a plugin and ends up on a terminal, so escape sequences in it cannot act there.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && r != '\n' && r != '\t' {
			return -1
		}
		return r
	}, s)
}
