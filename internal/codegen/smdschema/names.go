package smdschema

import (
	"slices"
	"strings"

	"k8s.io/gengo/v2/types"
)

// modelPackageTag names the OpenAPI model package of a Go package (in doc.go) or of one type.
const modelPackageTag = "k8s:openapi-model-package"

// TypeName returns the schema name of the named type t: its +k8s:openapi-model-package (on the type,
// else in its package's doc.go) followed by the type name, else its import path made REST-friendly
// (k8s.io/api/apps/v1.Deployment → io.k8s.api.apps.v1.Deployment). Both are the names kube-apiserver
// and runtime.Scheme.ToOpenAPIDefinitionName give the type.
func TypeName(u types.Universe, t *types.Type) string {
	if pkg, ok := readTags(t.CommentLines).first(modelPackageTag); ok && pkg != "" {
		return pkg + "." + t.Name.Name
	}
	if p := u[t.Name.Package]; p != nil {
		if pkg, ok := readTags(p.Comments).first(modelPackageTag); ok && pkg != "" {
			return pkg + "." + t.Name.Name
		}
	}
	return restFriendly(t.Name.Package + "." + t.Name.Name)
}

// restFriendly turns "k8s.io/api/apps/v1.Deployment" into "io.k8s.api.apps.v1.Deployment": the
// first path segment, when it is a domain, is reversed, and slashes become dots.
func restFriendly(goName string) string {
	parts := strings.Split(goName, "/")
	if strings.Contains(parts[0], ".") {
		domain := strings.Split(parts[0], ".")
		slices.Reverse(domain)
		parts[0] = strings.Join(domain, ".")
	}
	return strings.Join(parts, ".")
}
