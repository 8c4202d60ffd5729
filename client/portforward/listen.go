package portforward

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"sync"

	"k8s.io/klog/v2"

	"github.com/kubegen/kubegen/client/rest"
)

// Listen opens a listener on 127.0.0.1 for each kubectl-style port spec ("8080:80", "80", ":80")
// and forwards every connection accepted on it to the pod over s, until ctx ends or the session
// closes. It returns the ports with the local ones chosen by the system filled in. A connection
// the kubelet cannot complete (nothing listening on the pod's port) is logged and closed; the
// listener goes on.
func (s *Session) Listen(ctx context.Context, specs ...string) ([]Port, error) {
	if len(specs) == 0 {
		return nil, errors.New("portforward: no ports to forward")
	}
	ports, listeners, err := listenAll(specs)
	if err != nil {
		return nil, err
	}
	for i, l := range listeners {
		go s.serve(ctx, l, ports[i].Remote)
	}
	return ports, nil
}

// listenAll parses the specs and binds them all, or none.
func listenAll(specs []string) ([]Port, []net.Listener, error) {
	var ports []Port
	var listeners []net.Listener
	for _, spec := range specs {
		p, err := ParsePort(spec)
		if err == nil {
			var l net.Listener
			l, err = net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(int(p.Local))))
			if err == nil {
				p.Local = uint16(l.Addr().(*net.TCPAddr).Port)
				ports, listeners = append(ports, p), append(listeners, l)
				continue
			}
			err = fmt.Errorf("portforward: listening for %s: %w", spec, err)
		}
		for _, l := range listeners {
			l.Close()
		}
		return nil, nil, err
	}
	return ports, listeners, nil
}

// serve accepts connections on l until ctx ends or the session closes.
func (s *Session) serve(ctx context.Context, l net.Listener, remote uint16) {
	go func() {
		select {
		case <-s.closed:
		case <-ctx.Done():
		}
		l.Close()
	}()
	var wg sync.WaitGroup
	defer wg.Wait()
	for {
		local, err := l.Accept()
		if err != nil {
			return
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.handle(ctx, local, remote)
		}()
	}
}

// handle forwards one accepted connection in both directions.
func (s *Session) handle(ctx context.Context, local net.Conn, remote uint16) {
	defer local.Close()
	log := klog.FromContext(ctx)
	c, err := s.Dial(ctx, remote)
	if err != nil {
		log.Error(err, "Port-forward connection failed", "local", local.LocalAddr(), "remote", remote)
		return
	}
	defer c.Close()
	stop := context.AfterFunc(ctx, func() { local.Close(); c.Close() })
	defer stop()
	go func() {
		_, _ = io.Copy(c, local)
		_ = c.CloseWrite() // the local client is done sending: the pod's port reads EOF
	}()
	if _, err := io.Copy(local, c); err != nil && ctx.Err() == nil {
		log.Error(err, "Port-forward connection failed", "local", local.LocalAddr(), "remote", remote)
	}
}

// Forward is kubectl port-forward: it opens a session to the pod, listens on 127.0.0.1 for each port
// spec and forwards connections until ctx is cancelled (nil) or the session breaks (an error). To
// learn which local port a ":80" spec was given, use Open and Session.Listen instead.
func Forward(ctx context.Context, cfg *rest.Config, opts Options, specs ...string) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s, err := Open(ctx, cfg, opts)
	if err != nil {
		return err
	}
	defer s.Close()
	if _, err := s.Listen(ctx, specs...); err != nil {
		return err
	}
	select {
	case <-ctx.Done():
		return nil
	case <-s.Done():
		if ctx.Err() != nil {
			return nil
		}
		return fmt.Errorf("%w: the connection to the API server ended", ErrSessionClosed)
	}
}
