package rest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/kubegen/kubegen/client/metrics"
)

// maxPresize bounds the body buffer allocated up front from Content-Length.
const maxPresize = 16 << 20

// maxErrorBody bounds how much of a non-2xx body is read: enough for any Status, not a whole
// misdirected download.
const maxErrorBody = 1 << 20

// Do sends the request, retrying as allowed, reads the whole response and returns it as a Result.
// A non-2xx answer makes Result.Error an *apierrors.StatusError.
func (r *Request) Do(ctx context.Context) Result {
	var res Result
	err := r.send(ctx, true, func(resp *http.Response) {
		res = r.readResult(resp)
		r.observeResponseSize(ctx, res.body)
	})
	if err != nil {
		return Result{err: err, codecs: r.c.codecs}
	}
	return res
}

// DoRaw sends the request and returns the response body. For a non-2xx answer it returns the body and
// an *apierrors.StatusError.
func (r *Request) DoRaw(ctx context.Context) ([]byte, error) {
	return r.Do(ctx).Raw()
}

// readResult reads and closes resp's body and builds the Result.
func (r *Request) readResult(resp *http.Response) Result {
	defer resp.Body.Close()
	res := Result{
		contentType: resp.Header.Get("Content-Type"),
		statusCode:  resp.StatusCode,
		warnings:    handleWarnings(r.c.warnings, resp.Header),
		codecs:      r.c.codecs,
	}
	var src io.Reader = resp.Body
	length := resp.ContentLength
	if !success(resp.StatusCode) {
		src = io.LimitReader(resp.Body, maxErrorBody)
		if length > maxErrorBody {
			length = -1
		}
	}
	body, err := readBody(src, length)
	if err != nil {
		res.err = fmt.Errorf("rest: reading response of %s %s: %w", r.verb, r.URL().Redacted(), err)
		return res
	}
	res.body = body
	if !success(resp.StatusCode) {
		res.err = r.statusError(resp.StatusCode, res.contentType, body, retryAfterSeconds(resp))
	}
	return res
}

func success(code int) bool { return code >= 200 && code < 300 }

// readBody reads all of body into a buffer sized from the Content-Length n when the server sent one,
// and into one of the exact size (readUnsized) when it did not.
func readBody(body io.Reader, n int64) ([]byte, error) {
	if n < 0 || n > maxPresize {
		return readUnsized(body)
	}
	buf := make([]byte, n+1) // one spare byte so that EOF is seen without growing
	read, err := io.ReadFull(body, buf)
	switch {
	case (err == io.ErrUnexpectedEOF || err == io.EOF) && int64(read) == n:
		return buf[:read], nil
	case err == io.EOF:
		return nil, io.ErrUnexpectedEOF // shorter than announced
	case err != nil:
		return nil, err
	}
	rest, err := io.ReadAll(body) // more than announced
	return append(buf, rest...), err
}

// bodyChunk is the size of the reused buffers readUnsized reads into.
const bodyChunk = 64 << 10

// bodyChunks holds *[]byte of bodyChunk bytes. Like any sync.Pool it holds nothing after two
// collections without use.
var bodyChunks = sync.Pool{New: func() any { b := make([]byte, bodyChunk); return &b }}

// readUnsized reads all of body, of unknown length, into reused chunks and copies them into one
// buffer of the exact size, the only allocation that outlives the call. A list page comes chunked,
// without Content-Length: io.ReadAll would also allocate its growing intermediate buffers, about
// as many bytes again as the body, garbage that an informer's list leaves on top of its cache.
func readUnsized(body io.Reader) ([]byte, error) {
	var chunks []*[]byte
	defer func() {
		for _, c := range chunks {
			bodyChunks.Put(c)
		}
	}()
	total, fill := 0, bodyChunk // fill: bytes in the last chunk
	for {
		if fill == bodyChunk {
			chunks = append(chunks, bodyChunks.Get().(*[]byte))
			fill = 0
		}
		n, err := body.Read((*chunks[len(chunks)-1])[fill:])
		fill += n
		total += n
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	out := make([]byte, total)
	at := 0
	for _, c := range chunks {
		at += copy(out[at:], *c)
	}
	return out, nil
}

// send applies the timeout and rate limiter, sends the request and retries as allowed, then hands
// the final response to fn. The response body is fn's to close. With bounded set, the request's
// context is cancelled when send returns, so fn must finish with the body.
func (r *Request) send(ctx context.Context, bounded bool, fn func(*http.Response)) error {
	if r.err != nil {
		return r.err
	}
	m := metrics.Registered()
	if m != nil && m.RequestLatency != nil {
		defer r.observeLatency(ctx, m.RequestLatency, time.Now())
	}
	if timeout := r.doTimeout(); timeout > 0 && bounded {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	for attempt := 0; ; attempt++ {
		resp, wait, err := r.attempt(ctx, attempt, m)
		switch {
		case err != nil:
			return err
		case resp != nil:
			fn(resp)
			return nil
		}
		if err := r.c.wait(ctx, wait); err != nil {
			return err
		}
	}
}

// attempt sends the request once, reporting to m when it is not nil. It returns the response to use,
// or how long to wait before the next attempt, or an error that ends the request.
func (r *Request) attempt(ctx context.Context, attempt int, m *metrics.RegisterOpts) (*http.Response, time.Duration, error) {
	if err := r.throttle(ctx, m); err != nil {
		return nil, 0, err
	}
	req, err := r.HTTPRequest(ctx)
	if err != nil {
		return nil, 0, err
	}
	resp, err := r.c.client.Do(req)
	if m != nil {
		r.observeAttempt(ctx, m, attempt, resp)
	}
	retry := attempt < r.maxRetries && r.replayable()
	if err != nil {
		if retry && r.idempotent() && isConnectionDrop(err) && ctx.Err() == nil {
			return nil, backoff(attempt), nil
		}
		return nil, 0, sendError(r.verb, req.URL, err)
	}
	if wait, ok := r.retryAfter(resp, attempt); ok && retry {
		drainAndClose(resp.Body)
		return nil, wait, nil
	}
	return resp, 0, nil
}

// doTimeout bounds Do: the request's own Timeout, else Config.Timeout.
func (r *Request) doTimeout() time.Duration {
	if r.timeout > 0 {
		return r.timeout
	}
	return r.c.timeout
}

// throttle waits for the rate limiter, reporting the wait to m when it is not nil.
func (r *Request) throttle(ctx context.Context, m *metrics.RegisterOpts) error {
	if r.c.limiter == nil {
		return nil
	}
	if m != nil && m.RateLimiterLatency != nil {
		defer r.observeLatency(ctx, m.RateLimiterLatency, time.Now())
	}
	if err := r.c.limiter.Wait(ctx); err != nil {
		return fmt.Errorf("rest: client rate limiter: %w", err)
	}
	return nil
}

// retryAfter reports whether resp asks to be retried (429 or 5xx with Retry-After) and may be for this
// request, and how long to wait first.
func (r *Request) retryAfter(resp *http.Response, attempt int) (time.Duration, bool) {
	code := resp.StatusCode
	if code != http.StatusTooManyRequests && code < 500 {
		return 0, false
	}
	secs := retryAfterSeconds(resp)
	if secs < 0 || (code != http.StatusTooManyRequests && !r.idempotent()) {
		return 0, false
	}
	if secs == 0 {
		return backoff(attempt), true
	}
	return time.Duration(secs) * time.Second, true
}

// retryAfterSeconds returns the Retry-After header as seconds, or -1 when absent or not a number.
func retryAfterSeconds(resp *http.Response) int {
	v := resp.Header.Get("Retry-After")
	if v == "" {
		return -1
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return -1
	}
	return n
}

// backoff is the wait before retry number attempt+1 when the server gave none: 100ms doubling, at most
// 10s.
func backoff(attempt int) time.Duration {
	return min(100*time.Millisecond<<min(attempt, 10), 10*time.Second)
}

// idempotent reports whether sending the request twice has the effect of sending it once.
func (r *Request) idempotent() bool {
	switch r.verb {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodPut, http.MethodDelete:
		return true
	}
	return false
}

// replayable reports whether the body can be sent again.
func (r *Request) replayable() bool { return r.bodyReader == nil }

// waitRetry sleeps for d or until ctx is done.
func waitRetry(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("rest: waiting to retry: %w", context.Cause(ctx))
	}
}

func isConnectionDrop(err error) bool {
	return errors.Is(err, syscall.ECONNRESET) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, io.EOF)
}

func drainAndClose(body io.ReadCloser) {
	_, _ = io.CopyN(io.Discard, body, 64<<10)
	_ = body.Close()
}

// RequestError is a request that got no answer: the connection could not be made or broke. Its message
// names the method and URL once; it unwraps to the *url.Error net/http returned, and through it to the
// net.Error beneath, so errors.As works as with client-go.
type RequestError struct {
	// Method and URL (password redacted) of the request.
	Method, URL string
	// Err is the *url.Error from net/http, or another error when there was none.
	Err error
}

// Error formats the error as "rest: METHOD URL: CAUSE".
func (e *RequestError) Error() string {
	return "rest: " + e.Method + " " + e.URL + ": " + unwrapURLError(e.Err).Error()
}

// Unwrap returns the *url.Error.
func (e *RequestError) Unwrap() error { return e.Err }

func sendError(verb string, u *url.URL, err error) error {
	return &RequestError{Method: verb, URL: u.Redacted(), Err: err}
}

// unwrapURLError drops *url.Error's wrapper, whose message repeats the method and URL.
func unwrapURLError(err error) error {
	if ue, ok := err.(*url.Error); ok && ue.Err != nil {
		return ue.Err
	}
	return err
}
