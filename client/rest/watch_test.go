package rest

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer/streaming"
	"k8s.io/apimachinery/pkg/watch"

	"github.com/kubegen/kubegen/client/internal/testobjects"
)

// watchStream encodes events as kube-apiserver does for mediaType: each object in the media type,
// wrapped in a metav1.WatchEvent, written by apimachinery's stream serializer and framer.
func watchStream(t testing.TB, mediaType string, events ...watch.Event) []byte {
	t.Helper()
	info, ok := runtime.SerializerInfoForMediaType(testCodecs.SupportedMediaTypes(), mediaType)
	if !ok || info.StreamSerializer == nil {
		t.Fatalf("no stream serializer for %s", mediaType)
	}
	var out bytes.Buffer
	enc := streaming.NewEncoder(info.StreamSerializer.Framer.NewFrameWriter(&out), info.StreamSerializer.Serializer)
	for _, ev := range events {
		raw := encodeAs(t, mediaType, ev.Object)
		if err := enc.Encode(&metav1.WatchEvent{Type: string(ev.Type), Object: runtime.RawExtension{Raw: raw}}); err != nil {
			t.Fatalf("encode watch event: %v", err)
		}
	}
	return out.Bytes()
}

func configMapNamed(name, rv string) *corev1.ConfigMap {
	cm := sampleConfigMap()
	cm.Name, cm.ResourceVersion = name, rv
	return cm
}

func goneStatus() *metav1.Status { return testobjects.GoneStatus() }

// collect reads events until the channel closes; it fails the test rather than hang forever.
func collect(t *testing.T, w watch.Interface) []watch.Event {
	t.Helper()
	var events []watch.Event
	guard := time.NewTimer(30 * time.Second)
	defer guard.Stop()
	for {
		select {
		case ev, ok := <-w.ResultChan():
			if !ok {
				return events
			}
			events = append(events, ev)
		case <-guard.C:
			t.Fatalf("watch did not end; got %d events", len(events))
		}
	}
}

func TestWatchDecodesJSONAndProtobufStreams(t *testing.T) {
	tests := []struct{ clientType, serverType string }{
		{ContentTypeJSON, "application/json"},
		{ContentTypeProtobuf, "application/vnd.kubernetes.protobuf;stream=watch"},
	}
	for _, tt := range tests {
		t.Run(tt.clientType, func(t *testing.T) {
			stream := watchStream(t, tt.clientType,
				watch.Event{Type: watch.Added, Object: configMapNamed("a", "1")},
				watch.Event{Type: watch.Modified, Object: configMapNamed("a", "2")},
				watch.Event{Type: watch.Bookmark, Object: configMapNamed("", "3")},
				watch.Event{Type: watch.Deleted, Object: configMapNamed("a", "4")},
				watch.Event{Type: watch.Error, Object: goneStatus()},
			)
			srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Query().Get("watch") != "true" {
					http.Error(w, "not a watch", http.StatusBadRequest)
					return
				}
				w.Header().Set("Content-Type", tt.serverType)
				for len(stream) > 0 { // dribble the stream out in small writes
					n := min(7, len(stream))
					_, _ = w.Write(stream[:n])
					w.(http.Flusher).Flush()
					stream = stream[n:]
				}
			})
			c := testClient(t, srv.URL, tt.clientType, nil)
			w, err := c.Get().Namespace("team-a").Resource("configmaps").
				VersionedParams(&metav1.ListOptions{Watch: true, ResourceVersion: "1"}, nil).Watch(context.Background())
			if err != nil {
				t.Fatalf("Watch: %v", err)
			}
			events := collect(t, w)
			wantTypes := []watch.EventType{watch.Added, watch.Modified, watch.Bookmark, watch.Deleted, watch.Error}
			if len(events) != len(wantTypes) {
				t.Fatalf("got %d events %v, want %v", len(events), events, wantTypes)
			}
			for i, ev := range events[:4] {
				cm, ok := ev.Object.(*corev1.ConfigMap)
				if ev.Type != wantTypes[i] || !ok || cm.ResourceVersion != string(rune('1'+i)) {
					t.Errorf("event %d = %s %#v, want %s of ConfigMap with resourceVersion %d", i, ev.Type, ev.Object, wantTypes[i], i+1)
				}
			}
			st, ok := events[4].Object.(*metav1.Status)
			if !ok || st.Code != http.StatusGone || st.Reason != metav1.StatusReasonExpired {
				t.Errorf("error event object = %#v, want the 410 Status", events[4].Object)
			}
			if !apierrors.IsResourceExpired(apierrors.FromObject(events[4].Object)) {
				t.Errorf("error event does not convert to an Expired StatusError")
			}
		})
	}
}

// frameHeader is the 4-byte length prefix of a protobuf watch frame holding payload.
func frameHeader(payload []byte) []byte {
	return binary.BigEndian.AppendUint32(nil, uint32(len(payload)))
}

func TestWatchDecoderBrokenStreams(t *testing.T) {
	pbCM := watchStream(t, ContentTypeProtobuf, watch.Event{Type: watch.Added, Object: configMapNamed("a", "1")})
	jsonCM := watchStream(t, ContentTypeJSON, watch.Event{Type: watch.Added, Object: configMapNamed("a", "1")})
	garbageFrame := append(frameHeader(make([]byte, 5)), 0xff, 0xff, 0xff, 0xff, 0xff)
	tests := []struct {
		name        string
		contentType string
		stream      []byte
		wantGood    int // events decoded before the failure
		wantErr     string
	}{
		{"protobuf truncated header", ContentTypeProtobuf, append(bytes.Clone(pbCM), 0, 0), 1, "unexpected EOF"},
		{"protobuf truncated payload", ContentTypeProtobuf, pbCM[:len(pbCM)-3], 0, "unexpected EOF"},
		{"protobuf oversized frame", ContentTypeProtobuf, append(bytes.Clone(pbCM), 0xff, 0xff, 0xff, 0xf0), 1, "larger than the limit"},
		{"protobuf garbage frame", ContentTypeProtobuf, garbageFrame, 0, "invalid watch event"},
		{"json garbage", ContentTypeJSON, []byte("<html>oops</html>"), 0, "expected '{'"},
		{"json truncated", ContentTypeJSON, append(bytes.Clone(jsonCM), jsonCM[:20]...), 1, "unexpected EOF"},
		{"json broken object", ContentTypeJSON, []byte(`{"type":"ADDED","object":{"kind":}}`), 0, "invalid character"},
		{"json broken envelope", ContentTypeJSON, []byte(`{"type":"ADDED","object":{},"x":tru}`), 0, "invalid watch event"},
		{"json oversized", ContentTypeJSON, []byte(`{"type":"ADDED","object":{"data":"` + strings.Repeat("x", 2<<20) + `"}}`), 0, "larger than the limit"},
		{"unknown event type", ContentTypeJSON, []byte(`{"type":"EXPLODED","object":{}}`), 0, `invalid watch event type "EXPLODED"`},
		{"undecodable object", ContentTypeJSON, []byte(`{"type":"ADDED","object":{"kind":"Nope","apiVersion":"v9"}}`), 0, "decoding object of watch event ADDED"},
		{"event without object", ContentTypeJSON, []byte(`{"type":"ADDED"}`), 0, "has no object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := testClient(t, "http://unused", tt.contentType, nil)
			objects, err := c.codecs.decoderFor(tt.contentType)
			if err != nil {
				t.Fatal(err)
			}
			dec, err := NewWatchDecoder(bytes.NewReader(tt.stream), tt.contentType, objects)
			if err != nil {
				t.Fatal(err)
			}
			dec.MaxFrame = 1 << 20
			good := 0
			for {
				ev, err := dec.Decode()
				if err == nil {
					if _, ok := ev.Object.(*corev1.ConfigMap); !ok {
						t.Fatalf("event %d has object %T", good, ev.Object)
					}
					good++
					continue
				}
				if errors.Is(err, io.EOF) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("error = %v, want one containing %q", err, tt.wantErr)
				}
				break
			}
			if good != tt.wantGood {
				t.Errorf("decoded %d good events, want %d", good, tt.wantGood)
			}
		})
	}
}

func TestWatchEndsWithErrorEventOnBrokenStream(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.kubernetes.protobuf;stream=watch")
		_, _ = w.Write([]byte{0xff, 0xff, 0xff, 0xff})
	})
	c := testClient(t, srv.URL, ContentTypeProtobuf, nil)
	w, err := c.Get().Resource("configmaps").Param("watch", "true").Watch(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	events := collect(t, w)
	if len(events) != 1 || events[0].Type != watch.Error {
		t.Fatalf("events = %v, want one ERROR event", events)
	}
	if st, ok := events[0].Object.(*metav1.Status); !ok || !strings.Contains(st.Message, "larger than the limit") {
		t.Errorf("error event object = %#v", events[0].Object)
	}
	w.Stop() // after the end: must not panic or block
}

func TestWatchStopIsPromptAndIdempotent(t *testing.T) {
	first := watchStream(t, ContentTypeJSON, watch.Event{Type: watch.Added, Object: configMapNamed("a", "1")})
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(first)
		w.(http.Flusher).Flush()
		<-r.Context().Done() // never ends on its own
	})
	c := testClient(t, srv.URL, "", nil)
	w, err := c.Get().Resource("configmaps").Param("watch", "true").Watch(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if ev := <-w.ResultChan(); ev.Type != watch.Added {
		t.Fatalf("first event = %v", ev)
	}
	w.Stop()
	w.Stop()
	if events := collect(t, w); len(events) != 0 {
		t.Errorf("events after Stop = %v, want none", events)
	}
}

func TestWatchEndsWhenContextEnds(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	})
	c := testClient(t, srv.URL, "", nil)
	ctx, cancel := context.WithCancel(context.Background())
	w, err := c.Get().Resource("configmaps").Param("watch", "true").Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	if events := collect(t, w); len(events) != 0 {
		t.Errorf("events after cancel = %v, want none", events)
	}
}

func TestWatchEndsQuietlyAtRequestTimeout(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.(http.Flusher).Flush()
		<-r.Context().Done() // ignores the timeout parameter
	})
	c := testClient(t, srv.URL, "", nil)
	w, err := c.Get().Resource("configmaps").Param("watch", "true").Timeout(50 * time.Millisecond).Watch(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if events := collect(t, w); len(events) != 0 {
		t.Errorf("events at timeout = %v, want none", events)
	}
}

func TestWatchAndStreamFailures(t *testing.T) {
	forbidden := encodeAs(t, ContentTypeJSON, &metav1.Status{TypeMeta: metav1.TypeMeta{Kind: "Status", APIVersion: "v1"},
		Status: metav1.StatusFailure, Code: 403, Reason: metav1.StatusReasonForbidden, Message: "forbidden: no watching"})
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/api/v1/forbidden":
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusForbidden)
			_, _ = w.Write(forbidden)
		case "/api/v1/html":
			w.Header().Set("Content-Type", "text/html")
			_, _ = w.Write([]byte("<html></html>"))
		default:
			http.NotFound(w, r)
		}
	})
	c := testClient(t, srv.URL, "", nil)
	if _, err := c.Get().Resource("forbidden").Watch(context.Background()); !apierrors.IsForbidden(err) {
		t.Errorf("Watch error = %v, want Forbidden", err)
	}
	if _, err := c.Get().Resource("html").Watch(context.Background()); err == nil || !strings.Contains(err.Error(), "text/html") {
		t.Errorf("Watch error = %v, want an unsupported content type error", err)
	}
	if _, err := c.Get().Resource("forbidden").Stream(context.Background()); !apierrors.IsForbidden(err) {
		t.Errorf("Stream error = %v, want Forbidden", err)
	}
	if _, err := c.Get().Resource("missing").Stream(context.Background()); !apierrors.IsNotFound(err) {
		t.Errorf("Stream error = %v, want NotFound", err)
	}
}

func TestStreamReadsBodyAsItArrives(t *testing.T) {
	release := make(chan struct{})
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/v1/namespaces/ns/pods/p/log" || r.URL.Query().Get("follow") != "true" {
			http.NotFound(w, r)
			return
		}
		_, _ = io.WriteString(w, "line 1\n")
		w.(http.Flusher).Flush()
		<-release
		_, _ = io.WriteString(w, "line 2\n")
	})
	c := testClient(t, srv.URL, "", nil)
	body, err := c.Get().Namespace("ns").Resource("pods").Name("p").SubResource("log").Param("follow", "true").
		Stream(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer body.Close()
	buf := make([]byte, 7)
	if _, err := io.ReadFull(body, buf); err != nil || string(buf) != "line 1\n" {
		t.Fatalf("first line = %q, %v", buf, err)
	}
	close(release)
	rest, err := io.ReadAll(body)
	if err != nil || string(rest) != "line 2\n" {
		t.Errorf("rest = %q, %v", rest, err)
	}
}
