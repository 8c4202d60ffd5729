package fake

import (
	"fmt"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
)

// selector is the namespace, label and field filter of a list, watch or delete-collection request.
type selector struct {
	resource  *Resource
	namespace string // "" matches every namespace
	labels    labels.Selector
	fields    fields.Selector
}

// newSelector parses the selectors of opts. Malformed selectors and fields the resource does not
// support are BadRequest errors, as from the apiserver.
func newSelector(r *Resource, namespace string, opts metav1.ListOptions) (*selector, error) {
	s := &selector{resource: r, namespace: namespace, labels: labels.Everything(), fields: fields.Everything()}
	if r.ClusterScoped {
		s.namespace = ""
	}
	var err error
	if opts.LabelSelector != "" {
		if s.labels, err = labels.Parse(opts.LabelSelector); err != nil {
			return nil, apierrors.NewBadRequest(err.Error())
		}
	}
	if opts.FieldSelector != "" {
		if s.fields, err = fields.ParseSelector(opts.FieldSelector); err != nil {
			return nil, apierrors.NewBadRequest(err.Error())
		}
		for _, req := range s.fields.Requirements() {
			if !r.supportsField(req.Field) {
				return nil, unsupportedField(r, req.Field)
			}
		}
	}
	return s, nil
}

// matches reports whether obj passes the namespace, label and field filters.
func (s *selector) matches(obj runtime.Object) bool {
	if obj == nil {
		return false
	}
	m, err := meta.Accessor(obj)
	if err != nil {
		return false
	}
	if s.namespace != "" && m.GetNamespace() != s.namespace {
		return false
	}
	if !s.labels.Empty() && !s.labels.Matches(labels.Set(m.GetLabels())) {
		return false
	}
	return s.fields.Empty() || s.fields.Matches(s.resource.fieldSet(obj))
}

// unsupportedField is the apiserver's error for a field selector the resource does not support:
// kinds with their own selectable fields word it one way, the others (and custom resources without
// selectableFields) another.
func unsupportedField(r *Resource, label string) error {
	if len(builtinFields[r.Resource]) > 0 {
		return apierrors.NewBadRequest(fmt.Sprintf("field label not supported: %s", label))
	}
	return apierrors.NewBadRequest(fmt.Sprintf("%q is not a known field selector: only %q, %q", label, "metadata.name", "metadata.namespace"))
}
