package rest

import (
	"context"
	"io"
)

// ResponseWrapper is a request that can be sent for its whole raw body or for a stream of it: what
// the proxy helpers of the blessed clientset (ProxyGet) return, as client-go's do.
type ResponseWrapper interface {
	// DoRaw sends the request and returns the body of a successful answer.
	DoRaw(ctx context.Context) ([]byte, error)
	// Stream sends the request and returns the body to read as it arrives.
	Stream(ctx context.Context) (io.ReadCloser, error)
}

var _ ResponseWrapper = (*Request)(nil)
