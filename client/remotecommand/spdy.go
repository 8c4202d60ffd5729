package remotecommand

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"

	"k8s.io/apimachinery/pkg/util/httpstream"

	"github.com/kubegen/kubegen/client/internal/upgrade"
)

// SPDY subprotocols, newest first. v4 reports exit codes as a Status; v3 added terminal resizing.
const (
	protocolV4 = "v4.channel.k8s.io"
	protocolV3 = "v3.channel.k8s.io"
	protocolV2 = "v2.channel.k8s.io"
)

var spdyProtocols = []string{protocolV4, protocolV3, protocolV2}

// Stream types of the SPDY protocols, sent in the streamType header of each stream.
const (
	streamTypeHeader = "streamType"
	streamTypeError  = "error"
	streamTypeStdin  = "stdin"
	streamTypeStdout = "stdout"
	streamTypeStderr = "stderr"
	streamTypeResize = "resize"
)

// spdySession runs one session over a SPDY connection: one stream per channel.
type spdySession struct {
	conn     *upgrade.SPDYConn
	protocol string
	opts     *Options

	errStream, stdin, stdout, stderr, resize httpstream.Stream

	failure
}

// runSPDY streams opts over conn, speaking its protocol, until the server ends the session, ctx ends or
// the connection fails. It always closes conn.
func runSPDY(ctx context.Context, conn *upgrade.SPDYConn, opts *Options) error {
	defer conn.Abort()
	s := &spdySession{conn: conn, protocol: conn.Protocol, opts: opts}
	if err := s.createStreams(); err != nil {
		return err
	}
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-ctx.Done():
			conn.Abort() // stdin may be blocked behind a server that stopped reading
		case <-done:
		}
	}()
	if s.stdin != nil {
		go s.pumpStdin()
	}
	if s.resize != nil && opts.Resize != nil {
		go s.pumpSizes(done)
	}
	status := s.wait()
	return s.result(ctx, status)
}

// createStreams opens the error stream first, then one stream per requested channel, as the server
// expects.
func (s *spdySession) createStreams() error {
	var err error
	if s.errStream, err = s.create(streamTypeError); err != nil {
		return err
	}
	s.errStream.Close() // nothing is written on it: half-close
	if s.opts.Stdin != nil {
		if s.stdin, err = s.create(streamTypeStdin); err != nil {
			return err
		}
	}
	if s.opts.Stdout != nil {
		if s.stdout, err = s.create(streamTypeStdout); err != nil {
			return err
		}
	}
	if s.opts.wantsStderr() {
		if s.stderr, err = s.create(streamTypeStderr); err != nil {
			return err
		}
	}
	if s.opts.TTY && s.protocol != protocolV2 {
		if s.resize, err = s.create(streamTypeResize); err != nil {
			return err
		}
	}
	return nil
}

func (s *spdySession) create(streamType string) (httpstream.Stream, error) {
	h := http.Header{}
	h.Set(streamTypeHeader, streamType)
	stream, err := s.conn.CreateStream(h)
	if err != nil {
		return nil, fmt.Errorf("remotecommand: creating %s stream: %w", streamType, err)
	}
	return stream, nil
}

// wait copies the output streams and reads the error stream until all have ended (the server closes
// the connection after the status), and returns the error stream's content.
func (s *spdySession) wait() []byte {
	var wg sync.WaitGroup
	copyOut := func(from httpstream.Stream, to io.Writer, name string) {
		defer wg.Done()
		if _, err := io.Copy(to, from); err != nil {
			s.fail(fmt.Errorf("remotecommand: copying %s: %w", name, err))
			s.conn.Abort()
		}
	}
	if s.stdout != nil {
		wg.Add(1)
		go copyOut(s.stdout, s.opts.Stdout, "stdout")
	}
	if s.stderr != nil {
		wg.Add(1)
		go copyOut(s.stderr, s.opts.Stderr, "stderr")
	}
	status, err := io.ReadAll(io.LimitReader(s.errStream, maxStatusSize))
	if err != nil {
		s.fail(fmt.Errorf("remotecommand: reading the error stream: %w", err))
	}
	wg.Wait()
	return status
}

// pumpStdin copies Stdin to its stream and half-closes it at EOF. A failed write means the session is
// ending; the session's result reports why.
func (s *spdySession) pumpStdin() {
	buf := make([]byte, stdinBuffer)
	for {
		n, err := s.opts.Stdin.Read(buf)
		if n > 0 {
			if _, werr := s.stdin.Write(buf[:n]); werr != nil {
				return
			}
		}
		if errors.Is(err, io.EOF) {
			s.stdin.Close()
			return
		}
		if err != nil {
			s.fail(fmt.Errorf("remotecommand: reading stdin: %w", err))
			s.conn.Abort()
			return
		}
	}
}

// pumpSizes writes each terminal size as JSON on the resize stream.
func (s *spdySession) pumpSizes(done <-chan struct{}) {
	enc := json.NewEncoder(s.resize)
	for {
		select {
		case <-done:
			return
		case size, ok := <-s.opts.Resize:
			if !ok || enc.Encode(size) != nil {
				return
			}
		}
	}
}

// result decides how the session ended, as wsSession.result does.
func (s *spdySession) result(ctx context.Context, status []byte) error {
	if err := s.local(ctx); err != nil {
		return err
	}
	if s.protocol == protocolV4 {
		return jsonStatusError(status)
	}
	return textStatusError(status)
}
