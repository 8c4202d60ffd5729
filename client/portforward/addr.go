package portforward

import (
	"fmt"
	"net"
	"time"
)

// Addr is the address of a forwarded port: network "portforward", "namespace/pod:port".
type Addr struct {
	// Pod is "namespace/name".
	Pod string
	// Port is the pod's port.
	Port uint16
}

// Network implements net.Addr.
func (a Addr) Network() string { return "portforward" }

// String implements net.Addr.
func (a Addr) String() string { return fmt.Sprintf("%s:%d", a.Pod, a.Port) }

// LocalAddr is the pod seen from this side: the same as RemoteAddr, as there is no local socket.
func (c *Conn) LocalAddr() net.Addr { return c.RemoteAddr() }

// RemoteAddr is the pod and port the connection reaches.
func (c *Conn) RemoteAddr() net.Addr { return Addr{Pod: c.s.pod, Port: c.port} }

// SetDeadline sets the read and write deadlines; the zero time removes them.
func (c *Conn) SetDeadline(t time.Time) error {
	c.rd.set(t)
	c.wd.set(t)
	return nil
}

// SetReadDeadline sets the deadline of Read calls, pending ones included; zero removes it.
func (c *Conn) SetReadDeadline(t time.Time) error {
	c.rd.set(t)
	return nil
}

// SetWriteDeadline sets the deadline of Write calls, pending ones included; zero removes it.
func (c *Conn) SetWriteDeadline(t time.Time) error {
	c.wd.set(t)
	return nil
}
