package discovery

import (
	"context"
	"fmt"
	"mime"
	"sync"

	apidiscoveryv2 "k8s.io/api/apidiscovery/v2"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// aggregatedAccept asks for aggregated discovery, accepting the legacy documents as a fallback.
const aggregatedAccept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json"

// legacyParallelism bounds the concurrent per-group/version requests of legacy discovery.
const legacyParallelism = 8

// fetch reads what the server serves: aggregated when offered, else the legacy documents. With
// resources false, legacy discovery stops after the group lists.
func (c *Client) fetch(ctx context.Context, resources bool) (*snapshot, error) {
	s := newSnapshot()
	for _, root := range []string{"/api", "/apis"} {
		if err := c.fetchRoot(ctx, root, s); err != nil {
			return nil, err
		}
	}
	if resources {
		c.fetchLegacyResources(ctx, s)
	}
	return s, nil
}

// fetchRoot reads /api or /apis into s, recording which group/versions still need their resources.
func (c *Client) fetchRoot(ctx context.Context, root string, s *snapshot) error {
	req := c.rest.Get().AbsPath(root)
	if !c.LegacyOnly {
		req.SetHeader("Accept", aggregatedAccept)
	}
	res := req.Do(ctx)
	body, err := res.Raw()
	if err != nil {
		if root == "/apis" && apierrors.IsNotFound(err) {
			return nil // very old servers have no /apis
		}
		return err
	}
	if isAggregated(res.ContentType()) {
		var list apidiscoveryv2.APIGroupDiscoveryList
		if err := decodeJSON(body, &list); err != nil {
			return fmt.Errorf("discovery: decoding aggregated %s: %w", root, err)
		}
		s.addAggregated(&list)
		return nil
	}
	if root == "/api" {
		var versions metav1.APIVersions
		if err := decodeJSON(body, &versions); err != nil {
			return fmt.Errorf("discovery: decoding /api: %w", err)
		}
		s.addLegacyCore(&versions)
		return nil
	}
	var groups metav1.APIGroupList
	if err := decodeJSON(body, &groups); err != nil {
		return fmt.Errorf("discovery: decoding /apis: %w", err)
	}
	s.addLegacyGroups(&groups)
	return nil
}

// isAggregated reports whether a response's Content-Type is the aggregated discovery list.
func isAggregated(contentType string) bool {
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	return params["g"] == "apidiscovery.k8s.io" && params["v"] == "v2" && params["as"] == "APIGroupDiscoveryList"
}

// fetchLegacyResources reads the resource list of every group/version still missing one, in parallel.
func (c *Client) fetchLegacyResources(ctx context.Context, s *snapshot) {
	var (
		mu  sync.Mutex
		wg  sync.WaitGroup
		sem = make(chan struct{}, legacyParallelism)
	)
	for _, gv := range s.pending {
		wg.Add(1)
		sem <- struct{}{}
		go func(gv schema.GroupVersion) {
			defer func() { <-sem; wg.Done() }()
			list, err := c.legacyResources(ctx, gv.String())
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				s.failed[gv] = err
				return
			}
			s.Resources[gv.String()] = list
		}(gv)
	}
	wg.Wait()
	s.pending = nil
}

// legacyResources reads /api/v1 or /apis/<group>/<version>.
func (c *Client) legacyResources(ctx context.Context, groupVersion string) (*metav1.APIResourceList, error) {
	gv, err := schema.ParseGroupVersion(groupVersion)
	if err != nil {
		return nil, fmt.Errorf("discovery: %w", err)
	}
	if gv.Version == "" {
		return nil, fmt.Errorf("discovery: group/version %q has no version", groupVersion)
	}
	path := "/apis/" + gv.Group + "/" + gv.Version
	if gv.Group == "" {
		path = "/api/" + gv.Version
	}
	body, err := c.rest.Get().AbsPath(path).DoRaw(ctx)
	if err != nil {
		return nil, err
	}
	var list metav1.APIResourceList
	if err := decodeJSON(body, &list); err != nil {
		return nil, fmt.Errorf("discovery: decoding %s: %w", path, err)
	}
	if list.GroupVersion == "" {
		list.GroupVersion = groupVersion
	}
	return &list, nil
}
