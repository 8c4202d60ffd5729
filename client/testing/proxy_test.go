package testing_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/kubegen/kubegen/client/rest"
	core "github.com/kubegen/kubegen/client/testing"
)

// body is a proxied answer: DoRaw returns it, Stream reads it.
type body string

func (b body) DoRaw(context.Context) ([]byte, error) { return []byte(b), nil }
func (b body) Stream(context.Context) (io.ReadCloser, error) {
	return io.NopCloser(bytes.NewReader([]byte(b))), nil
}

func proxyReaction(log *[]string, name string, handled bool, err error) core.ProxyReactionFunc {
	return func(core.Action) (bool, rest.ResponseWrapper, error) {
		*log = append(*log, name)
		if !handled {
			return false, nil, nil
		}
		return true, body(name), err
	}
}

func doRaw(t *testing.T, w rest.ResponseWrapper) (string, error) {
	t.Helper()
	if w == nil {
		t.Fatal("InvokesProxy returned nil")
	}
	b, err := w.DoRaw(context.Background())
	return string(b), err
}

// Proxy reactors run in chain order (prepended first), filtered by resource; the first that handles
// the action answers, and the action is recorded as passed.
func TestProxyReactorOrder(t *testing.T) {
	var f core.Fake
	var log []string
	f.AddProxyReactor("services", proxyReaction(&log, "added", true, nil))
	f.AddProxyReactor("*", proxyReaction(&log, "added-later", true, nil))
	f.PrependProxyReactor("*", proxyReaction(&log, "prepended-first", false, nil))
	f.PrependProxyReactor("pods", proxyReaction(&log, "other-resource", true, nil))
	f.PrependProxyReactor("services", proxyReaction(&log, "prepended-last", false, nil))

	services := pods.GroupVersion().WithResource("services")
	action := core.NewProxyGetAction(services, "ns", "https", "web", "8443", "/healthz", map[string]string{"q": "1"})
	got, err := doRaw(t, f.InvokesProxy(action))
	if err != nil || got != "added" {
		t.Fatalf("answered %q (%v), want added", got, err)
	}
	if want := []string{"prepended-last", "prepended-first", "added"}; !slices.Equal(log, want) {
		t.Errorf("reactors ran %v, want %v", log, want)
	}
	recorded := f.Actions()
	if len(recorded) != 1 || !recorded[0].Matches("get", "services") {
		t.Fatalf("actions %v, want one get of services", recorded)
	}
	if p := recorded[0].(core.ProxyGetAction); p.GetName() != "web" || p.GetPort() != "8443" || p.GetPath() != "/healthz" || p.GetParams()["q"] != "1" {
		t.Errorf("recorded %#v, want the action as passed", p)
	}

	log = nil
	if got, _ := doRaw(t, f.InvokesProxy(core.NewProxyGetAction(pods, "ns", "http", "a", "80", "/", nil))); got != "other-resource" {
		t.Errorf("proxy to pods answered %q, want other-resource", got)
	}
}

// InvokesProxy never returns nil: a reactor's error and an unhandled action both give a request that
// fails when sent (client-go's returns nil, so the caller's DoRaw panics).
func TestInvokesProxyFailures(t *testing.T) {
	var f core.Fake
	action := core.NewProxyGetAction(pods, "ns", "http", "web-0", "80", "/", nil)
	if _, err := doRaw(t, f.InvokesProxy(action)); err == nil || !strings.Contains(err.Error(), `pods "web-0"`) {
		t.Errorf("no reactor: %v, want an error naming the pod", err)
	}
	if _, err := f.InvokesProxy(action).Stream(context.Background()); err == nil {
		t.Error("no reactor: Stream did not fail")
	}

	boom := errors.New("connection refused")
	var log []string
	f.PrependProxyReactor("pods", proxyReaction(&log, "failing", true, boom))
	if _, err := doRaw(t, f.InvokesProxy(action)); !errors.Is(err, boom) {
		t.Errorf("failing reactor: %v, want its error", err)
	}
	f.PrependProxyReactor("pods", func(core.Action) (bool, rest.ResponseWrapper, error) { return true, nil, nil })
	if _, err := doRaw(t, f.InvokesProxy(action)); err == nil {
		t.Error("a reactor answering nothing: no error")
	}
	if n := len(f.Actions()); n != 4 {
		t.Errorf("%d actions recorded, want 4", n)
	}
}
