package typed

import (
	"context"
	"encoding/json"
	"fmt"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// ApplySubresource applies body to the named object's subresource (e.g. "scale"; "" for the object
// itself) with server-side apply and reads the answer into result. body is sent as JSON and must carry its apiVersion and
// kind, which for a subresource are usually not the resource's own (a Deployment's scale is an
// autoscaling/v1 Scale). opts.FieldManager is required; opts.Force takes over fields other managers
// own. As with Apply, set only the fields you manage.
func (c *Client[T, L]) ApplySubresource(ctx context.Context, name, subresource string, body runtime.Object,
	opts metav1.ApplyOptions, result runtime.Object) error {
	return c.core.ApplySubresource(ctx, name, subresource, body, opts, result)
}

// ApplySubresource is Client.ApplySubresource.
func (c *ResourceClient) ApplySubresource(ctx context.Context, name, subresource string, body runtime.Object,
	opts metav1.ApplyOptions, result runtime.Object) error {
	data, err := applySubresourceBody(c, name, subresource, body, opts)
	if err != nil {
		return err
	}
	return applyPatch(ctx, c, name, data, opts, result, subresource)
}

// applySubresourceBody checks the arguments of ApplySubresource and encodes body.
func applySubresourceBody(c *ResourceClient, name, subresource string, body runtime.Object, opts metav1.ApplyOptions) ([]byte, error) {
	switch {
	case isNil(body):
		return nil, ErrNilObject
	case opts.FieldManager == "":
		return nil, ErrFieldManagerRequired
	case name == "":
		return nil, fmt.Errorf("typed: apply to %s/%s requires the object's name", c.resource, subresource)
	}
	if gvk := body.GetObjectKind().GroupVersionKind(); gvk.Kind == "" || gvk.Version == "" {
		return nil, fmt.Errorf("typed: apply to %s/%s %q: the body (%T) must set apiVersion and kind", c.resource, subresource, name, body)
	}
	data, err := json.Marshal(body)
	if err != nil {
		return nil, fmt.Errorf("typed: encoding %T for apply to %s/%s %q: %w", body, c.resource, subresource, name, err)
	}
	return data, nil
}
