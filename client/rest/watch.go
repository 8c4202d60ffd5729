package rest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/watch"
)

// Watch sends the request, which should ask for a watch (watch=true in its ListOptions), and decodes
// the event stream: JSON (one metav1.WatchEvent after another) or protobuf (length-prefixed frames),
// as the response's Content-Type says. Each event's object is decoded by the client's serializer.
//
// An ERROR event carries the server's *metav1.Status. A stream that breaks (truncated, garbage or
// oversized frame, undecodable object) ends with one ERROR event whose Status describes the problem,
// then the result channel closes. A clean end of stream, Stop, the end of ctx or of the request's
// Timeout close the channel without an ERROR event. Stop is prompt and may be called more than once.
func (r *Request) Watch(ctx context.Context) (watch.Interface, error) {
	resp, ctx, cancel, err := r.open(ctx)
	if err != nil {
		return nil, err
	}
	dec, err := r.c.watchDecoderFor(resp)
	if err != nil {
		resp.Body.Close()
		cancel()
		return nil, err
	}
	return newStreamWatcher(ctx, dec, resp.Body, cancel), nil
}

func (c *RESTClient) watchDecoderFor(resp *http.Response) (*WatchDecoder, error) {
	ct := resp.Header.Get("Content-Type")
	objects, err := c.codecs.decoderFor(ct)
	if err != nil {
		return nil, fmt.Errorf("rest: cannot decode watch stream: %w", err)
	}
	dec, err := NewWatchDecoder(resp.Body, ct, objects)
	switch {
	case err != nil:
	case c.codecs.slow:
		dec.direct, dec.proto, dec.slow = nil, nil, true
	default: // what one watch learns serves the next
		if dec.direct != nil && c.codecs.jsonDirect != nil {
			dec.direct = c.codecs.jsonDirect
		}
		if dec.proto != nil && c.codecs.direct != nil {
			dec.proto = c.codecs.direct
		}
	}
	return dec, err
}

// streamWatcher turns a WatchDecoder into a watch.Interface.
type streamWatcher struct {
	ctx    context.Context
	dec    *WatchDecoder
	body   io.Closer
	cancel context.CancelFunc
	result chan watch.Event
	done   chan struct{}
	once   sync.Once
}

func newStreamWatcher(ctx context.Context, dec *WatchDecoder, body io.Closer, cancel context.CancelFunc) *streamWatcher {
	w := &streamWatcher{ctx: ctx, dec: dec, body: body, cancel: cancel,
		result: make(chan watch.Event), done: make(chan struct{})}
	go w.receive()
	return w
}

// ResultChan returns the channel of events; it is closed when the watch ends.
func (w *streamWatcher) ResultChan() <-chan watch.Event { return w.result }

// Stop ends the watch: the connection is closed and the result channel closes soon after.
func (w *streamWatcher) Stop() {
	w.once.Do(func() {
		close(w.done)
		w.cancel()
		_ = w.body.Close()
	})
}

func (w *streamWatcher) receive() {
	defer close(w.result)
	defer w.Stop()
	for {
		ev, err := w.next()
		if err != nil {
			if w.stopped() || errors.Is(err, io.EOF) {
				return
			}
			ev = watch.Event{Type: watch.Error, Object: watchFailure(err)}
		}
		select {
		case w.result <- ev:
		case <-w.done:
			return
		}
		if err != nil {
			return
		}
	}
}

// next decodes one event, turning a panic in a decoder into an error.
func (w *streamWatcher) next() (ev watch.Event, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("decoder panicked: %v", p)
		}
	}()
	return w.dec.Decode()
}

func (w *streamWatcher) stopped() bool {
	select {
	case <-w.done:
		return true
	default:
		return w.ctx.Err() != nil
	}
}

// watchFailure is the Status of the ERROR event that ends a broken watch stream.
func watchFailure(err error) *metav1.Status {
	return &metav1.Status{
		TypeMeta: metav1.TypeMeta{Kind: "Status", APIVersion: "v1"},
		Status:   metav1.StatusFailure,
		Code:     http.StatusInternalServerError,
		Reason:   metav1.StatusReasonInternalError,
		Message:  "rest: watch stream broken: " + err.Error(),
	}
}
