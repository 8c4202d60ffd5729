package rest

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/watch"
)

func TestDoIntoNegotiatesContentType(t *testing.T) {
	tests := []struct {
		name, clientType, serverType, wantResponseType string
	}{
		{"json", "", "", ContentTypeJSON},
		{"protobuf", ContentTypeProtobuf, "", ContentTypeProtobuf},
		{"protobuf client, json answer", ContentTypeProtobuf, ContentTypeJSON, ContentTypeJSON},
		{"json client, protobuf answer", ContentTypeJSON, ContentTypeProtobuf, ContentTypeProtobuf},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
				mt := tt.serverType
				if mt == "" {
					mt = strings.TrimSpace(strings.Split(r.Header.Get("Accept"), ",")[0])
				}
				w.Header().Set("Content-Type", mt)
				_, _ = w.Write(encodeAs(t, mt, sampleConfigMap()))
			})
			c := testClient(t, srv.URL, tt.clientType, nil)
			var got corev1.ConfigMap
			res := c.Get().Namespace("team-a").Resource("configmaps").Name("settings").Do(context.Background())
			if err := res.Into(&got); err != nil {
				t.Fatalf("Into: %v", err)
			}
			if res.ContentType() != tt.wantResponseType {
				t.Errorf("ContentType() = %q, want %q", res.ContentType(), tt.wantResponseType)
			}
			want := sampleConfigMap()
			if got.Name != want.Name || got.ResourceVersion != want.ResourceVersion || got.Data["greeting"] != "hello world" ||
				got.Labels["tier"] != "frontend" || !got.CreationTimestamp.Equal(&want.CreationTimestamp) {
				t.Errorf("decoded %+v, want %+v", got, want)
			}
			obj, err := res.Get()
			if err != nil {
				t.Fatalf("Get: %v", err)
			}
			if cm, ok := obj.(*corev1.ConfigMap); !ok || cm.Data["mode"] != "fast" {
				t.Errorf("Get() = %#v, want the ConfigMap", obj)
			}
		})
	}
}

func TestDoPostRoundTripsBody(t *testing.T) {
	for _, ct := range []string{ContentTypeJSON, ContentTypeProtobuf} {
		t.Run(ct, func(t *testing.T) {
			srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
				body, _ := io.ReadAll(r.Body)
				obj, _, err := testCodecs.UniversalDeserializer().Decode(body, nil, nil)
				if err != nil || r.Method != http.MethodPost || r.URL.Path != "/api/v1/namespaces/team-a/configmaps" {
					http.Error(w, "bad request", http.StatusBadRequest)
					return
				}
				obj.(*corev1.ConfigMap).ResourceVersion = "1"
				mt := mediaTypeOnly(r.Header.Get("Content-Type"))
				w.Header().Set("Content-Type", mt)
				w.WriteHeader(http.StatusCreated)
				_, _ = w.Write(encodeAs(t, mt, obj))
			})
			c := testClient(t, srv.URL, ct, nil)
			var got corev1.ConfigMap
			var code int
			err := c.Post().Namespace("team-a").Resource("configmaps").Body(sampleConfigMap()).
				Do(context.Background()).StatusCode(&code).Into(&got)
			if err != nil {
				t.Fatalf("Do: %v", err)
			}
			if code != http.StatusCreated || got.ResourceVersion != "1" || got.Data["replicas"] != "3" {
				t.Errorf("got code %d and %+v", code, got)
			}
		})
	}
}

func TestServerErrorsBecomeStatusErrors(t *testing.T) {
	notFound := &metav1.Status{TypeMeta: metav1.TypeMeta{Kind: "Status", APIVersion: "v1"}, Status: metav1.StatusFailure,
		Code: 404, Reason: metav1.StatusReasonNotFound, Message: `configmaps "settings" not found`}
	conflict := &metav1.Status{TypeMeta: metav1.TypeMeta{Kind: "Status", APIVersion: "v1"}, Status: metav1.StatusFailure,
		Code: 409, Reason: metav1.StatusReasonConflict, Message: "the object has been modified"}
	tests := []struct {
		name        string
		code        int
		contentType string
		body        []byte
		is          func(error) bool
		wantMessage string
	}{
		{"json status", 404, ContentTypeJSON, encodeAs(t, ContentTypeJSON, notFound), apierrors.IsNotFound, `configmaps "settings" not found`},
		{"protobuf status", 409, ContentTypeProtobuf, encodeAs(t, ContentTypeProtobuf, conflict), apierrors.IsConflict, "the object has been modified"},
		{"html from a proxy", 502, "text/html", []byte("<html><body><h1>502 Bad Gateway</h1></body></html>"),
			apierrors.IsUnexpectedServerError, "502 Bad Gateway"},
		{"empty forbidden", 403, "", nil, apierrors.IsForbidden, ""},
		{"empty not found", 404, ContentTypeJSON, nil, apierrors.IsNotFound, "could not find the requested resource"},
		{"plain text unauthorized", 401, "text/plain", []byte("Unauthorized\n"), apierrors.IsUnauthorized, "provide credentials"},
		{"json that is not a status", 500, ContentTypeJSON, []byte(`{"error":"boom"}`), apierrors.IsInternalError, `boom`},
		{"binary garbage", 500, ContentTypeProtobuf, []byte("k8s\x00\xff\xff\xff"), apierrors.IsInternalError, "binary data"},
		{"huge html is trimmed", 503, "text/html", []byte(strings.Repeat("x", 100000)), apierrors.IsServiceUnavailable, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
				if tt.contentType != "" {
					w.Header().Set("Content-Type", tt.contentType)
				}
				w.WriteHeader(tt.code)
				_, _ = w.Write(tt.body)
			})
			c := testClient(t, srv.URL, ContentTypeProtobuf, nil)
			var cm corev1.ConfigMap
			err := c.Get().Namespace("team-a").Resource("configmaps").Name("settings").Do(context.Background()).Into(&cm)
			var se *apierrors.StatusError
			if !errors.As(err, &se) {
				t.Fatalf("error %v (%T) is not a *StatusError", err, err)
			}
			if !tt.is(err) {
				t.Errorf("error %v has the wrong reason %q", err, se.ErrStatus.Reason)
			}
			if int(se.ErrStatus.Code) != tt.code {
				t.Errorf("code = %d, want %d", se.ErrStatus.Code, tt.code)
			}
			if !strings.Contains(err.Error(), tt.wantMessage) {
				t.Errorf("message %q does not contain %q", err.Error(), tt.wantMessage)
			}
			if len(err.Error()) > 2*maxErrorMessage+200 {
				t.Errorf("message is %d bytes long, want it trimmed", len(err.Error()))
			}
		})
	}
}

func TestRetries(t *testing.T) {
	tests := []struct {
		name        string
		req         func(c *RESTClient) *Request
		failures    int
		failCode    int
		retryAfter  string
		wantHits    int32
		wantWaits   []time.Duration
		wantSuccess bool
	}{
		{"get retried after 429", func(c *RESTClient) *Request { return c.Get().Resource("pods") },
			2, 429, "3", 3, []time.Duration{3 * time.Second, 3 * time.Second}, true},
		{"get retried after 503", func(c *RESTClient) *Request { return c.Get().Resource("pods") },
			1, 503, "1", 2, []time.Duration{time.Second}, true},
		{"zero retry-after backs off", func(c *RESTClient) *Request { return c.Get().Resource("pods") },
			2, 500, "0", 3, []time.Duration{100 * time.Millisecond, 200 * time.Millisecond}, true},
		{"no retry-after, no retry", func(c *RESTClient) *Request { return c.Get().Resource("pods") },
			1, 503, "", 1, nil, false},
		{"post not retried after 503", func(c *RESTClient) *Request { return c.Post().Resource("pods").Body([]byte("{}")) },
			1, 503, "1", 1, nil, false},
		{"post retried after 429", func(c *RESTClient) *Request { return c.Post().Resource("pods").Body([]byte("{}")) },
			1, 429, "1", 2, []time.Duration{time.Second}, true},
		{"reader body not retried", func(c *RESTClient) *Request { return c.Put().Resource("pods").Body(strings.NewReader("{}")) },
			1, 429, "1", 1, nil, false},
		{"bounded", func(c *RESTClient) *Request { return c.Get().Resource("pods").MaxRetries(2) },
			10, 429, "1", 3, []time.Duration{time.Second, time.Second}, false},
		{"retries off", func(c *RESTClient) *Request { return c.Get().Resource("pods").MaxRetries(0) },
			10, 429, "1", 1, nil, false},
		{"4xx not retried", func(c *RESTClient) *Request { return c.Get().Resource("pods") },
			1, 404, "1", 1, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var hits atomic.Int32
			srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
				body, _ := io.ReadAll(r.Body)
				if r.Method != http.MethodGet && string(body) != "{}" {
					http.Error(w, "body not replayed: "+string(body), http.StatusBadRequest)
					return
				}
				if int(hits.Add(1)) <= tt.failures {
					if tt.retryAfter != "" {
						w.Header().Set("Retry-After", tt.retryAfter)
					}
					w.WriteHeader(tt.failCode)
					return
				}
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte(`{"kind":"PodList","apiVersion":"v1","items":[]}`))
			})
			var waits []time.Duration
			c := testClient(t, srv.URL, "", &waits)
			err := tt.req(c).Do(context.Background()).Error()
			if (err == nil) != tt.wantSuccess {
				t.Errorf("error = %v, want success %v", err, tt.wantSuccess)
			}
			if err != nil && !apierrors.IsTooManyRequests(err) && tt.failCode == 429 {
				t.Errorf("error = %v, want TooManyRequests", err)
			}
			if got := hits.Load(); got != tt.wantHits {
				t.Errorf("server saw %d requests, want %d", got, tt.wantHits)
			}
			if len(waits) != len(tt.wantWaits) {
				t.Fatalf("waits = %v, want %v", waits, tt.wantWaits)
			}
			for i := range waits {
				if waits[i] != tt.wantWaits[i] {
					t.Errorf("waits = %v, want %v", waits, tt.wantWaits)
				}
			}
		})
	}
}

func TestContextCancellation(t *testing.T) {
	arrived := make(chan struct{})
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		close(arrived)
		<-r.Context().Done()
	})
	c := testClient(t, srv.URL, "", nil)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-arrived
		cancel()
	}()
	err := c.Get().Resource("pods").Do(ctx).Error()
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error = %v, want context.Canceled", err)
	}
}

func TestRequestTimeoutSetsDeadline(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	c := testClient(t, srv.URL, "", nil)
	err := c.Get().Resource("pods").Timeout(20 * time.Millisecond).Do(context.Background()).Error()
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v, want context.DeadlineExceeded", err)
	}
}

func TestRetryWaitHonoursContext(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusTooManyRequests)
	})
	c := testClient(t, srv.URL, "", nil)
	c.wait = waitRetry
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := c.Get().Resource("pods").Do(ctx).Error(); !errors.Is(err, context.Canceled) {
		t.Errorf("error = %v, want context.Canceled", err)
	}
	ctx, cancel = context.WithCancel(context.Background())
	c.limiter = cancelOnSecondWait{cancel: cancel, n: new(atomic.Int32)}
	if err := c.Get().Resource("pods").Do(ctx).Error(); !errors.Is(err, context.Canceled) {
		t.Errorf("error = %v, want context.Canceled while waiting to retry", err)
	}
}

// cancelOnSecondWait is a RateLimiter that cancels the request's context when asked for a second
// token, to prove a long Retry-After wait ends when the context does.
type cancelOnSecondWait struct {
	cancel context.CancelFunc
	n      *atomic.Int32
}

func (l cancelOnSecondWait) Wait(ctx context.Context) error {
	if l.n.Add(1) == 1 {
		go l.cancel()
		return nil
	}
	return ctx.Err()
}
func (l cancelOnSecondWait) TryAccept() bool { return true }
func (l cancelOnSecondWait) QPS() float32    { return 1 }
func (l cancelOnSecondWait) Stop()           {}

func TestReadsAllBodyWhenServerLiesAboutLength(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"x"}}`))
	})
	c := testClient(t, srv.URL, "", nil)
	raw, err := c.Get().AbsPath("/x").DoRaw(context.Background())
	if err != nil || !strings.HasSuffix(string(raw), `"x"}}`) {
		t.Errorf("DoRaw = %q, %v", raw, err)
	}
	var obj runtime.Unknown
	_ = obj
}

func TestConfigTimeoutBoundsDoButNotWatch(t *testing.T) {
	events := watchStream(t, ContentTypeJSON,
		watch.Event{Type: watch.Added, Object: configMapNamed("a", "1")},
		watch.Event{Type: watch.Added, Object: configMapNamed("b", "2")})
	half := bytes.IndexByte(events[1:], '{') + 1
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("watch") != "true" {
			<-r.Context().Done()
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(events[:half])
		w.(http.Flusher).Flush()
		time.Sleep(100 * time.Millisecond) // longer than Config.Timeout
		_, _ = w.Write(events[half:])
	})
	cfg := testConfig(srv.URL, "")
	cfg.Timeout = 20 * time.Millisecond
	c, err := RESTClientFor(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Get().Resource("configmaps").Do(context.Background()).Error(); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Do error = %v, want context.DeadlineExceeded from Config.Timeout", err)
	}
	w, err := c.Get().Resource("configmaps").Param("watch", "true").Watch(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got := collect(t, w); len(got) != 2 {
		t.Errorf("watch delivered %d events, want 2: Config.Timeout must not cut watches", len(got))
	}
}

func TestDroppedConnectionRetriedForIdempotentRequests(t *testing.T) {
	tests := []struct {
		name     string
		req      func(c *RESTClient) *Request
		wantHits int32
		wantOK   bool
	}{
		{"get", func(c *RESTClient) *Request { return c.Get().Resource("pods") }, 2, true},
		{"post", func(c *RESTClient) *Request { return c.Post().Resource("pods").Body([]byte("{}")) }, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var hits atomic.Int32
			srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
				if hits.Add(1) == 1 {
					conn, _, err := w.(http.Hijacker).Hijack()
					if err == nil {
						conn.Close() // drop the connection without an answer
					}
					return
				}
				_, _ = w.Write([]byte("{}"))
			})
			cfg := testConfig(srv.URL, "")
			cfg.Transport = &http.Transport{DisableKeepAlives: true} // every attempt on a fresh connection
			c, err := RESTClientFor(cfg)
			if err != nil {
				t.Fatal(err)
			}
			c.wait = func(context.Context, time.Duration) error { return nil }
			err = tt.req(c).Do(context.Background()).Error()
			if (err == nil) != tt.wantOK || hits.Load() != tt.wantHits {
				t.Errorf("error = %v after %d requests; want success %v after %d", err, hits.Load(), tt.wantOK, tt.wantHits)
			}
		})
	}
}

func TestErrorBodyIsBounded(t *testing.T) {
	huge := strings.Repeat("<p>error</p>", 5<<20/12)
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		_, _ = io.WriteString(w, huge)
	})
	c := testClient(t, srv.URL, "", nil)
	body, err := c.Get().Resource("pods").DoRaw(context.Background())
	if !apierrors.IsInternalError(err) && !apierrors.IsUnexpectedServerError(err) {
		t.Errorf("error = %v, want a 502 StatusError", err)
	}
	if len(body) != maxErrorBody {
		t.Errorf("read %d bytes of a %d-byte error page, want %d", len(body), len(huge), maxErrorBody)
	}
}

func TestClientIsSafeForConcurrentUse(t *testing.T) {
	body := encodeAs(t, ContentTypeProtobuf, sampleConfigMap())
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", ContentTypeProtobuf)
		_, _ = w.Write(body)
	})
	c := testClient(t, srv.URL, ContentTypeProtobuf, nil)
	errs := make(chan error, 16)
	for range 16 {
		go func() {
			var err error
			for range 10 {
				var cm corev1.ConfigMap
				if err = c.Get().Namespace("team-a").Resource("configmaps").Name("settings").Do(context.Background()).Into(&cm); err == nil && cm.Data["mode"] != "fast" {
					err = errors.New("wrong object decoded")
				}
				if err != nil {
					break
				}
			}
			errs <- err
		}()
	}
	for range 16 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

func TestTruncatedBodyIsAnError(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		_, _ = buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"kind\":")
		_ = buf.Flush()
	})
	c := testClient(t, srv.URL, "", nil)
	_, err := c.Get().Resource("pods").MaxRetries(0).DoRaw(context.Background())
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("error = %v, want io.ErrUnexpectedEOF for a body shorter than its Content-Length", err)
	}
}
