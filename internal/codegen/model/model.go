package model

import (
	"fmt"

	"k8s.io/gengo/v2/types"

	"github.com/kubegen/kubegen/internal/codegen/naming"
)

// Position is a place in a source file.
type Position struct {
	File string
	Line int
}

// String formats the position as file:line, or just the file when the line is unknown.
func (p Position) String() string {
	if p.Line <= 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}

// Tag is one "+name=value" comment tag as written in the source.
type Tag struct {
	// Name is the tag name without the leading "+", e.g. "genclient:method".
	Name string
	// Value is everything after the first "=", empty for flag tags such as "+genclient".
	Value string
	// HasValue tells "+x=" (empty value) from "+x".
	HasValue bool
	// Pos is where the tag was written.
	Pos Position
}

// String formats the tag as it appears in source.
func (t Tag) String() string {
	if t.HasValue {
		return "+" + t.Name + "=" + t.Value
	}
	return "+" + t.Name
}

// API is every group found in the inputs, sorted by group name.
type API struct {
	Groups []*Group
	// Universe is the package load the model was read from: generators that need more of the Go
	// types than the model holds (package tags, constants) look there.
	Universe types.Universe
}

// Group is one API group, e.g. "apps" or "" (the legacy core group).
type Group struct {
	// Name is the group name from +groupName ("" for core).
	Name string
	// GoName is the Go name used in generated identifiers: "Apps", "Core", or +groupGoName.
	GoName string
	// PackageName is the directory and package segment for the group's typed clients, e.g. "apps".
	PackageName string
	// Versions holds the group's versions, newest first in Kubernetes version order
	// (v2 > v1 > v1beta2 > v1beta1 > v1alpha1).
	Versions []*Version
}

// DocName is the group's name as documentation says it: "core" for the legacy group.
func (g *Group) DocName() string {
	if g.Name == "" {
		return "core"
	}
	return g.Name
}

// Version is one group/version: one Go package of API types.
type Version struct {
	Group *Group
	// Name is the version string, e.g. "v1beta1" (the package directory's name).
	Name string
	// Package is the Go package holding the types.
	Package *types.Package
	// Kinds are the +genclient kinds of the package, sorted by name.
	Kinds []*Kind
	// Tags are the package tags of doc.go (+groupName, +groupGoName, ...).
	Tags []Tag
	// HasAddToScheme tells whether the package declares AddToScheme (register.go).
	HasAddToScheme bool
	// off holds the generators doc.go turns off (+k8s:client-gen=false, ...); see Generates.
	off map[string]bool
}

// GoName is the version's Go name: "V1beta1".
func (v *Version) GoName() string { return naming.VersionGoName(v.Name) }

// GroupVersionGoName is "<Group><Version>", e.g. "AppsV1".
func (v *Version) GroupVersionGoName() string { return v.Group.GoName + v.GoName() }

// String is "group/version", with "core" for the legacy group.
func (v *Version) String() string { return v.Group.DocName() + "/" + v.Name }

// Kind is one +genclient type.
type Kind struct {
	Version *Version
	// Type is the API struct, e.g. apps/v1.Deployment.
	Type *types.Type
	// List is its list type, e.g. apps/v1.DeploymentList; nil when no verb needs one.
	List *types.Type
	// Name is the kind, e.g. "Deployment".
	Name string
	// Plural is the plural in the kind's case, e.g. "Deployments".
	Plural string
	// Resource is the lower-case resource name, e.g. "deployments".
	Resource string
	// Namespaced is false for +genclient:nonNamespaced kinds.
	Namespaced bool
	// HasStatus tells whether the struct has a Status field.
	HasStatus bool
	// StatusSubresource tells whether the kind has a status subresource: a Status field and no
	// +genclient:noStatus.
	StatusSubresource bool
	// Verbs are the standard verbs generated, in canonical order.
	Verbs []string
	// Methods are the +genclient:method extras, in source order.
	Methods []*Method
	// Tags are all of the kind's +genclient tags.
	Tags []Tag
	// Removed holds the kind's +k8s:prerelease-lifecycle-gen:removed tags (one when well formed),
	// read by RemovedIn.
	Removed []Tag
	// Pos is where the type is declared.
	Pos Position
}

// Has tells whether verb is among the kind's verbs.
func (k *Kind) Has(verb string) bool {
	for _, v := range k.Verbs {
		if v == verb {
			return true
		}
	}
	return false
}

// Method is an extra client method declared with +genclient:method.
type Method struct {
	// Name is the Go method name, e.g. "GetScale".
	Name string
	// Verb is one of the standard verbs, e.g. "get".
	Verb string
	// Subresource is the URL subresource, e.g. "scale"; empty for the main resource.
	Subresource string
	// Input is the type of the request body (create, update, apply); the kind itself by default.
	Input types.Name
	// Result is the type the server answers with; the kind itself by default.
	Result types.Name
	// Tag is the tag that declared the method.
	Tag Tag
}
