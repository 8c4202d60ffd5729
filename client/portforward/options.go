package portforward

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/kubegen/kubegen/client/internal/upgrade"
)

// Transport chooses the protocol a session runs over.
type Transport = upgrade.Transport

const (
	// Auto tunnels SPDY through a WebSocket first and uses plain SPDY when the server refuses the
	// WebSocket upgrade, as kubectl does. It is the default.
	Auto = upgrade.Auto
	// WebSocket uses only the WebSocket tunnel (subprotocol SPDY/3.1+portforward.k8s.io).
	WebSocket = upgrade.WebSocket
	// SPDY uses only an SPDY/3.1 upgrade (portforward.k8s.io).
	SPDY = upgrade.SPDY
)

// Options select the pod to forward to.
type Options struct {
	// Namespace of the pod; "default" when empty.
	Namespace string
	// Pod is the pod's name. Required.
	Pod string
	// Transport selects the protocol; Auto when zero.
	Transport Transport
}

func (o *Options) namespace() string {
	if o.Namespace == "" {
		return "default"
	}
	return o.Namespace
}

// Port is one forwarded port: connections to Local on 127.0.0.1 reach Remote in the pod.
type Port struct {
	// Local is the port listened on; 0 in a spec asks for a free one, filled in by Listen.
	Local uint16
	// Remote is the pod's port.
	Remote uint16
}

// String formats p the way kubectl port-forward takes it, "local:remote".
func (p Port) String() string { return fmt.Sprintf("%d:%d", p.Local, p.Remote) }

// ParsePort reads one of kubectl port-forward's port specs: "8080:80" (local 8080 to remote 80),
// "80" (the same number on both sides) or ":80" (a free local port to remote 80).
func ParsePort(spec string) (Port, error) {
	local, remote, found := strings.Cut(spec, ":")
	if !found {
		remote = local
	}
	r, err := parseNumber(remote, false)
	if err != nil {
		return Port{}, fmt.Errorf("portforward: port spec %q: remote %w", spec, err)
	}
	l := r
	if found {
		if l, err = parseNumber(local, true); err != nil {
			return Port{}, fmt.Errorf("portforward: port spec %q: local %w", spec, err)
		}
	}
	return Port{Local: l, Remote: r}, nil
}

func parseNumber(s string, zeroOK bool) (uint16, error) {
	if s == "" && zeroOK {
		return 0, nil
	}
	n, err := strconv.ParseUint(s, 10, 16)
	if err != nil {
		return 0, fmt.Errorf("port %q is not a number from 1 to 65535", s)
	}
	if n == 0 && !zeroOK {
		return 0, fmt.Errorf("port must not be 0")
	}
	return uint16(n), nil
}
