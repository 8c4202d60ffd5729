// Package applyconfigurationgen is applyconfiguration-gen: from the API model of Go types tagged
// +genclient it writes, in client-go's layout (<output>/<group>/<version>), an apply configuration
// for every struct reachable from a kind that can be applied: <Type>ApplyConfiguration, whose
// fields are all pointers (or slices and maps) with omitempty, so that it encodes exactly the fields
// a field manager sets; a constructor (<Kind>(name[, namespace]) for kinds, setting apiVersion and
// kind); With<Field> builders (slices append, maps merge, nested structs take their own apply
// configuration, the fields of embedded TypeMeta and ObjectMeta are promoted); and GetName,
// GetNamespace, GetKind, GetAPIVersion where the typed clients need them. Every +genclient kind
// also gets client-go's Extract functions: Extract<Kind>From(obj, fieldManager, subresource),
// Extract<Kind>(obj, fieldManager), and Extract<Kind><Subresource> for its status subresource and
// the subresources of its +genclient:method extras, which return the fields one manager owns (read
// from managedFields by package client/apply). Their schema is derived from the Go types with
// internal/codegen/smdschema, no OpenAPI step, and written with its Parser into <output>/internal.
// meta/v1's apply
// configurations are kubegen's own (client/applyconfigurations/meta/v1), generated once by this
// generator with --kubegen-runtime-meta.
//
// The files are emitted directly rather than through a template per snippet: the apply
// configurations of k8s.io/api are thousands of files, and kubegen writes them in the same run as
// every other generator.
//
// Layer: generator (applyconfiguration-gen). It may import internal/codegen (model, applyconfig,
// naming, output, gofile), gengo, pflag and klog; the code it writes imports apimachinery and the
// packages of the API types.
package applyconfigurationgen
