package testing

import (
	"context"
	"fmt"
	"io"

	"github.com/kubegen/kubegen/client/rest"
)

// ProxyReactor answers some gets through the apiserver's proxy (the ProxyGet helpers of pods,
// services and nodes), which the object tracker cannot answer.
type ProxyReactor interface {
	// Handles reports whether the reactor is to be tried on action.
	Handles(action Action) bool
	// React handles action, or returns handled=false to pass it on down the chain.
	React(action Action) (handled bool, ret rest.ResponseWrapper, err error)
}

// ProxyReactionFunc handles a proxy action: when it returns handled, ret is the request ProxyGet
// returns; a non-nil err becomes the error of that request's DoRaw and Stream.
type ProxyReactionFunc func(action Action) (handled bool, ret rest.ResponseWrapper, err error)

// SimpleProxyReactor is a ProxyReactor for the proxy gets of a resource ("pods", "services",
// "nodes"; "*" for any).
type SimpleProxyReactor struct {
	Resource string

	Reaction ProxyReactionFunc
}

// Handles reports whether action has the reactor's resource.
func (r *SimpleProxyReactor) Handles(action Action) bool {
	return resourceCovers(r.Resource, action)
}

// React runs the reactor's Reaction.
func (r *SimpleProxyReactor) React(action Action) (bool, rest.ResponseWrapper, error) {
	return r.Reaction(action)
}

// AddProxyReactor appends a proxy reactor for resource ("*" for any) to the chain.
func (f *Fake) AddProxyReactor(resource string, reaction ProxyReactionFunc) {
	addToChain(f, &f.ProxyReactionChain, ProxyReactor(&SimpleProxyReactor{Resource: resource, Reaction: reaction}), false)
}

// PrependProxyReactor puts a proxy reactor for resource ("*" for any) first in the chain:
//
//	client.PrependProxyReactor("services", func(a testing.Action) (bool, rest.ResponseWrapper, error) {
//		return true, fakeBody(`{"ok":true}`), nil
//	})
func (f *Fake) PrependProxyReactor(resource string, reaction ProxyReactionFunc) {
	addToChain(f, &f.ProxyReactionChain, ProxyReactor(&SimpleProxyReactor{Resource: resource, Reaction: reaction}), true)
}

// InvokesProxy records action and returns the request of the first proxy reactor that handles it.
// It never returns nil, where client-go's returns nil (and the caller's DoRaw panics): a reactor
// that handles the action with an error, or no reactor handling it, gives a request whose DoRaw
// and Stream return that error.
func (f *Fake) InvokesProxy(action Action) rest.ResponseWrapper {
	handled, ret, err := runChain(f, action, func() []ProxyReactor { return f.ProxyReactionChain }, false)
	switch {
	case !handled:
		return failedProxy{fmt.Errorf("testing: no proxy reactor handled the proxy get of %s %q in namespace %q",
			action.GetResource().Resource, proxyName(action), action.GetNamespace())}
	case err != nil:
		return failedProxy{err}
	case ret == nil:
		return failedProxy{fmt.Errorf("testing: the proxy reactor for %s %q returned no response",
			action.GetResource().Resource, proxyName(action))}
	}
	return ret
}

func proxyName(action Action) string {
	if p, ok := action.(ProxyGetAction); ok {
		return p.GetName()
	}
	return ""
}

// failedProxy is a request whose sending fails with err.
type failedProxy struct{ err error }

// DoRaw implements rest.ResponseWrapper.
func (p failedProxy) DoRaw(context.Context) ([]byte, error) { return nil, p.err }

// Stream implements rest.ResponseWrapper.
func (p failedProxy) Stream(context.Context) (io.ReadCloser, error) { return nil, p.err }
