package rest

import (
	"context"
	"io"
	"net/http"
	"sync"
)

// Stream sends the request and returns the response body to read as it arrives, e.g. container logs.
// The caller must close it. A non-2xx answer is returned as an *apierrors.StatusError instead. The
// request's Timeout, if set, covers reading the body too; Config.Timeout does not apply to streams.
func (r *Request) Stream(ctx context.Context) (io.ReadCloser, error) {
	resp, _, cancel, err := r.open(ctx)
	if err != nil {
		return nil, err
	}
	return &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}, nil
}

// open sends the request and returns a 2xx response whose body the caller owns, with the context the
// body lives in (bounded by Request.Timeout) and its cancel function. Non-2xx answers become
// StatusErrors.
func (r *Request) open(ctx context.Context) (*http.Response, context.Context, context.CancelFunc, error) {
	var cancel context.CancelFunc
	if r.timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, r.timeout)
	} else {
		ctx, cancel = context.WithCancel(ctx)
	}
	var resp *http.Response
	var failure error
	err := r.send(ctx, false, func(rsp *http.Response) {
		if success(rsp.StatusCode) {
			handleWarnings(r.c.warnings, rsp.Header)
			resp = rsp
			return
		}
		failure = r.readResult(rsp).err
	})
	if err == nil {
		err = failure
	}
	if err != nil {
		cancel()
		return nil, nil, nil, err
	}
	return resp, ctx, cancel, nil
}

// cancelOnClose releases the request's context when the body is closed.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
	once   sync.Once
}

// Close closes the body and cancels the request's context.
func (c *cancelOnClose) Close() error {
	err := c.ReadCloser.Close()
	c.once.Do(c.cancel)
	return err
}
