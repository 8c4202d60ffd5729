package portforward

import (
	"bytes"
	"crypto/rand"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gorilla/websocket"

	"github.com/kubegen/kubegen/client/internal/upgrade"
)

// wsPair connects a tunnelConn to a WebSocket server running serve.
func wsPair(t *testing.T, serve func(*websocket.Conn)) *tunnelConn {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := (&websocket.Upgrader{}).Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer c.Close()
		serve(c)
	}))
	t.Cleanup(srv.Close)
	ws, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(srv.URL, "http"), nil)
	if err != nil {
		t.Fatal(err)
	}
	c := newTunnelConn(ws)
	t.Cleanup(func() { c.Close() })
	return c
}

// TestTunnelConnStream: writes larger than a message are split, and reads join messages back into
// one byte stream.
func TestTunnelConnStream(t *testing.T) {
	sizes := make(chan int, 16)
	c := wsPair(t, func(ws *websocket.Conn) {
		for {
			kind, msg, err := ws.ReadMessage()
			if err != nil {
				close(sizes)
				return
			}
			sizes <- len(msg)
			if ws.WriteMessage(kind, msg) != nil {
				return
			}
		}
	})
	payload := make([]byte, 3*upgrade.MaxMessageSize+10)
	_, _ = rand.Read(payload)
	if n, err := c.Write(payload); err != nil || n != len(payload) {
		t.Fatalf("Write = %d, %v", n, err)
	}
	got := make([]byte, len(payload))
	if _, err := io.ReadFull(c, got); err != nil {
		t.Fatalf("ReadFull: %v", err)
	}
	if !bytes.Equal(got, payload) {
		t.Fatal("the stream came back different")
	}
	c.Close()
	var messages []int
	for n := range sizes {
		messages = append(messages, n)
	}
	want := []int{upgrade.MaxMessageSize, upgrade.MaxMessageSize, upgrade.MaxMessageSize, 10}
	if len(messages) != len(want) {
		t.Fatalf("message sizes %v, want %v", messages, want)
	}
	for i := range want {
		if messages[i] != want[i] {
			t.Fatalf("message sizes %v, want %v", messages, want)
		}
	}
}

// TestTunnelConnEnds: a normal close reads as EOF; a text message is a protocol error.
func TestTunnelConnEnds(t *testing.T) {
	closed := wsPair(t, func(ws *websocket.Conn) {
		_ = ws.WriteMessage(websocket.BinaryMessage, []byte("bye"))
		_ = ws.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseNormalClosure, ""))
		_, _, _ = ws.ReadMessage()
	})
	if got, err := io.ReadAll(closed); err != nil || string(got) != "bye" {
		t.Errorf("ReadAll after a normal close = %q, %v; want \"bye\", nil", got, err)
	}
	text := wsPair(t, func(ws *websocket.Conn) {
		_ = ws.WriteMessage(websocket.TextMessage, []byte("hello"))
		_, _, _ = ws.ReadMessage()
	})
	if _, err := text.Read(make([]byte, 8)); err == nil || !strings.Contains(err.Error(), "non-binary") {
		t.Errorf("Read of a text message: %v, want a protocol error", err)
	}
}
