package typed

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/kubegen/kubegen/client/rest"
)

// ErrNilApplyConfiguration is returned when Apply, ApplyStatus or an apply method is given a nil
// apply configuration.
var ErrNilApplyConfiguration = errors.New("typed: apply configuration is nil")

// ApplyConfiguration is a generated <Kind>ApplyConfiguration (package applyconfigurations): it is
// sent as JSON, so exactly the fields set in it are applied, and it tells the name it sets (nil if
// none).
type ApplyConfiguration interface {
	GetName() *string
}

// ClientWithApply is Client whose Apply and ApplyStatus take apply configurations C instead of
// objects: the typed clients client-gen writes with --apply-configuration-package embed it.
type ClientWithApply[T Object, L runtime.Object, C ApplyConfiguration] struct {
	*Client[T, L]
}

// NewClientWithApply is NewClient for a ClientWithApply.
func NewClientWithApply[T Object, L runtime.Object, C ApplyConfiguration](resource string, client rest.Interface,
	parameterCodec runtime.ParameterCodec, namespace string, newObject func() T, newList func() L) *ClientWithApply[T, L, C] {
	return &ClientWithApply[T, L, C]{Client: NewClient(resource, client, parameterCodec, namespace, newObject, newList)}
}

// Apply creates or updates the object cfg names by server-side apply and returns it as stored:
// opts.FieldManager is required, opts.Force takes over fields other managers own. A nil cfg, one
// without a name and an empty FieldManager are errors before any request.
func (c *ClientWithApply[T, L, C]) Apply(ctx context.Context, cfg C, opts metav1.ApplyOptions) (T, error) {
	result := c.newObject()
	return result, c.core.ApplyConfiguration(ctx, cfg, opts, result)
}

// ApplyStatus is Apply through the status subresource: the manager comes to own the status fields
// cfg sets.
func (c *ClientWithApply[T, L, C]) ApplyStatus(ctx context.Context, cfg C, opts metav1.ApplyOptions) (T, error) {
	result := c.newObject()
	return result, c.core.ApplyConfiguration(ctx, cfg, opts, result, "status")
}

// ApplySubresourceConfiguration is ApplySubresource with an apply configuration (e.g. a
// ScaleApplyConfiguration for "scale") as the body: generated apply methods call it.
func (c *Client[T, L]) ApplySubresourceConfiguration(ctx context.Context, name, subresource string, cfg any,
	opts metav1.ApplyOptions, result runtime.Object) error {
	return c.core.ApplySubresourceConfiguration(ctx, name, subresource, cfg, opts, result)
}

// ApplySubresourceConfiguration is ApplySubresource with an apply configuration (e.g. a
// ScaleApplyConfiguration for "scale") as the body: generated apply methods call it.
func (c *ResourceClient) ApplySubresourceConfiguration(ctx context.Context, name, subresource string, cfg any,
	opts metav1.ApplyOptions, result runtime.Object) error {
	data, err := EncodeApplyConfiguration(c.resource+"/"+subresource, name, cfg, opts)
	if err != nil {
		return err
	}
	var subresources []string
	if subresource != "" {
		subresources = []string{subresource}
	}
	return applyPatch(ctx, c, name, data, opts, result, subresources...)
}

// EncodeApplyConfiguration checks an apply of cfg to the object called name of resource, as
// client-go does before sending it, and returns its JSON: ErrNilApplyConfiguration for a nil cfg,
// ErrFieldManagerRequired without opts.FieldManager, an error naming the resource without a name.
// The fake clients check the same way.
func EncodeApplyConfiguration(resource, name string, cfg any, opts metav1.ApplyOptions) ([]byte, error) {
	switch {
	case isNilValue(cfg):
		return nil, fmt.Errorf("%w (apply of %s)", ErrNilApplyConfiguration, resource)
	case name == "":
		return nil, fmt.Errorf("typed: apply of %s requires the configuration's name (WithName)", resource)
	case opts.FieldManager == "":
		return nil, ErrFieldManagerRequired
	}
	data, err := json.Marshal(cfg)
	if err != nil {
		return nil, fmt.Errorf("typed: encoding %T for apply of %s %q: %w", cfg, resource, name, err)
	}
	return data, nil
}

// isNilValue tells whether v is nil or a nil pointer.
func isNilValue(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}
