package portforward

import (
	"errors"
	"fmt"
)

// RemoteError is what the kubelet reported on one forwarded connection, typically that nothing
// listens on the pod's port. Only that connection fails; the session goes on.
type RemoteError struct {
	// Port is the pod's port.
	Port uint16
	// Message is the kubelet's text.
	Message string
}

// Error implements error.
func (e *RemoteError) Error() string {
	return fmt.Sprintf("portforward: pod port %d: %s", e.Port, e.Message)
}

// ErrSessionClosed is returned by Dial, and wrapped by errors of open connections, once the session's
// connection has ended (Close, context cancellation or a lost connection).
var ErrSessionClosed = errors.New("portforward: session closed")
