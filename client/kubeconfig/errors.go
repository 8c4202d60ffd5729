package kubeconfig

import (
	"errors"
	"strings"
)

var (
	// ErrNotInCluster is returned (wrapped) when in-cluster configuration is asked for outside a pod:
	// KUBERNETES_SERVICE_HOST or KUBERNETES_SERVICE_PORT is not set.
	ErrNotInCluster = errors.New("not running in a Kubernetes cluster")
	// ErrNoConfig is returned (wrapped) when no kubeconfig file exists on any path tried and the
	// process is not running in a cluster.
	ErrNoConfig = errors.New("no kubeconfig found")
	// ErrNotFound is returned (wrapped) when a context, cluster or user is referenced but not defined.
	ErrNotFound = errors.New("not found")
	// ErrUnsupported is returned (wrapped) for kubeconfig features kubegen deliberately does not
	// implement, such as the legacy auth-provider plugins.
	ErrUnsupported = errors.New("not supported")
)

// Error is a problem with a kubeconfig: the file (empty for in-memory data or merged configs), the
// key path inside it (such as `users[1] "bob": client-certificate-data`), and the cause. It never
// contains secret values.
type Error struct {
	// File is the kubeconfig file, when known.
	File string
	// Path is the key path of the offending value, when known.
	Path string
	// Err is the cause.
	Err error
}

// Error formats the error as "kubeconfig FILE: PATH: CAUSE".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("kubeconfig")
	if e.File != "" {
		b.WriteString(" ")
		b.WriteString(e.File)
	}
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// joinPath joins key path segments with ": " unless a segment starts with "." or "[" (a sub-key).
func joinPath(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		if p == "" {
			continue
		}
		if b.Len() > 0 && p[0] != '.' && p[0] != '[' {
			b.WriteString(": ")
		}
		b.WriteString(p)
	}
	return b.String()
}
