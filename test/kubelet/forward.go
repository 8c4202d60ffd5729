package kubelet

import (
	"context"
	"io"
	"net"
)

// forwarder serves port-forward streams by dialing 127.0.0.1:<port>.
type forwarder struct{}

// PortForward copies between stream and a new connection to the local port. A refused connection is
// returned as an error, which the handler reports on that connection's error stream only.
func (forwarder) PortForward(ctx context.Context, _, _ string, port int32, stream io.ReadWriteCloser) error {
	addr, err := portAddr(port)
	if err != nil {
		return err
	}
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	go func() {
		_, _ = io.Copy(conn, stream) // the client's half-close ends this copy
		if tcp, ok := conn.(*net.TCPConn); ok {
			_ = tcp.CloseWrite()
		}
		// Keep reading what the client still sends, after this function has returned too: an SPDY
		// stream nobody reads stalls every other stream of the connection.
		_, _ = io.Copy(io.Discard, stream)
	}()
	// The connection is done when the port has nothing more to say, as with a container runtime: the
	// handler then closes the data and error streams.
	_, err = io.Copy(stream, conn)
	return err
}
