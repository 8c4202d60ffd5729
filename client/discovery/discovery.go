package discovery

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/version"

	"github.com/kubegen/kubegen/client/rest"
)

// Interface is what clientsets expose as Discovery().
type Interface interface {
	// ServerVersion returns the server's /version.
	ServerVersion(ctx context.Context) (*version.Info, error)
	// ServerGroups returns every group the server serves (the legacy core group "" first), each with
	// its versions, preferred first.
	ServerGroups(ctx context.Context) (*metav1.APIGroupList, error)
	// ServerGroupsAndResources returns the groups and the resources of every group/version. When some
	// group/versions could not be discovered, the rest is returned with an *ErrGroupDiscoveryFailed.
	ServerGroupsAndResources(ctx context.Context) ([]*metav1.APIGroup, []*metav1.APIResourceList, error)
	// ServerResourcesForGroupVersion returns the resources of one group/version ("v1", "apps/v1").
	ServerResourcesForGroupVersion(ctx context.Context, groupVersion string) (*metav1.APIResourceList, error)
	// ServerPreferredResources returns the resources of each group's preferred version.
	ServerPreferredResources(ctx context.Context) ([]*metav1.APIResourceList, error)
}

// DiscoveryInterface is Interface under client-go's name, the type client-go's clientsets and fakes
// return from Discovery(), so declarations written against client-go compile. Its methods are
// client-go's DiscoveryInterfaceWithContext's under the names without the WithContext suffix: each
// takes a context.
type DiscoveryInterface = Interface

// ErrGroupDiscoveryFailed reports the group/versions whose resources could not be discovered, for
// example because the aggregated API server behind them is down.
type ErrGroupDiscoveryFailed struct {
	Groups map[schema.GroupVersion]error
}

// Error lists the failed group/versions in a stable order.
func (e *ErrGroupDiscoveryFailed) Error() string {
	var parts []string
	for gv, err := range e.Groups {
		parts = append(parts, fmt.Sprintf("%s: %v", gv, err))
	}
	sort.Strings(parts)
	return "unable to discover some group/versions: " + strings.Join(parts, "; ")
}

// IsGroupDiscoveryFailed reports whether err is (or wraps) an *ErrGroupDiscoveryFailed.
func IsGroupDiscoveryFailed(err error) bool {
	var e *ErrGroupDiscoveryFailed
	return errors.As(err, &e)
}

// Client discovers over a REST client. It caches nothing; wrap it with Memory or Disk for that.
type Client struct {
	rest rest.Interface
	// LegacyOnly, when set, skips aggregated discovery and reads the per-group documents.
	LegacyOnly bool
}

var _ Interface = (*Client)(nil)

// NewForConfig returns a discovery client for the server of c.
func NewForConfig(c *rest.Config) (*Client, error) {
	r, err := rest.UnversionedRESTClientFor(c)
	if err != nil {
		return nil, err
	}
	return New(r), nil
}

// NewForConfigAndClient is NewForConfig sharing an existing *http.Client (and its connections), as
// clientsets do.
func NewForConfigAndClient(c *rest.Config, h *http.Client) (*Client, error) {
	c = rest.CopyConfig(c)
	c.GroupVersion = &schema.GroupVersion{}
	c.APIPath = ""
	c.NegotiatedSerializer = codecs
	r, err := rest.RESTClientForConfigAndClient(c, h)
	if err != nil {
		return nil, err
	}
	return New(r), nil
}

// New returns a discovery client over r, which must address the server root (no group/version).
func New(r rest.Interface) *Client { return &Client{rest: r} }

// RESTClient returns the underlying REST client.
func (c *Client) RESTClient() rest.Interface { return c.rest }

// ServerVersion returns the server's /version.
func (c *Client) ServerVersion(ctx context.Context) (*version.Info, error) {
	body, err := c.rest.Get().AbsPath("/version").DoRaw(ctx)
	if err != nil {
		return nil, err
	}
	var info version.Info
	if err := decodeJSON(body, &info); err != nil {
		return nil, fmt.Errorf("discovery: decoding /version: %w", err)
	}
	return &info, nil
}

// ServerGroups returns every group the server serves.
func (c *Client) ServerGroups(ctx context.Context) (*metav1.APIGroupList, error) {
	s, err := c.fetch(ctx, false)
	if err != nil {
		return nil, err
	}
	return s.groupList(), nil
}

// ServerGroupsAndResources returns the groups and the resources of every group/version.
func (c *Client) ServerGroupsAndResources(ctx context.Context) ([]*metav1.APIGroup, []*metav1.APIResourceList, error) {
	s, err := c.fetch(ctx, true)
	if err != nil {
		return nil, nil, err
	}
	return s.groups(), s.resourceLists(), s.failure()
}

// ServerResourcesForGroupVersion returns the resources of one group/version.
func (c *Client) ServerResourcesForGroupVersion(ctx context.Context, groupVersion string) (*metav1.APIResourceList, error) {
	return c.legacyResources(ctx, groupVersion)
}

// ServerPreferredResources returns the resources of each group's preferred version.
func (c *Client) ServerPreferredResources(ctx context.Context) ([]*metav1.APIResourceList, error) {
	s, err := c.fetch(ctx, true)
	if err != nil {
		return nil, err
	}
	return s.preferred(), s.failure()
}
