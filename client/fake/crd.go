package fake

import (
	"fmt"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"sigs.k8s.io/yaml"
)

// crdDocument is the part of an apiextensions.k8s.io/v1 CustomResourceDefinition the tracker reads.
type crdDocument struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Spec       struct {
		Group string `json:"group"`
		Scope string `json:"scope"`
		Names struct {
			Plural string `json:"plural"`
			Kind   string `json:"kind"`
		} `json:"names"`
		Versions []struct {
			Name   string `json:"name"`
			Served bool   `json:"served"`
			Schema *struct {
				OpenAPIV3Schema *Schema `json:"openAPIV3Schema"`
			} `json:"schema"`
			Subresources *struct {
				Status *struct{} `json:"status"`
			} `json:"subresources"`
		} `json:"versions"`
	} `json:"spec"`
}

// customKind is what the tracker knows of a kind registered from a CustomResourceDefinition.
type customKind struct {
	schema        *Schema
	hasStatus     bool
	clusterScoped bool
}

// RegisterCRD registers the served versions of a CustomResourceDefinition, given as its YAML or JSON
// (apiextensions.k8s.io/v1), and returns their resources. Objects of its kind are then served as
// kube-apiserver serves custom resources: fields the version's openAPIV3Schema does not declare are
// pruned (unless x-kubernetes-preserve-unknown-fields), its defaults are set, and writes are validated
// against it (types, nullable, required, enum, minimum and maximum, multipleOf, minLength and
// maxLength, pattern, minItems, maxItems and uniqueItems, minProperties and maxProperties,
// x-kubernetes-int-or-string) with the apiserver's Invalid errors; with the status subresource,
// updates of the object ignore its status and updates of the status everything else. Clients made
// for these resources with NewClient, before or after, keep these settings. CEL rules
// (x-kubernetes-validations), formats, oneOf/anyOf/allOf/not and conversion between versions are not
// emulated.
func (t *Tracker) RegisterCRD(data []byte) ([]schema.GroupVersionResource, error) {
	var crd crdDocument
	if err := yaml.Unmarshal(data, &crd); err != nil {
		return nil, fmt.Errorf("fake: reading CustomResourceDefinition: %w", err)
	}
	if crd.APIVersion != "apiextensions.k8s.io/v1" || crd.Kind != "CustomResourceDefinition" {
		return nil, fmt.Errorf("fake: not an apiextensions.k8s.io/v1 CustomResourceDefinition: apiVersion %q, kind %q", crd.APIVersion, crd.Kind)
	}
	s := crd.Spec
	if s.Group == "" || s.Names.Plural == "" || s.Names.Kind == "" {
		return nil, fmt.Errorf("fake: CustomResourceDefinition: spec.group, spec.names.plural and spec.names.kind are required")
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	var gvrs []schema.GroupVersionResource
	for i, v := range s.Versions {
		if !v.Served {
			continue
		}
		if v.Schema == nil || v.Schema.OpenAPIV3Schema == nil {
			return nil, fmt.Errorf("fake: CustomResourceDefinition %s: spec.versions[%d].schema.openAPIV3Schema is required", s.Names.Plural, i)
		}
		root := v.Schema.OpenAPIV3Schema
		if err := root.compile(fmt.Sprintf("spec.versions[%d].schema.openAPIV3Schema", i)); err != nil {
			return nil, fmt.Errorf("fake: CustomResourceDefinition %s: %w", s.Names.Plural, err)
		}
		gvk := schema.GroupVersionKind{Group: s.Group, Version: v.Name, Kind: s.Names.Kind}
		ck := &customKind{schema: root, hasStatus: v.Subresources != nil && v.Subresources.Status != nil, clusterScoped: s.Scope == "Cluster"}
		if t.customKinds == nil {
			t.customKinds = map[schema.GroupVersionKind]*customKind{}
		}
		t.customKinds[gvk] = ck
		gvr := gvk.GroupVersion().WithResource(s.Names.Plural)
		r := Resource{Resource: gvr, Kind: gvk}
		if old, ok := t.resources[gvr]; ok {
			r = *old
		}
		r.NewObject = func() runtime.Object {
			u := &unstructured.Unstructured{}
			u.SetGroupVersionKind(gvk)
			return u
		}
		t.registerLocked(r)
		gvrs = append(gvrs, gvr)
	}
	return gvrs, nil
}

// asCustomKind gives a resource the settings of the CustomResourceDefinition registered for its
// kind, if any.
func (t *Tracker) asCustomKind(r *Resource) {
	if ck := t.customKinds[r.Kind]; ck != nil {
		r.CustomResource = true
		r.HasStatus = ck.hasStatus
		r.ClusterScoped = ck.clusterScoped
	}
}

// pruneAndDefault prunes and defaults a custom resource by its schema, as the apiserver decodes it.
func (t *Tracker) pruneAndDefault(r *Resource, obj runtime.Object) runtime.Object {
	ck := t.customKinds[r.Kind]
	if ck == nil {
		return obj
	}
	return onMap(obj, func(m map[string]any) {
		ck.schema.Prune(m, true)
		ck.schema.ApplyDefaults(m)
	})
}

// validateCustom validates a custom resource against its schema: all of it, or for an update of the
// status subresource its status, whose messages name fields from the status down.
func (t *Tracker) validateCustom(r *Resource, obj runtime.Object, subresource string) field.ErrorList {
	ck := t.customKinds[r.Kind]
	if ck == nil {
		return nil
	}
	m := toMap(obj)
	if subresource == "status" && ck.hasStatus {
		status, ok := m["status"]
		if !ok {
			return nil
		}
		return ck.schema.Properties["status"].validate(status, field.NewPath("status"), false, "status.")
	}
	return ck.schema.Validate(m, nil, true)
}
