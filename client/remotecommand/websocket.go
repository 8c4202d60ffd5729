package remotecommand

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// protocolV5 is the only WebSocket subprotocol offered: the one with the stdin close signal, which
// kube-apiserver translates to SPDY towards the kubelet.
const protocolV5 = "v5.channel.k8s.io"

// Keep-alive of WebSocket sessions: a ping every pingPeriod keeps proxies and load balancers from
// closing an idle session. Missing pongs are not taken as a dead connection: kube-apiserver stops
// reading (and answering pings) while a command does not read its stdin, so a quiet session would be
// cut for nothing. Dead peers are found by TCP (a reset, or keep-alive probes).
const (
	pingPeriod  = 10 * time.Second
	pingTimeout = 10 * time.Second
	// stdinBuffer bounds a stdin message (plus its channel byte) well below upgrade.MaxMessageSize,
	// so that it goes out as one frame.
	stdinBuffer = 32 << 10
)

// wsSession runs one v5.channel.k8s.io session over a WebSocket.
type wsSession struct {
	conn *websocket.Conn
	opts *Options

	writeMu sync.Mutex // gorilla allows one writer at a time

	failure
}

// runWebSocket streams opts over conn until the server closes it, ctx ends or the connection fails.
// It always closes conn.
func runWebSocket(ctx context.Context, conn *websocket.Conn, opts *Options) error {
	s := &wsSession{conn: conn, opts: opts}
	done := make(chan struct{})
	defer close(done)
	go s.watch(ctx, done)
	if opts.Stdin != nil {
		go s.pumpStdin()
	}
	if opts.TTY && opts.Resize != nil {
		go s.pumpSizes(done)
	}
	status, readErr := s.read()
	conn.Close()
	return s.result(ctx, status, readErr)
}

// watch pings the server and closes the connection when ctx ends.
func (s *wsSession) watch(ctx context.Context, done <-chan struct{}) {
	ticker := time.NewTicker(pingPeriod)
	defer ticker.Stop()
	for {
		select {
		case <-done:
			return
		case <-ctx.Done():
			_ = s.conn.WriteControl(websocket.CloseMessage,
				websocket.FormatCloseMessage(websocket.CloseNormalClosure, ""), time.Now().Add(time.Second))
			s.conn.Close()
			return
		case <-ticker.C:
			// A ping that cannot be sent waits behind stdin the server does not read yet: not an
			// error. A broken connection shows in read.
			_ = s.conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(pingTimeout))
		}
	}
}

// read dispatches messages to Stdout and Stderr and collects the error channel until the connection
// ends. It returns the error channel's bytes and the error that ended the connection (nil for a normal
// close).
func (s *wsSession) read() ([]byte, error) {
	var status []byte
	for {
		_, msg, err := s.conn.ReadMessage()
		if err != nil {
			if websocket.IsCloseError(err, websocket.CloseNormalClosure) {
				err = nil
			}
			return status, err
		}
		f, err := decodeFrame(msg)
		if err != nil || f.close {
			continue // empty messages carry nothing; the server never half-closes
		}
		if err := s.deliver(f, &status); err != nil {
			s.fail(err)
			return status, err
		}
	}
}

// deliver hands one frame's payload to where it belongs.
func (s *wsSession) deliver(f frame, status *[]byte) error {
	var w io.Writer
	switch f.channel {
	case channelStdout:
		w = s.opts.Stdout
	case channelStderr:
		w = s.opts.Stderr
	case channelError:
		if len(*status)+len(f.data) > maxStatusSize {
			return errors.New("remotecommand: status from the server exceeds 1 MiB")
		}
		*status = append(*status, f.data...)
		return nil
	}
	if w == nil || len(f.data) == 0 {
		return nil
	}
	if _, err := w.Write(f.data); err != nil {
		return fmt.Errorf("remotecommand: writing %s: %w", channelName(f.channel), err)
	}
	return nil
}

func channelName(c byte) string {
	if c == channelStderr {
		return "stderr"
	}
	return "stdout"
}

// write sends one message, serialized with the other writers. It has no deadline: a server that does
// not read stdin yet holds it back, as a pipe would; closing the connection ends a blocked write.
func (s *wsSession) write(msg []byte) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	return s.conn.WriteMessage(websocket.BinaryMessage, msg)
}

// pumpStdin copies Stdin into stdin frames, then sends the close signal. The buffer's first byte is
// the channel, so a read becomes a frame without copying.
func (s *wsSession) pumpStdin() {
	buf := make([]byte, 1+stdinBuffer)
	buf[0] = channelStdin
	for {
		n, err := s.opts.Stdin.Read(buf[1:])
		if n > 0 {
			if werr := s.write(buf[:1+n]); werr != nil {
				return // the reader sees the broken connection
			}
		}
		if errors.Is(err, io.EOF) {
			_ = s.write(closeFrame(channelStdin))
			return
		}
		if err != nil {
			s.fail(fmt.Errorf("remotecommand: reading stdin: %w", err))
			s.conn.Close()
			return
		}
	}
}

// pumpSizes sends each terminal size as JSON on the resize channel.
func (s *wsSession) pumpSizes(done <-chan struct{}) {
	for {
		select {
		case <-done:
			return
		case size, ok := <-s.opts.Resize:
			if !ok {
				return
			}
			data, _ := json.Marshal(size)
			if s.write(encodeFrame(channelResize, data)) != nil {
				return
			}
		}
	}
}

// result decides how the session ended: a local failure or cancellation first, then the server's
// status, then a lost connection.
func (s *wsSession) result(ctx context.Context, status []byte, readErr error) error {
	if err := s.local(ctx); err != nil {
		return err
	}
	err := jsonStatusError(status)
	if errors.Is(err, ErrConnectionLost) && readErr != nil {
		return fmt.Errorf("%w: %v", ErrConnectionLost, readErr)
	}
	return err
}
