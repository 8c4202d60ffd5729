package fake

import "k8s.io/apimachinery/pkg/runtime"

// Option adjusts the Resource a Client registers with its tracker.
type Option func(*Resource)

// WithStatusSubresource declares that the resource has a status subresource: Update keeps the stored
// status, UpdateStatus changes only the status, and metadata.generation follows spec changes.
func WithStatusSubresource() Option { return func(r *Resource) { r.HasStatus = true } }

// ClusterScoped declares that the resource lives outside namespaces.
func ClusterScoped() Option { return func(r *Resource) { r.ClusterScoped = true } }

// AsCustomResource declares that the resource is served from a CustomResourceDefinition, so strategic
// merge patches are refused as the apiserver refuses them.
func AsCustomResource() Option { return func(r *Resource) { r.CustomResource = true } }

// WithSelectableField lets field selectors use label, whose value for an object is value(obj).
func WithSelectableField(label string, value func(obj runtime.Object) string) Option {
	return func(r *Resource) {
		fields := make(map[string]func(runtime.Object) string, len(r.SelectableFields)+1)
		for k, v := range r.SelectableFields {
			fields[k] = v
		}
		fields[label] = value
		r.SelectableFields = fields
	}
}

// WithSchemaType names the resource's type in the tracker's schema (see Tracker.SetSchema), for
// custom resources and for kinds the scheme does not name as the schema does.
func WithSchemaType(name string) Option { return func(r *Resource) { r.SchemaType = name } }
