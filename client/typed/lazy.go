package typed

import (
	"errors"
	"net/http"
	"sync"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/runtime/serializer"

	"github.com/kubegen/kubegen/client/rest"
)

// LazyScheme is the scheme of a generated typed package, filled on first use instead of at init. A
// scheme built at init costs start-up time and memory in every program that imports the package,
// which for a clientset means every group's, used or not. The zero value is ready to use and safe
// for concurrent use.
//
// Each method takes the registration function rather than LazyScheme holding it, so that nothing
// run at init refers to the function: the linker keeps it only in programs that build a client of
// the package.
type LazyScheme struct {
	once   sync.Once
	codecs serializer.CodecFactory
	params runtime.ParameterCodec
}

// Codecs returns the codecs of the scheme that register fills, calling register on the first use of
// s. register must be the same function on every call.
func (s *LazyScheme) Codecs(register func(*runtime.Scheme)) serializer.CodecFactory {
	s.build(register)
	return s.codecs
}

// ParameterCodec returns the parameter codec of the scheme that register fills, calling register on
// the first use of s. register must be the same function on every call.
func (s *LazyScheme) ParameterCodec(register func(*runtime.Scheme)) runtime.ParameterCodec {
	s.build(register)
	return s.params
}

func (s *LazyScheme) build(register func(*runtime.Scheme)) {
	s.once.Do(func() {
		scheme := runtime.NewScheme()
		register(scheme)
		s.codecs = serializer.NewCodecFactory(scheme)
		s.params = runtime.NewParameterCodec(scheme)
	})
}

// GroupSource is what a clientset builds its group clients from: the REST client that New was given,
// or else the configuration and HTTP client that NewForConfigAndClient checked.
type GroupSource struct {
	REST       rest.Interface
	Config     *rest.Config
	HTTPClient *http.Client
}

// Group is one group client of a clientset, built on first use so that a program links the typed
// packages (and their schemes) of only the groups it calls. The zero value is ready to use; Get is
// safe for concurrent use and returns the same client on every call.
type Group[C any] struct {
	once   sync.Once
	client C
}

// errNoSource is the error of group clients of a Clientset built neither by New nor from a config.
var errNoSource = errors.New("clientset: not built by NewForConfig, NewForConfigAndClient or New")

// Get returns the group client, building it on the first call: with newForREST over src.REST when it
// is set, else with newForConfig from src.Config and src.HTTPClient. Should that fail (a clientset
// rules it out when it is made, by building its discovery client from the same configuration and HTTP
// client, which fails wherever a group client would), the client is newForREST over a REST client
// whose every request returns the error: never nil, never a panic.
func (g *Group[C]) Get(src *GroupSource, gv schema.GroupVersion,
	newForConfig func(*rest.Config, *http.Client) (C, error), newForREST func(rest.Interface) C) C {
	g.once.Do(func() {
		switch {
		case src.REST != nil:
			g.client = newForREST(src.REST)
			return
		case src.Config == nil:
			g.client = newForREST(rest.ErrorClient(gv, errNoSource))
			return
		}
		client, err := newForConfig(src.Config, src.HTTPClient)
		if err != nil {
			client = newForREST(rest.ErrorClient(gv, err))
		}
		g.client = client
	})
	return g.client
}
