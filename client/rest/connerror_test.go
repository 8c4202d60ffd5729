package rest

import (
	"context"
	"errors"
	"net"
	"net/url"
	"strings"
	"testing"
)

// TestIssue10_ConnectionErrorsKeepURLAndNetErrors (issue 10 item 7): a request that cannot connect
// returns an error whose chain still holds net/http's *url.Error and the net.Error beneath it, as
// client-go's does, so code ported from client-go (errors.As, net.Error.Timeout) keeps working.
func TestIssue10_ConnectionErrorsKeepURLAndNetErrors(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	c := testClient(t, "http://"+addr, "", nil)
	c.maxRetries = 0
	err = c.Get().Resource("pods").Name("x").Do(context.Background()).Error()
	if err == nil {
		t.Fatal("request to a closed port succeeded")
	}
	var ue *url.Error
	if !errors.As(err, &ue) {
		t.Errorf("errors.As(%v, *url.Error) = false", err)
	}
	var ne net.Error
	if !errors.As(err, &ne) {
		t.Errorf("errors.As(%v, net.Error) = false", err)
	}
	var oe *net.OpError
	if !errors.As(err, &oe) {
		t.Errorf("errors.As(%v, *net.OpError) = false", err)
	}
	if msg := err.Error(); strings.Count(msg, "http://") != 1 || !strings.Contains(msg, "GET") {
		t.Errorf("message %q: want the method and the URL once", msg)
	}
}
