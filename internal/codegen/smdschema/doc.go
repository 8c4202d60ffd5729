// Package smdschema derives a structured-merge-diff schema (sigs.k8s.io/structured-merge-diff/v6
// schema.Schema) from Go API types as the generators load them (gengo types), without an OpenAPI
// step. It is the schema server-side apply needs: which lists merge by key and by which keys, which
// lists are sets, which maps and structs are atomic, and the defaults of list keys. The result is
// the same schema kube-apiserver derives from its published OpenAPI for the same types (an e2e test
// compares them kind by kind), so a merge computed with it is the apiserver's merge.
//
// # API
//
//	b := smdschema.NewBuilder(universe)
//	name := b.Add(deploymentType)   // "io.k8s.api.apps.v1.Deployment"; every reachable type is added
//	s, err := b.Schema()            // *schema.Schema, types sorted by name; all problems at once
//	yml, err := smdschema.YAML(s)   // deterministic YAML for typed.NewParser(typed.YAMLObject(yml))
//
// TypeName gives the schema name of a type without building anything: the package's
// +k8s:openapi-model-package tag followed by the type name, else the Go import path made
// REST-friendly (k8s.io/api/apps/v1.Deployment → io.k8s.api.apps.v1.Deployment), which is the name
// runtime.Scheme.ToOpenAPIDefinitionName gives the same type at run time.
//
// # What the schema honours
//
//   - Member markers +listType=atomic|set|map with +listMapKey (one tag per key, in order),
//     +mapType=atomic|granular, +structType=atomic|granular; type markers +structType and +mapType on
//     structs. Without +listType, the patchStrategy and patchMergeKey struct tags (or their comment
//     forms, which must agree): merge with a key is a map list, merge without one a set, retainKeys
//     atomic. Any other list is atomic.
//   - JSON names from the json tag; "-" and +k8s:openapi-gen=false members are left out; embedded
//     structs with an empty json name are inlined (as encoding/json does); ",string" members are
//     strings.
//   - Field defaults as kube-openapi's generator writes them: +default=<JSON> or +default=ref(Const),
//     else {} for non-pointer structs and the zero value for non-omitempty scalars. Server-side apply
//     uses them for list keys left out of an item (ports keyed by containerPort and protocol).
//   - apimachinery's special types: resource.Quantity, metav1.Time and MicroTime and
//     intstr.IntOrString are untyped scalars, metav1.Duration a string, runtime.RawExtension any
//     value owned whole; structs without JSON fields (metav1.FieldsV1) and interfaces are free-form.
//     Other types that declare their own OpenAPI schema (an OpenAPISchemaType method), whose shape
//     cannot be read from the Go type, are any value owned whole.
//
// Errors name the type and JSON field: +listType=map without keys, a key that is not a field of
// the item, a set of structs, unknown marker values, map keys that are not strings, and Go types
// JSON cannot hold (channels, functions, complex numbers). A marker on a member of the wrong kind
// (+listType on a pointer to a string, as k8s.io/api has) has no effect, as for kube-apiserver; it is
// logged at verbosity 1 and listed by Builder.Ignored.
//
// Layer: generator plumbing (internal/codegen). It imports gengo's types and tag parser,
// structured-merge-diff's schema and its YAML library, and the standard library; never a generator
// or the runtime.
package smdschema
