// Package apply is the runtime of server-side apply configurations: Extract recovers, from an object
// read from the apiserver, exactly the fields one field manager owns, as an apply configuration the
// manager can change and apply again without touching any other manager's fields.
//
// Generated Extract<Kind> functions are one line over it (the schema comes from the generated
// applyconfigurations/internal package, whose Parser holds the structured-merge-diff schema
// internal/codegen/smdschema derives from the Go types):
//
//	func ExtractDeploymentFrom(obj *appsv1.Deployment, fieldManager string, subresource string) (*DeploymentApplyConfiguration, error) {
//		return apply.Extract[DeploymentApplyConfiguration](obj, internal.Parser().Type("io.k8s.api.apps.v1.Deployment"),
//			schema.GroupVersionKind{Group: "apps", Version: "v1", Kind: "Deployment"}, fieldManager, subresource)
//	}
//
// Extract<Kind> passes "" as the subresource, Extract<Kind>Status "status", Extract<Kind>Scale "scale". The apply configuration is filled by
// decoding JSON-shaped values (runtime.DefaultUnstructuredConverter), so any type whose json tags
// match the API type's works: a generated <Kind>ApplyConfiguration, the API type itself, or
// *unstructured.Unstructured's content through ExtractInto with a map.
//
// What a manager owns is read from the object's managedFields entry for that manager, operation
// Apply and the subresource (fieldsV1, as the apiserver writes it), and cut out of the object with
// structured-merge-diff's typed values: the same computation client-go's Extract functions make.
// Entries of the manager's Update operations are not apply configurations and are not returned.
//
// Layer: beside package typed, below generated apply configurations; it imports apimachinery and
// structured-merge-diff only.
package apply
