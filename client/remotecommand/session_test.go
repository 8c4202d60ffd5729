package remotecommand

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/gorilla/websocket"
	apierrors "k8s.io/apimachinery/pkg/api/errors"

	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/test/kubelet"
)

// TestFallbackToSPDY: a server that refuses WebSockets gets the session over SPDY with Auto, and
// answers forced WebSocket with its Status.
func TestFallbackToSPDY(t *testing.T) {
	cfg := kubeletAPI(t, kubelet.APIOptions{RefuseWebSocket: true})
	var stdout, stderr bytes.Buffer
	err := Exec(t.Context(), cfg, Options{Pod: "p", Command: []string{"sh", "-c", "echo out; echo err >&2; exit 4"},
		Stdout: &stdout, Stderr: &stderr})
	var exit *ExitError
	if !errors.As(err, &exit) || exit.Code != 4 {
		t.Fatalf("Exec over the fallback: %v, want ExitError 4", err)
	}
	if stdout.String() != "out\n" || stderr.String() != "err\n" {
		t.Errorf("stdout %q, stderr %q", stdout.String(), stderr.String())
	}
	err = Exec(t.Context(), cfg, Options{Pod: "p", Command: []string{"true"}, Stdout: &stdout, Transport: WebSocket})
	if !apierrors.IsBadRequest(err) {
		t.Errorf("forced WebSocket: %v, want the server's BadRequest", err)
	}
}

// TestCredentials: the upgrade requests carry the config's credentials; a wrong token is refused
// with the server's 401 on both transports.
func TestCredentials(t *testing.T) {
	cfg := kubeletAPI(t, kubelet.APIOptions{})
	cfg.BearerToken = "wrong"
	for _, tr := range []Transport{WebSocket, SPDY, Auto} {
		err := Exec(t.Context(), cfg, Options{Pod: "p", Command: []string{"true"}, Stdout: &bytes.Buffer{}, Transport: tr})
		if !apierrors.IsUnauthorized(err) {
			t.Errorf("%v with a wrong token: %v, want Unauthorized", tr, err)
		}
	}
}

// TestOlderSPDYProtocols: servers that only speak v3 or v2 report errors as text.
func TestOlderSPDYProtocols(t *testing.T) {
	for _, protocol := range []string{protocolV3, protocolV2} {
		t.Run(protocol, func(t *testing.T) {
			cfg := kubeletAPI(t, kubelet.APIOptions{ExecProtocols: []string{protocol}})
			var stdout bytes.Buffer
			if err := Exec(t.Context(), cfg, Options{Pod: "p", Command: []string{"echo", "hi"}, Stdout: &stdout,
				Transport: SPDY}); err != nil || stdout.String() != "hi\n" {
				t.Fatalf("Exec: %v, stdout %q", err, stdout.String())
			}
			err := Exec(t.Context(), cfg, Options{Pod: "p", Command: []string{"sh", "-c", "exit 2"},
				Stdout: &stdout, Transport: SPDY})
			var remote *RemoteError
			if !errors.As(err, &remote) || !strings.Contains(remote.Message, "exit") {
				t.Errorf("non-zero exit: %v (%T), want RemoteError", err, err)
			}
		})
	}
}

// v5Server is a hand-written v5.channel.k8s.io server: it runs serve on each session.
func v5Server(t *testing.T, serve func(*websocket.Conn)) (*rest.Config, Options) {
	t.Helper()
	up := websocket.Upgrader{Subprotocols: []string{protocolV5}}
	cfg := tlsServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+testToken {
			http.Error(w, "no token", http.StatusUnauthorized)
			return
		}
		c, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer c.Close()
		serve(c)
	}))
	return cfg, Options{Pod: "p", Transport: WebSocket}
}

// TestWebSocketV5Framing checks what the client sends — stdin frames, the stdin close signal and
// resize frames — and that it routes stdout, stderr and the exit status.
func TestWebSocketV5Framing(t *testing.T) {
	type received struct {
		stdin  string
		closed bool
		sizes  []TerminalSize
	}
	got := make(chan received, 1)
	cfg, opts := v5Server(t, func(c *websocket.Conn) {
		var r received
		for !r.closed || len(r.sizes) == 0 {
			_, msg, err := c.ReadMessage()
			if err != nil {
				break
			}
			f, err := decodeFrame(msg)
			switch {
			case err != nil:
			case f.close && f.channel == channelStdin:
				r.closed = true
			case f.channel == channelStdin:
				r.stdin += string(f.data)
			case f.channel == channelResize:
				var s TerminalSize
				_ = json.Unmarshal(f.data, &s)
				r.sizes = append(r.sizes, s)
			}
		}
		got <- r
		for _, m := range [][]byte{encodeFrame(channelStdout, []byte("out")), encodeFrame(channelStderr, []byte("err")),
			encodeFrame(channelError, []byte(`{"status":"Failure","reason":"NonZeroExitCode",`+
				`"details":{"causes":[{"reason":"ExitCode","message":"7"}]}}`))} {
			_ = c.WriteMessage(websocket.BinaryMessage, m)
		}
		_ = c.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseNormalClosure, ""))
	})
	sizes := make(chan TerminalSize, 1)
	sizes <- TerminalSize{Width: 80, Height: 24}
	var stdout, stderr bytes.Buffer
	opts.Command, opts.Stdin, opts.Stdout, opts.Stderr = []string{"x"}, strings.NewReader("hello"), &stdout, &stderr
	opts.TTY, opts.Resize = true, sizes
	err := Exec(t.Context(), cfg, opts)
	var exit *ExitError
	if !errors.As(err, &exit) || exit.Code != 7 {
		t.Errorf("Exec: %v, want ExitError 7", err)
	}
	r := <-got
	if r.stdin != "hello" || !r.closed || len(r.sizes) != 1 || r.sizes[0] != (TerminalSize{80, 24}) {
		t.Errorf("server received %+v", r)
	}
	if stdout.String() != "out" || stderr.String() != "err" {
		t.Errorf("stdout %q, stderr %q", stdout.String(), stderr.String())
	}
}

// TestWebSocketLostConnection: a server that vanishes mid-session, without a status, gives an error
// wrapping ErrConnectionLost after delivering the output it sent.
func TestWebSocketLostConnection(t *testing.T) {
	cfg, opts := v5Server(t, func(c *websocket.Conn) {
		_ = c.WriteMessage(websocket.BinaryMessage, encodeFrame(channelStdout, []byte("partial")))
		c.UnderlyingConn().Close() // no close message, no status
	})
	var stdout bytes.Buffer
	opts.Command, opts.Stdout = []string{"x"}, &stdout
	err := Exec(t.Context(), cfg, opts)
	if !errors.Is(err, ErrConnectionLost) {
		t.Errorf("Exec: %v, want ErrConnectionLost", err)
	}
	if stdout.String() != "partial" {
		t.Errorf("stdout %q, want %q", stdout.String(), "partial")
	}
}

// TestCanceledBeforeStart: a context that is already done never connects.
func TestCanceledBeforeStart(t *testing.T) {
	cfg := kubeletAPI(t, kubelet.APIOptions{})
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	for _, tr := range []Transport{WebSocket, SPDY} {
		err := Exec(ctx, cfg, Options{Pod: "p", Command: []string{"true"}, Stdout: &bytes.Buffer{}, Transport: tr})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%v: %v, want context.Canceled", tr, err)
		}
	}
}
